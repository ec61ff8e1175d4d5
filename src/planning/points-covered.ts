import { polygonCovers } from '../geometry/point-in-polygon.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { PointGrid } from '../spatial/point-grid.js';

/**
 * Calls `visit` with every point of the grid that polygon p of `set` covers: the grid's cells under
 * the polygon's box, the box itself, then the exact test the classification makes (an edge covers).
 * `accept(i)` may skip a point before the exact test.
 */
export function forEachPointCovered(
  set: PolygonSet,
  p: number,
  lon: Float64Array,
  lat: Float64Array,
  grid: PointGrid,
  visit: (i: number) => void,
  accept: (i: number) => boolean = () => true,
): void {
  const { bbox } = set;
  const minX = bbox[4 * p];
  const minY = bbox[4 * p + 1];
  const maxX = bbox[4 * p + 2];
  const maxY = bbox[4 * p + 3];
  grid.forEachInBox(minX, minY, maxX, maxY, (i) => {
    const x = lon[i];
    const y = lat[i];
    if (x < minX || x > maxX || y < minY || y > maxY || !accept(i)) return;
    if (polygonCovers(set, p, x, y)) visit(i);
  });
}
