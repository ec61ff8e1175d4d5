import type { Paths64 } from 'clipper2-ts';
import { readBackwards, ringToPath } from '../geometry/integer-paths.js';
import type { PolygonSet } from '../model/polygon-set.js';

export { CLIP_SCALE, pathToRing } from '../geometry/integer-paths.js';

/** Polygon p's rings as integer paths: shell counter-clockwise, holes clockwise, without the closing vertex. */
export function polygonPaths(set: PolygonSet, p: number, out: Paths64 = []): Paths64 {
  const { ringStart, ringOffset, coords } = set;
  for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
    const start = ringOffset[r];
    const end = ringOffset[r + 1];
    out.push(ringToPath(coords, start, end, readBackwards(coords, start, end, r === ringStart[p])));
  }
  return out;
}
