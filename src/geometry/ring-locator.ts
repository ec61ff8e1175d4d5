import { orient2d } from 'robust-predicates';

/**
 * Coordinates (of ring and point) at most this large keep orient2d's products finite; the slabs ask it
 * where pointInRing decides by comparisons, so larger ones must be asked the plain way.
 */
export const SLAB_SAFE = 1e150;

/** Where a point lies against a ring: 1 inside, −1 outside, 0 on the boundary (exact). */
export type RingLocator = (x: number, y: number) => number;

/**
 * A slab locator (Dobkin–Lipton) for a simple ring: the ring's vertex levels cut the plane into
 * slabs in which its edges never cross, so they are ordered across the slab and a binary search with
 * exact orientation tests counts the edges right of a point — O(log n) per point, the same answer as
 * pointInRing. Slabs run along y or, on the ring with x and y swapped (a reflection keeps
 * inside/outside), along x, whichever holds fewer edges; undefined when both hold more than
 * `budget` (a spiral), so the caller keeps its plain test.
 */
export function slabLocator(
  ring: Float64Array,
  budget = 32 * (ring.length / 2) + 1024,
): RingLocator | undefined {
  for (let k = 0; k < ring.length; k++) if (!(Math.abs(ring[k]) <= SLAB_SAFE)) return undefined;
  const flipped = new Float64Array(ring.length);
  for (let k = 0; k < ring.length; k += 2) {
    flipped[k] = ring[k + 1];
    flipped[k + 1] = ring[k];
  }
  const alongY = slabSize(ring);
  const alongX = slabSize(flipped);
  if (Math.min(alongY, alongX) > budget) return undefined;
  if (alongY <= alongX) return buildSlabs(ring);
  const locate = buildSlabs(flipped);
  return (x, y) => locate(y, x);
}

/** The sorted distinct vertex y of a ring. */
function levelsOf(ring: Float64Array): Float64Array {
  const ys = new Float64Array(ring.length / 2);
  for (let k = 0; k < ys.length; k++) ys[k] = ring[2 * k + 1];
  ys.sort();
  let n = 0;
  for (let k = 0; k < ys.length; k++) if (k === 0 || ys[k] !== ys[n - 1]) ys[n++] = ys[k];
  return ys.subarray(0, n);
}

/** The last k with levels[k] ≤ y, or −1. */
function levelBelow(levels: Float64Array, y: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (levels[mid] <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** How many (slab, edge) entries the slabs along y would hold. */
function slabSize(ring: Float64Array): number {
  const levels = levelsOf(ring);
  let size = 0;
  for (let v = 0; v < ring.length / 2 - 1; v++) {
    const a = levelBelow(levels, ring[2 * v + 1]);
    const b = levelBelow(levels, ring[2 * v + 3]);
    size += Math.abs(a - b);
  }
  return size;
}

function buildSlabs(ring: Float64Array): RingLocator {
  const levels = levelsOf(ring);
  const edges = ring.length / 2 - 1;
  // Per edge, its lower and upper vertex (as vertex indices), so every test is "is the point left of lo→hi".
  const lo = new Uint32Array(edges);
  const hi = new Uint32Array(edges);
  const starting: number[][] = Array.from(levels, () => []);
  const ending: number[][] = Array.from(levels, () => []);
  // Per level, the x-ranges of its vertices and horizontal edges: a point at that level on them is on the boundary.
  const flats: number[][] = Array.from(levels, () => []);
  for (let v = 0; v < edges; v++) {
    const ay = ring[2 * v + 1];
    const by = ring[2 * v + 3];
    const up = by > ay;
    lo[v] = up ? v : v + 1;
    hi[v] = up ? v + 1 : v;
    flats[levelBelow(levels, ay)].push(ring[2 * v], ring[2 * v]);
    const level = levelBelow(levels, Math.min(ay, by));
    if (ay === by) {
      flats[level].push(Math.min(ring[2 * v], ring[2 * v + 2]), Math.max(ring[2 * v], ring[2 * v + 2]));
      continue;
    }
    starting[level].push(v);
    ending[levelBelow(levels, Math.max(ay, by))].push(v);
  }
  const side = (e: number, x: number, y: number) =>
    orient2d(ring[2 * lo[e]], ring[2 * lo[e] + 1], ring[2 * hi[e]], ring[2 * hi[e] + 1], x, y);
  // Sweep upwards: drop the edges ending at a level, insert those starting there at their place.
  const slabStart = new Uint32Array(levels.length + 1);
  const slabEdges: number[] = [];
  let active: number[] = [];
  for (let l = 0; l < levels.length; l++) {
    if (ending[l].length) {
      const gone = new Set(ending[l]);
      active = active.filter((e) => !gone.has(e));
    }
    for (const e of starting[l]) active.splice(insertAt(active, e, side, ring, lo, hi), 0, e);
    slabStart[l] = slabEdges.length;
    for (const e of active) slabEdges.push(e);
  }
  slabStart[levels.length] = slabEdges.length;
  const order = Uint32Array.from(slabEdges);
  const flat = flatRanges(flats);
  return (x, y) => {
    const l = levelBelow(levels, y);
    if (l < 0) return -1;
    if (levels[l] === y && flat.covers(l, x)) return 0;
    // The edges of slab l are those that cross y half-open (lower end ≤ y < upper end), as `crossing` counts.
    let a = slabStart[l];
    let b = slabStart[l + 1];
    const end = b;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (side(order[mid], x, y) > 0) a = mid + 1;
      else b = mid;
    }
    if (a < end && side(order[a], x, y) === 0) return 0;
    return (end - a) % 2 === 1 ? 1 : -1;
  };
}

/** Where edge e (starting at this level) goes among the active edges, left to right. */
function insertAt(
  active: number[],
  e: number,
  side: (e: number, x: number, y: number) => number,
  ring: Float64Array,
  lo: Uint32Array,
  hi: Uint32Array,
): number {
  const sx = ring[2 * lo[e]];
  const sy = ring[2 * lo[e] + 1];
  const tx = ring[2 * hi[e]];
  const ty = ring[2 * hi[e] + 1];
  let a = 0;
  let b = active.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    // Right of the other edge at the start, or at the start on it and right of it further up: after it.
    const s = side(active[mid], sx, sy);
    if (s > 0 || (s === 0 && side(active[mid], tx, ty) >= 0)) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** Per level, whether x lies in one of its closed x-ranges (sorted starts, running maximum of ends). */
function flatRanges(flats: number[][]) {
  const offset = new Uint32Array(flats.length + 1);
  let total = 0;
  for (let l = 0; l < flats.length; l++) {
    offset[l] = total;
    total += flats[l].length / 2;
  }
  offset[flats.length] = total;
  const start = new Float64Array(total);
  const reach = new Float64Array(total);
  for (let l = 0; l < flats.length; l++) {
    const pairs: [number, number][] = [];
    for (let k = 0; k < flats[l].length; k += 2) pairs.push([flats[l][k], flats[l][k + 1]]);
    pairs.sort((p, q) => p[0] - q[0]);
    let far = Number.NEGATIVE_INFINITY;
    pairs.forEach(([s, t], k) => {
      far = Math.max(far, t);
      start[offset[l] + k] = s;
      reach[offset[l] + k] = far;
    });
  }
  return {
    covers(l: number, x: number): boolean {
      let a = offset[l];
      let b = offset[l + 1];
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (start[mid] <= x) a = mid + 1;
        else b = mid;
      }
      return a > offset[l] && reach[a - 1] >= x;
    },
  };
}
