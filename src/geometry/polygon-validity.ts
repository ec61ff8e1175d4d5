import { orient2d } from 'robust-predicates';
import { grownTo } from '../model/typed-arrays.js';
import { ringSignedArea } from './area.js';
import { holesProblem } from './hole-placement.js';
import { indexedSweep, sweep } from './segment-pairs.js';

/** Why a polygon is not valid in the OGC Simple Features sense (the one PostGIS ST_IsValid applies). */
export type InvalidReason =
  | 'too-few-points'
  | 'zero-area-ring'
  | 'self-intersection'
  | 'ring-intersection'
  | 'hole-outside-shell'
  | 'nested-holes';

export interface ValidityProblem {
  reason: InvalidReason;
  /** The ring (0 = shell) where it was found. */
  ring: number;
  /** A position at or near the problem, lon/lat. */
  at: [number, number];
}

// Segment columns, reused across calls: validity runs once per input polygon, tens of thousands of times.
let x1 = new Float64Array(1024);
let y1 = new Float64Array(1024);
let x2 = new Float64Array(1024);
let y2 = new Float64Array(1024);
// Each segment's box, so rejecting a pair is four comparisons.
let minX = new Float64Array(1024);
let maxX = new Float64Array(1024);
let minY = new Float64Array(1024);
let maxY = new Float64Array(1024);
let ringOf = new Int32Array(1024);
let seqOf = new Int32Array(1024);
let order = new Uint32Array(1024);

/** Segments per ring of the current polygon. */
let ringSegments = new Int32Array(64);

/** Below this many segments every pair is tested; above, a sweep over x prunes the pairs. */
const BRUTE_FORCE = 48;
/** Per segment of a small polygon, where its monotone run ends (see monotoneRuns). */
const runEnd = new Int32Array(BRUTE_FORCE);
/** Above this many segments (or holes) the pairs come from an index over boxes: O(n log n) however they lie. */
const INDEX_ABOVE = 4096;

/**
 * Coordinates at most this large keep every difference finite, so orient2d of three points of which
 * two are the same is exactly ±0 (both its products are 0), and neighbours in a ring need not ask it.
 */
const SMALL = 1e300;
/** Whether the current polygon's coordinates are all within ±SMALL (false for NaN, ±Infinity). */
let small = true;

/**
 * The first validity problem of a polygon (closed flat rings, shell first), or undefined when it is
 * valid. Checked as GEOS does, with exact predicates: each ring has ≥ 3 distinct points and non-zero
 * area and is simple (no crossing, no touching itself, no spike); rings of a polygon may touch at
 * points but not cross or share an edge; holes lie inside the shell and not inside each other.
 * Repeated consecutive points and either winding are valid.
 */
export function polygonProblem(
  rings: readonly Float64Array[],
  indexAbove = INDEX_ABOVE,
): ValidityProblem | undefined {
  let n = 0;
  if (rings.length > ringSegments.length)
    ringSegments = new Int32Array(Math.max(rings.length, 2 * ringSegments.length));
  small = true;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r];
    const start = n;
    const count = ring.length / 2;
    reserve(n + count);
    let px = ring[0];
    let py = ring[1];
    if (!(Math.abs(px) <= SMALL && Math.abs(py) <= SMALL)) small = false;
    for (let k = 1; k < count; k++) {
      const x = ring[2 * k];
      const y = ring[2 * k + 1];
      if (!(Math.abs(x) <= SMALL && Math.abs(y) <= SMALL)) small = false;
      if (x === px && y === py) continue; // a repeated point is no segment
      x1[n] = px;
      y1[n] = py;
      x2[n] = x;
      y2[n] = y;
      minX[n] = Math.min(px, x);
      maxX[n] = Math.max(px, x);
      minY[n] = Math.min(py, y);
      maxY[n] = Math.max(py, y);
      ringOf[n] = r;
      seqOf[n] = n - start;
      n++;
      px = x;
      py = y;
    }
    ringSegments[r] = n - start;
    if (n - start < 3) return { reason: 'too-few-points', ring: r, at: [ring[0], ring[1]] };
    if (ringSignedArea(ring, 0, count) === 0 && collinear(start, n))
      return { reason: 'zero-area-ring', ring: r, at: [ring[0], ring[1]] };
  }
  // NaN or huge coordinates keep the unindexed paths, whose comparisons they were written for.
  const index = small ? indexAbove : Number.POSITIVE_INFINITY;
  const boxes = { minX, maxX, minY, maxY, order };
  const crossing =
    n <= BRUTE_FORCE ? allPairs(n) : n <= index ? sweep(n, boxes, pair) : indexedSweep(n, boxes, pair);
  if (crossing) return crossing;
  // A lone shell has no holes to place (and needs no locator built for it).
  return rings.length > 1 ? holesProblem(rings, index) : undefined;
}

function allPairs(n: number): ValidityProblem | undefined {
  if (small) monotoneRuns(n);
  for (let a = 0; a < n; a++) {
    const left = minX[a];
    const right = maxX[a];
    const bottom = minY[a];
    const top = maxY[a];
    let b = a + 1;
    if (b < n && small && ringOf[b] === ringOf[a]) {
      // b goes on from a's end: their boxes meet, and only folding back onto a is a problem.
      const problem = foldBack(a, b);
      if (problem) return problem;
      b++;
      // Further on in a's run x only moves away from a: their boxes are apart, as the test below would find.
      if (runEnd[a] > b) b = runEnd[a];
    }
    for (; b < n; b++) {
      if (right < minX[b] || maxX[b] < left || top < minY[b] || maxY[b] < bottom) continue;
      const problem = meet(a, b);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Per segment, the end of its run: the following segments of its ring along which x keeps strictly
 * rising (or falling), as along most of a sector's arc.
 */
function monotoneRuns(n: number): void {
  runEnd[n - 1] = n;
  for (let s = n - 2; s >= 0; s--) {
    const t = s + 1;
    const rising = x2[s] > x1[s];
    const same = ringOf[t] === ringOf[s] && (rising ? x2[t] > x1[t] : x2[s] < x1[s] && x2[t] < x1[t]);
    runEnd[s] = same ? runEnd[t] : t;
  }
}

/** Whether segments a and b meet other than as neighbours in one ring at their shared vertex. */
function pair(a: number, b: number): ValidityProblem | undefined {
  if (maxX[a] < minX[b] || maxX[b] < minX[a] || maxY[a] < minY[b] || maxY[b] < minY[a]) return undefined;
  if (small && ringOf[a] === ringOf[b]) {
    if (b === a + 1) return foldBack(a, b);
    // a goes on from b's end, so a's start is b's end: two of the four orientations are ±0.
    if (a === b + 1)
      return judge(
        a,
        b,
        orient2d(x1[a], y1[a], x2[a], y2[a], x1[b], y1[b]),
        0,
        0,
        orient2d(x1[b], y1[b], x2[b], y2[b], x2[a], y2[a]),
      );
  }
  return meet(a, b);
}

/**
 * Segment b starts where a ends, in one ring (coordinates small). Then orient2d(a, b's start) and
 * orient2d(b, a's end) are ±0, b's start is a touch at the shared vertex, and the general test
 * (`judge`) reduces to this: a problem only when b runs back along a.
 */
function foldBack(a: number, b: number): ValidityProblem | undefined {
  if (orient2d(x1[a], y1[a], x2[a], y2[a], x2[b], y2[b]) === 0 && overlapLength(a, b) > 0)
    return problemAt('self-intersection', a, [x1[b], y1[b]]);
  return undefined;
}

/** `judge` with all four orientations asked; the boxes of a and b are known to meet. */
function meet(a: number, b: number): ValidityProblem | undefined {
  return judge(
    a,
    b,
    orient2d(x1[a], y1[a], x2[a], y2[a], x1[b], y1[b]),
    orient2d(x1[a], y1[a], x2[a], y2[a], x2[b], y2[b]),
    orient2d(x1[b], y1[b], x2[b], y2[b], x1[a], y1[a]),
    orient2d(x1[b], y1[b], x2[b], y2[b], x2[a], y2[a]),
  );
}

/** o1, o2: sides of b's ends from a; o3, o4: sides of a's ends from b (orient2d, exact). */
function judge(
  a: number,
  b: number,
  o1: number,
  o2: number,
  o3: number,
  o4: number,
): ValidityProblem | undefined {
  const sameRing = ringOf[a] === ringOf[b];
  const reason = sameRing ? 'self-intersection' : 'ring-intersection';
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
    return problemAt(reason, a, crossingPoint(a, b));
  if (o1 === 0 && o2 === 0) {
    // Collinear: sharing more than a point is a spike or a doubled edge.
    if (overlapLength(a, b) > 0) return problemAt(reason, a, [x1[b], y1[b]]);
  }
  // Touching at a point: allowed between rings, and between ring neighbours at their shared vertex.
  if (!sameRing) return undefined;
  const touch = touchPoint(a, b, o1, o2, o3, o4);
  if (touch === undefined) return undefined;
  if (neighbours(a, b) && sharedVertex(a, b, touch)) return undefined;
  return problemAt('self-intersection', a, touch);
}

function neighbours(a: number, b: number): boolean {
  const count = ringSegments[ringOf[a]];
  const d = Math.abs(seqOf[a] - seqOf[b]);
  return d === 1 || d === count - 1;
}

function sharedVertex(a: number, b: number, p: [number, number]): boolean {
  const atA = (p[0] === x1[a] && p[1] === y1[a]) || (p[0] === x2[a] && p[1] === y2[a]);
  const atB = (p[0] === x1[b] && p[1] === y1[b]) || (p[0] === x2[b] && p[1] === y2[b]);
  return atA && atB;
}

/** Where two non-crossing segments touch (an endpoint of one on the other), if they do. */
function touchPoint(
  a: number,
  b: number,
  o1: number,
  o2: number,
  o3: number,
  o4: number,
): [number, number] | undefined {
  if (o1 === 0 && within(a, x1[b], y1[b])) return [x1[b], y1[b]];
  if (o2 === 0 && within(a, x2[b], y2[b])) return [x2[b], y2[b]];
  if (o3 === 0 && within(b, x1[a], y1[a])) return [x1[a], y1[a]];
  if (o4 === 0 && within(b, x2[a], y2[a])) return [x2[a], y2[a]];
  return undefined;
}

/** A point known to be on segment s's line lies within the segment (ends included). */
function within(s: number, x: number, y: number): boolean {
  return (
    x >= Math.min(x1[s], x2[s]) &&
    x <= Math.max(x1[s], x2[s]) &&
    y >= Math.min(y1[s], y2[s]) &&
    y <= Math.max(y1[s], y2[s])
  );
}

function overlapLength(a: number, b: number): number {
  // Project on the longer axis of a; collinear segments overlap where their intervals do.
  const useX = Math.abs(x2[a] - x1[a]) >= Math.abs(y2[a] - y1[a]);
  const [a0, a1] = useX ? [x1[a], x2[a]] : [y1[a], y2[a]];
  const [b0, b1] = useX ? [x1[b], x2[b]] : [y1[b], y2[b]];
  return Math.min(Math.max(a0, a1), Math.max(b0, b1)) - Math.max(Math.min(a0, a1), Math.min(b0, b1));
}

function crossingPoint(a: number, b: number): [number, number] {
  const dxa = x2[a] - x1[a];
  const dya = y2[a] - y1[a];
  const dxb = x2[b] - x1[b];
  const dyb = y2[b] - y1[b];
  const t = ((x1[b] - x1[a]) * dyb - (y1[b] - y1[a]) * dxb) / (dxa * dyb - dya * dxb);
  return [x1[a] + t * dxa, y1[a] + t * dya];
}

function problemAt(reason: InvalidReason, segment: number, at: [number, number]): ValidityProblem {
  return { reason, ring: ringOf[segment], at };
}

/** Segments start..end-1 (one ring) all lie on the line of the first. */
function collinear(start: number, end: number): boolean {
  for (let s = start + 1; s < end; s++) {
    if (orient2d(x1[start], y1[start], x2[start], y2[start], x2[s], y2[s]) !== 0) return false;
  }
  return true;
}

function reserve(count: number): void {
  if (count <= x1.length) return;
  const size = Math.max(count, x1.length * 2);
  x1 = grownTo(x1, size);
  y1 = grownTo(y1, size);
  x2 = grownTo(x2, size);
  y2 = grownTo(y2, size);
  minX = grownTo(minX, size);
  maxX = grownTo(maxX, size);
  minY = grownTo(minY, size);
  maxY = grownTo(maxY, size);
  ringOf = grownTo(ringOf, size);
  seqOf = grownTo(seqOf, size);
  order = new Uint32Array(size);
}
