import { orient2d } from 'robust-predicates';
import type { PolygonSet } from '../model/polygon-set.js';

/**
 * Whether polygon p of the set covers (x, y): inside or on its boundary, outside its holes —
 * PostGIS `ST_Intersects` for a point, planar in lon/lat. Even-odd crossing over all rings, with
 * the orientation test done exactly (Shewchuk's adaptive predicate), so a point on an edge or a
 * vertex is found to be there however the edge is sloped.
 */
export function polygonCovers(set: PolygonSet, p: number, x: number, y: number): boolean {
  const { ringStart, ringOffset, coords } = set;
  let inside = false;
  for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
    const end = ringOffset[r + 1];
    for (let v = ringOffset[r]; v < end - 1; v++) {
      const ax = coords[2 * v];
      const ay = coords[2 * v + 1];
      const bx = coords[2 * v + 2];
      const by = coords[2 * v + 3];
      if (ay > y !== by > y) {
        // robust-predicates returns a negative value for a counter-clockwise triple (its README has it backwards).
        const o = orient2d(ax, ay, bx, by, x, y);
        if (o === 0) return true;
        if (o < 0 === by > ay) inside = !inside;
      } else if (ay === y) {
        if (by === y ? ax <= x !== bx < x || ax === x || bx === x : ax === x) return true;
      } else if (by === y && bx === x) {
        return true;
      }
    }
  }
  return inside;
}
