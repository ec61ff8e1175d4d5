import Flatbush from 'flatbush';
import { ringBounds } from './bounds.js';
import { CROSSES, crossing, ON_BOUNDARY } from './point-in-polygon.js';
import { type RingLocator, SLAB_SAFE, slabLocator } from './ring-locator.js';

/** Above this many holes their boxes are indexed (with finite coordinates): 4,000 holes paired took 2.3 s. */
const HOLES_INDEXED_ABOVE = 64;
/** Rings with more edges than this are asked through a slab locator, built once: O(log n) a point. */
const LOCATE_ABOVE = 64;

/** Why the holes of a polygon without crossings are misplaced, and which hole. */
export interface HolePlacementProblem {
  reason: 'hole-outside-shell' | 'nested-holes';
  ring: number;
  at: [number, number];
}

/**
 * With no crossings, one vertex off the other ring's boundary says which side a whole ring is on.
 * Above `indexAbove` holes (at most HOLES_INDEXED_ABOVE when finite), hole boxes are indexed, so
 * 10^5 holes take O(n log n) instead of every pair: the same answer, as only rings whose boxes meet are asked.
 * With a finite `indexAbove` (finite coordinates), a ring of many edges is asked through a cached
 * slab locator, so a comb-shaped hole whose box covers every other hole stays O(log n) a question.
 */
export function holesProblem(
  rings: readonly Float64Array[],
  indexAbove: number,
): HolePlacementProblem | undefined {
  const indexed =
    rings.length - 1 > (Number.isFinite(indexAbove) ? Math.min(indexAbove, HOLES_INDEXED_ABOVE) : indexAbove);
  const locators = new Map<number, RingLocator>();
  const locate = (r: number): RingLocator => {
    const ring = rings[r];
    if (!Number.isFinite(indexAbove) || ring.length / 2 - 1 <= LOCATE_ABOVE)
      return (x, y) => pointInRing(x, y, ring);
    let found = locators.get(r);
    if (!found) {
      // A spiral's slabs would hold O(n²) edges: it keeps the ray over an index of its edges.
      const slabs = slabLocator(ring);
      found = slabs
        ? (x, y) =>
            Math.abs(x) <= SLAB_SAFE && Math.abs(y) <= SLAB_SAFE ? slabs(x, y) : pointInRing(x, y, ring)
        : ringLocator(ring);
      locators.set(r, found);
    }
    return found;
  };
  const inShell = locate(0);
  const holeBoxes = indexed ? boxIndex(rings) : undefined;
  for (let h = 1; h < rings.length; h++) {
    const hole = rings[h];
    if (sideOf(hole, inShell) === -1)
      return { reason: 'hole-outside-shell', ring: h, at: [hole[0], hole[1]] };
    // A hole inside another has a vertex inside it, so their boxes meet: only those are asked.
    const others = holeBoxes ? candidates(holeBoxes, hole) : undefined;
    const count = others ? others.length : rings.length - 1;
    for (let k = 0; k < count; k++) {
      const g = others ? others[k] + 1 : k + 1;
      if (g !== h && sideOf(hole, locate(g)) === 1)
        return { reason: 'nested-holes', ring: h, at: [hole[0], hole[1]] };
    }
  }
  return undefined;
}

/** 1 if `ring` lies inside the ring `side` locates points in, −1 outside, 0 if every vertex is on its boundary. */
function sideOf(ring: Float64Array, side: (x: number, y: number) => number): number {
  for (let k = 0; k < ring.length / 2 - 1; k++) {
    const s = side(ring[2 * k], ring[2 * k + 1]);
    if (s !== 0) return s;
  }
  return 0;
}

/** 1 inside, −1 outside, 0 on the boundary (exact). */
export function pointInRing(x: number, y: number, ring: Float64Array): number {
  let inside = false;
  for (let v = 0; v < ring.length / 2 - 1; v++) {
    const edge = crossing(ring, v, x, y);
    if (edge === ON_BOUNDARY) return 0;
    if (edge === CROSSES) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** pointInRing over the edges whose boxes meet the ray towards +x: the only ones that cross it or hold the point. */
function ringLocator(ring: Float64Array): (x: number, y: number) => number {
  const edges = ring.length / 2 - 1;
  const index = new Flatbush(edges);
  for (let v = 0; v < edges; v++) {
    const ax = ring[2 * v];
    const ay = ring[2 * v + 1];
    const bx = ring[2 * v + 2];
    const by = ring[2 * v + 3];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  return (x, y) => {
    let inside = false;
    for (const v of index.search(x, y, Number.POSITIVE_INFINITY, y)) {
      const edge = crossing(ring, v, x, y);
      if (edge === ON_BOUNDARY) return 0;
      if (edge === CROSSES) inside = !inside;
    }
    return inside ? 1 : -1;
  };
}

/** The boxes of rings 1… (the holes), item k for ring k + 1. */
function boxIndex(rings: readonly Float64Array[]): Flatbush {
  const index = new Flatbush(rings.length - 1);
  for (let r = 1; r < rings.length; r++) {
    const box = ringBounds(rings[r]);
    index.add(box[0], box[1], box[2], box[3]);
  }
  index.finish();
  return index;
}

function candidates(index: Flatbush, ring: Float64Array): number[] {
  const box = ringBounds(ring);
  return index.search(box[0], box[1], box[2], box[3]);
}
