import type { PolygonSet } from '../model/polygon-set.js';

/** A box in lon/lat: [minLon, minLat, maxLon, maxLat]. */
export type Bounds = [number, number, number, number];

/** The box around polygons `from` to `to` (exclusive) of a set; null when there are none. */
export function boundsOf(set: PolygonSet, from = 0, to = set.polygonCount): Bounds | null {
  if (to <= from) return null;
  const box: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (let p = from; p < to; p++) {
    box[0] = Math.min(box[0], set.bbox[4 * p]);
    box[1] = Math.min(box[1], set.bbox[4 * p + 1]);
    box[2] = Math.max(box[2], set.bbox[4 * p + 2]);
    box[3] = Math.max(box[3], set.bbox[4 * p + 3]);
  }
  return box;
}

/** The share of `box`'s area that `other` overlaps (in degrees², enough to compare boxes at one latitude). */
export function overlapShare(box: Bounds, other: Bounds): number {
  const width = Math.min(box[2], other[2]) - Math.max(box[0], other[0]);
  const height = Math.min(box[3], other[3]) - Math.max(box[1], other[1]);
  if (width <= 0 || height <= 0) return 0;
  const area = (box[2] - box[0]) * (box[3] - box[1]);
  // A box of no area (a point or a line) is overlapped wholly or not at all.
  return area > 0 ? (width * height) / area : 1;
}
