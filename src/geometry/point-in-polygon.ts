import { orient2d } from 'robust-predicates';
import type { PolygonSet } from '../model/polygon-set.js';
import { bandOf, type EdgeBands } from './edge-bands.js';

/**
 * Whether polygon p of the set covers (x, y): inside or on its boundary, outside its holes —
 * PostGIS `ST_Intersects` for a point, planar in lon/lat. Even-odd crossing over all rings, with
 * the orientation test done exactly (Shewchuk's adaptive predicate), so a point on an edge or a
 * vertex is found to be there however the edge is sloped. With `bands`, a large polygon reads only
 * the edges of the point's band (the same answer, see edge-bands.ts).
 */
export function polygonCovers(set: PolygonSet, p: number, x: number, y: number, bands?: EdgeBands): boolean {
  const { ringStart, ringOffset, coords } = set;
  let inside = false;
  const first = bands ? bands.firstBand[p] : -1;
  if (bands && first >= 0) {
    const band = first + bandOf(y, bands.minY[p], bands.height[p], bands.bandCount[p]);
    const state = bandCrossings(
      coords,
      bands.bandEdges,
      bands.bandOffset[band],
      bands.bandOffset[band + 1],
      x,
      y,
    );
    return state !== MISSES;
  }
  for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
    const state = ringCrossings(coords, ringOffset[r], ringOffset[r + 1], x, y);
    if (state === ON_BOUNDARY) return true;
    if (state === CROSSES) inside = !inside;
  }
  return inside;
}

/** robust-predicates' error bound for orient2d's fast path (its `ccwerrboundA`), epsilon = 2^-53. */
const ORIENT_BOUND = (3 + 16 * 2 ** -53) * 2 ** -53;
/** `straddling`'s answer when orient2d's fast path cannot call it. */
const UNSURE = 3;

/**
 * `crossing` over the closed ring of vertices first..end-1 (the hot loop of classification):
 * ON_BOUNDARY, else CROSSES for an odd count of crossings, else MISSES. The loop makes no call:
 * a vertex at the point's y (or a product that underflows) and an orientation too close for the
 * fast path leave it for the edge-by-edge test, which calls orient2d.
 */
export function ringCrossings(
  coords: Float64Array,
  first: number,
  end: number,
  x: number,
  y: number,
): number {
  let inside = 0;
  let ax = coords[2 * first];
  let ay = coords[2 * first + 1];
  for (let v = first + 1; v < end; v++) {
    const bx = coords[2 * v];
    const by = coords[2 * v + 1];
    // Negative: the edge straddles y; zero: a vertex on y (or underflow), decided edge by edge.
    const side = (ay - y) * (by - y);
    if (side < 0) {
      const edge = straddling(ax, ay, bx, by, x, y);
      if (edge === UNSURE) return ringCrossingsByEdge(coords, first, end, x, y);
      if (edge === ON_BOUNDARY) return ON_BOUNDARY;
      inside ^= edge;
    } else if (side === 0) {
      return ringCrossingsByEdge(coords, first, end, x, y);
    }
    ax = bx;
    ay = by;
  }
  return inside;
}

/** `ringCrossings` over the edges bandEdges[from..to) (each the index of its first vertex). */
function bandCrossings(
  coords: Float64Array,
  bandEdges: Uint32Array,
  from: number,
  to: number,
  x: number,
  y: number,
): number {
  let inside = 0;
  for (let k = from; k < to; k++) {
    const v = bandEdges[k];
    const ay = coords[2 * v + 1];
    const by = coords[2 * v + 3];
    const side = (ay - y) * (by - y);
    if (side < 0) {
      const edge = straddling(coords[2 * v], ay, coords[2 * v + 2], by, x, y);
      if (edge === UNSURE) return bandCrossingsByEdge(coords, bandEdges, from, to, x, y);
      if (edge === ON_BOUNDARY) return ON_BOUNDARY;
      inside ^= edge;
    } else if (side === 0) {
      return bandCrossingsByEdge(coords, bandEdges, from, to, x, y);
    }
  }
  return inside;
}

/**
 * `crossing` for an edge that straddles y (neither end on it), with orient2d's fast path inline:
 * the same sign where that path decides, UNSURE where robust-predicates would go adaptive.
 */
function straddling(ax: number, ay: number, bx: number, by: number, x: number, y: number): number {
  // Wholly right of the point, the edge crosses the ray; wholly left, it misses.
  if (ax > x && bx > x) return CROSSES;
  if (ax < x && bx < x) return MISSES;
  const detLeft = (ay - y) * (bx - x);
  const detRight = (ax - x) * (by - y);
  const det = detLeft - detRight;
  if (!(Math.abs(det) >= ORIENT_BOUND * Math.abs(detLeft + detRight))) return UNSURE;
  if (det === 0) return ON_BOUNDARY;
  // Negative: counter-clockwise, as robust-predicates signs it.
  return (det < 0 ? by > ay : by < ay) ? CROSSES : MISSES;
}

function ringCrossingsByEdge(coords: Float64Array, first: number, end: number, x: number, y: number): number {
  let inside = 0;
  for (let v = first; v < end - 1; v++) {
    const edge = crossing(coords, v, x, y);
    if (edge === ON_BOUNDARY) return ON_BOUNDARY;
    inside ^= edge;
  }
  return inside;
}

function bandCrossingsByEdge(
  coords: Float64Array,
  bandEdges: Uint32Array,
  from: number,
  to: number,
  x: number,
  y: number,
): number {
  let inside = 0;
  for (let k = from; k < to; k++) {
    const edge = crossing(coords, bandEdges[k], x, y);
    if (edge === ON_BOUNDARY) return ON_BOUNDARY;
    inside ^= edge;
  }
  return inside;
}

const MISSES = 0;
export const CROSSES = 1;
export const ON_BOUNDARY = 2;

/** Whether the edge from vertex v to v+1 crosses the ray from (x, y) towards +x (half-open in y), or (x, y) lies on it. */
export function crossing(coords: ArrayLike<number>, v: number, x: number, y: number): number {
  const ax = coords[2 * v];
  const ay = coords[2 * v + 1];
  const bx = coords[2 * v + 2];
  const by = coords[2 * v + 3];
  if (ay > y !== by > y) {
    // Wholly left or wholly right of the point, the edge meets the line y = const left or right of
    // it: decided by comparisons, exactly; only an edge spanning x needs the orientation test.
    if (ax < x && bx < x) return MISSES;
    if (ax > x && bx > x) return CROSSES;
    // robust-predicates returns a negative value for a counter-clockwise triple (its README has it backwards).
    const o = orient2d(ax, ay, bx, by, x, y);
    if (o === 0) return ON_BOUNDARY;
    return o < 0 === by > ay ? CROSSES : MISSES;
  }
  if (ay === y) {
    if (by === y ? ax <= x !== bx < x || ax === x || bx === x : ax === x) return ON_BOUNDARY;
  } else if (by === y && bx === x) {
    return ON_BOUNDARY;
  }
  return MISSES;
}
