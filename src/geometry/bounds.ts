import type { PolygonSet } from '../model/polygon-set.js';

/** A box in lon/lat: [minLon, minLat, maxLon, maxLat]. */
export type Bounds = [number, number, number, number];

/** The box around polygons `from` to `to` (exclusive) of a set; null when there are none. */
export function boundsOf(set: PolygonSet, from = 0, to = set.polygonCount): Bounds | null {
  if (to <= from) return null;
  const box: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (let p = from; p < to; p++) include(box, set.bbox, p);
  return box;
}

/** Each owner's box (owners 0 … count − 1), null for an owner without polygons. */
export function boundsByOwner(set: PolygonSet, count: number): (Bounds | null)[] {
  const boxes: (Bounds | null)[] = new Array(count).fill(null);
  for (let p = 0; p < set.polygonCount; p++) {
    const owner = set.owner[p];
    boxes[owner] ??= [Infinity, Infinity, -Infinity, -Infinity];
    include(boxes[owner], set.bbox, p);
  }
  return boxes;
}

/** Widens `box` to polygon p's box: the one loop over `bbox` every extent is built by. */
function include(box: Bounds, bbox: ArrayLike<number>, p: number): void {
  box[0] = Math.min(box[0], bbox[4 * p]);
  box[1] = Math.min(box[1], bbox[4 * p + 1]);
  box[2] = Math.max(box[2], bbox[4 * p + 2]);
  box[3] = Math.max(box[3], bbox[4 * p + 3]);
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

/** The box around a flat ring [x0, y0, x1, y1, …]. */
export function ringBounds(ring: ArrayLike<number>): Bounds {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < ring.length; k += 2) {
    minX = Math.min(minX, ring[k]);
    maxX = Math.max(maxX, ring[k]);
    minY = Math.min(minY, ring[k + 1]);
    maxY = Math.max(maxY, ring[k + 1]);
  }
  return [minX, minY, maxX, maxY];
}
