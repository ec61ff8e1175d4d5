import type { Path64, Paths64 } from 'clipper2-ts';
import type { PolygonSet } from '../model/polygon-set.js';
import { ringSignedArea } from './area.js';

/**
 * Clipper works on integers: 1e7 units per degree, the 7 decimals every output is rounded to
 * (about 1 cm), so polygons from Clipper come out already on the output grid.
 */
export const CLIP_SCALE = 1e7;

/**
 * Whether a closed flat ring (vertices start..end-1) must be read backwards for Clipper's NonZero
 * filling: shells counter-clockwise, holes clockwise.
 */
export function readBackwards(
  coords: ArrayLike<number>,
  start: number,
  end: number,
  isShell: boolean,
): boolean {
  return ringSignedArea(coords, start, end) > 0 !== isShell;
}

/** A closed flat lon/lat ring as an integer path, without the closing vertex. */
export function ringToPath(
  ring: ArrayLike<number>,
  start = 0,
  end = ring.length / 2,
  reverse = false,
): Path64 {
  const path: Path64 = [];
  for (let k = 0; k < end - 1 - start; k++) {
    const v = reverse ? end - 2 - k : start + k;
    path.push({ x: Math.round(ring[2 * v] * CLIP_SCALE), y: Math.round(ring[2 * v + 1] * CLIP_SCALE) });
  }
  return path;
}

/** A closed lon/lat ring from an integer path. */
export function pathToRing(path: Path64): Float64Array {
  const ring = new Float64Array(2 * (path.length + 1));
  path.forEach((pt, k) => {
    ring[2 * k] = pt.x / CLIP_SCALE;
    ring[2 * k + 1] = pt.y / CLIP_SCALE;
  });
  ring[2 * path.length] = ring[0];
  ring[2 * path.length + 1] = ring[1];
  return ring;
}

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
