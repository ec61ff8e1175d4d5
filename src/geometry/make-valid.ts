import { Clipper64, ClipType, FillRule, type Path64, type PolyPath64, PolyTree64 } from 'clipper2-ts';
import { orient2d } from 'robust-predicates';
import { ringAreaM2, ringSignedArea } from './area.js';
import { pointInRing } from './hole-placement.js';
import { pathToRing, ringToPath } from './integer-paths.js';

/**
 * A valid version of an invalid polygon (closed flat lon/lat rings, shell first), as zero or more
 * valid polygons. Like PostGIS `ST_MakeValid` (method linework), every ring is kept as linework and
 * the faces an odd number of rings enclose are the polygon: a bowtie becomes its two triangles, a
 * hole outside its shell becomes a polygon of its own, spikes and zero-area rings vanish. Vertices
 * are rounded to 1e-7°.
 */
export function makeValid(rings: readonly Float64Array[]): Float64Array[][] {
  const clipper = new Clipper64();
  clipper.addSubject(rings.map((ring) => ringToPath(ring)));
  const tree = new PolyTree64();
  clipper.execute(ClipType.Union, FillRule.EvenOdd, tree);
  // Clipper's rings may touch themselves at a vertex, which OGC forbids: split them there, then
  // sort the pieces into shells and holes again.
  const shells: Path64[] = [];
  const holes: Path64[] = [];
  collect(tree, shells, holes);
  return assemble(shells, holes);
}

/** Area as a naive tool would take it from the given rings: |shell| − Σ|holes|, in m². */
export function nominalAreaM2(rings: readonly Float64Array[]): number {
  return rings.reduce((sum, ring, r) => sum + (r === 0 ? 1 : -1) * ringAreaM2(ring, 0, ring.length / 2), 0);
}

function collect(node: PolyPath64, shells: Path64[], holes: Path64[]): void {
  for (let i = 0; i < node.count; i++) {
    const outer = node.child(i);
    splitSelfTouching(outer.polygon as Path64, shells, holes);
    for (let j = 0; j < outer.count; j++) {
      const hole = outer.child(j);
      splitSelfTouching(hole.polygon as Path64, holes, shells);
      collect(hole, shells, holes);
    }
  }
}

const signedArea = (path: Path64) => {
  let sum = 0;
  for (let k = 0; k < path.length; k++) {
    const a = path[k];
    const b = path[(k + 1) % path.length];
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
};

/**
 * A ring that touches itself as several simple rings: pieces wound like the ring keep its role
 * (`same`), pieces wound the other way are the opposite (a shell's inverted hole, a hole's island).
 */
function splitSelfTouching(path: Path64, same: Path64[], opposite: Path64[]): void {
  const ring = withTouchVertices(path);
  const sign = Math.sign(signedArea(ring));
  const pieces: Path64[] = [];
  split(ring, pieces);
  for (const piece of pieces) {
    const s = Math.sign(signedArea(piece));
    if (s === 0) continue;
    (s === sign ? same : opposite).push(piece);
  }
}

/** Inserts every vertex that lies inside another edge into that edge, so each touch is a repeated vertex. */
function withTouchVertices(path: Path64): Path64 {
  const out: Path64 = [];
  const n = path.length;
  for (let k = 0; k < n; k++) {
    const a = path[k];
    const b = path[(k + 1) % n];
    out.push(a);
    const inside = path.filter(
      (v) =>
        !(v.x === a.x && v.y === a.y) &&
        !(v.x === b.x && v.y === b.y) &&
        orient2d(a.x, a.y, b.x, b.y, v.x, v.y) === 0 &&
        v.x >= Math.min(a.x, b.x) &&
        v.x <= Math.max(a.x, b.x) &&
        v.y >= Math.min(a.y, b.y) &&
        v.y <= Math.max(a.y, b.y),
    );
    const d = (v: { x: number; y: number }) => Math.abs(v.x - a.x) + Math.abs(v.y - a.y);
    inside.sort((u, v) => d(u) - d(v));
    for (const v of inside) if (out[out.length - 1].x !== v.x || out[out.length - 1].y !== v.y) out.push(v);
  }
  return out;
}

/** Splits a ring at its first repeated vertex, recursively, into rings without repeats. */
function split(ring: Path64, out: Path64[]): void {
  const seen = new Map<string, number>();
  for (let k = 0; k < ring.length; k++) {
    const key = `${ring[k].x},${ring[k].y}`;
    const first = seen.get(key);
    if (first !== undefined) {
      split(ring.slice(first, k), out);
      split([...ring.slice(k), ...ring.slice(0, first)], out);
      return;
    }
    seen.set(key, k);
  }
  if (ring.length >= 3) out.push(ring);
}

/** Each hole goes to the smallest shell that holds it. */
function assemble(shellPaths: Path64[], holePaths: Path64[]): Float64Array[][] {
  const shells = shellPaths.map((p) => orient(pathToRing(p), true));
  const area = shells.map((r) => Math.abs(ringSignedArea(r, 0, r.length / 2)));
  const polygons: Float64Array[][] = shells.map((r) => [r]);
  for (const path of holePaths) {
    const hole = orient(pathToRing(path), false);
    let best = -1;
    for (let s = 0; s < shells.length; s++) {
      if (holdsRing(shells[s], hole) && (best === -1 || area[s] < area[best])) best = s;
    }
    if (best >= 0) polygons[best].push(hole);
  }
  return polygons;
}

function holdsRing(shell: Float64Array, ring: Float64Array): boolean {
  for (let k = 0; k < ring.length / 2 - 1; k++) {
    const side = pointInRing(ring[2 * k], ring[2 * k + 1], shell);
    if (side !== 0) return side === 1;
  }
  return false;
}

/** Shells counter-clockwise, holes clockwise (the RFC 7946 order). */
function orient(ring: Float64Array, shell: boolean): Float64Array {
  if (ringSignedArea(ring, 0, ring.length / 2) > 0 === shell) return ring;
  const n = ring.length / 2;
  const out = new Float64Array(ring.length);
  for (let k = 0; k < n; k++) {
    out[2 * k] = ring[2 * (n - 1 - k)];
    out[2 * k + 1] = ring[2 * (n - 1 - k) + 1];
  }
  return out;
}
