import type { PolygonSet } from '../model/polygon-set.js';
import { laeaForward } from './laea.js';

const xy = new Float64Array(2);

/**
 * Ellipsoidal area in m² of a closed lon/lat ring (unsigned), as planar area in the equal-area
 * EPSG:3035. Coordinates are taken relative to the first vertex so the shoelace keeps its precision.
 */
export function ringAreaM2(coords: ArrayLike<number>, start: number, end: number): number {
  if (end - start < 4) return 0;
  laeaForward(coords[2 * start], coords[2 * start + 1], xy);
  const x0 = xy[0];
  const y0 = xy[1];
  let sum = 0;
  let px = 0;
  let py = 0;
  for (let v = start + 1; v < end; v++) {
    laeaForward(coords[2 * v], coords[2 * v + 1], xy);
    const x = xy[0] - x0;
    const y = xy[1] - y0;
    sum += px * y - x * py;
    px = x;
    py = y;
  }
  return Math.abs(sum) / 2;
}

/** Planar signed area of a lon/lat ring: positive when counter-clockwise (the RFC 7946 shell order). */
export function ringSignedArea(coords: ArrayLike<number>, start: number, end: number): number {
  const x0 = coords[2 * start];
  const y0 = coords[2 * start + 1];
  let sum = 0;
  for (let v = start + 1; v < end - 1; v++) {
    const ax = coords[2 * v] - x0;
    const ay = coords[2 * v + 1] - y0;
    const bx = coords[2 * v + 2] - x0;
    const by = coords[2 * v + 3] - y0;
    sum += ax * by - bx * ay;
  }
  return sum / 2;
}

/** Ellipsoidal area of polygon p of a set: shell minus holes. */
export function polygonAreaM2(set: PolygonSet, p: number): number {
  let area = 0;
  for (let r = set.ringStart[p]; r < set.ringStart[p + 1]; r++) {
    const a = ringAreaM2(set.coords, set.ringOffset[r], set.ringOffset[r + 1]);
    area += r === set.ringStart[p] ? a : -a;
  }
  return area;
}
