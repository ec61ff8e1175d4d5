import Flatbush from 'flatbush';
import type { PolygonSet } from '../model/polygon-set.js';

/**
 * A packed Hilbert R-tree over the polygons' bounding boxes, in one SharedArrayBuffer:
 * a worker revives it with `Flatbush.from(index.data)` without a copy.
 */
export function buildPolygonIndex(set: PolygonSet): Flatbush {
  const index = new Flatbush(Math.max(1, set.polygonCount), 16, Float64Array, SharedArrayBuffer);
  const { bbox } = set;
  for (let p = 0; p < set.polygonCount; p++) {
    index.add(bbox[4 * p], bbox[4 * p + 1], bbox[4 * p + 2], bbox[4 * p + 3]);
  }
  // Flatbush needs as many items as it was sized for; an empty set gets one box that matches nothing.
  if (set.polygonCount === 0) index.add(Number.NaN, Number.NaN, Number.NaN, Number.NaN);
  index.finish();
  return index;
}

export function revivePolygonIndex(data: ArrayBufferLike): Flatbush {
  return Flatbush.from(data);
}
