import type { Classification } from './classify.js';

/** The white-spot household points (in a region, no operator's LTE) of each region: CSR over shared memory. */
export interface WhiteSpots {
  /** Region r's points are points[offsets[r] .. offsets[r + 1]], by their index, ascending. */
  offsets: Int32Array;
  points: Int32Array;
}

/** Two passes over the classification: each region's white-spot points, for its dead zones to take. */
export function whiteSpotsByRegion(
  classification: Classification,
  lteMask: number,
  regionCount: number,
): WhiteSpots {
  const { mask, region } = classification;
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (regionCount + 1)));
  for (let i = 0; i < region.length; i++) {
    const r = region[i];
    if (r >= 0 && (mask[i] & lteMask) === 0) offsets[r + 1]++;
  }
  for (let r = 0; r < regionCount; r++) offsets[r + 1] += offsets[r];
  const points = new Int32Array(
    new SharedArrayBuffer(4 * Math.max(1, offsets[regionCount])),
    0,
    offsets[regionCount],
  );
  const next = offsets.slice(0, regionCount);
  for (let i = 0; i < region.length; i++) {
    const r = region[i];
    if (r >= 0 && (mask[i] & lteMask) === 0) points[next[r]++] = i;
  }
  return { offsets, points };
}
