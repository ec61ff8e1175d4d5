import type { Path64, Paths64, Rect64 } from 'clipper2-ts';
import type { MainModule } from 'clipper2-wasm/dist/clipper2z.js';
import type { PolygonSet } from '../model/polygon-set.js';
import { CLIP_SCALE, readBackwards } from './integer-paths.js';
import type { PackedPaths } from './paths-codec.js';

/**
 * Clipper2's C++ core compiled to WebAssembly (clipper2-wasm), for the heavy booleans: the tile
 * unions and the region clips. The TypeScript port computes the same, but a single run spends most
 * of its Clipper time before V8 has optimised it, once per thread: on the NRW scenario the 5G tile
 * unions take 200 ms cold in WebAssembly against 400–520 ms in TypeScript (110 against 170 ms warm).
 * Paths cross as 64-bit integer triples (x, y, z) copied in and out; every handle is freed here.
 *
 * The module is compiled asynchronously (~15 ms): whoever runs the analysis on a thread awaits
 * `loadClipper()` first (the task runners do). Not at import (top-level await): tsx cannot load a
 * TypeScript worker whose imports wait.
 */
let loading: Promise<void> | undefined;
let clipper: MainModule;

export function loadClipper(): Promise<void> {
  if (!loading) {
    // Imported here, not at the top: the module's glue costs ~15 ms to load, which a thread need not
    // pay before it has read its inputs.
    loading = import('clipper2-wasm')
      .then(({ default: factory }) => factory())
      .then((module: MainModule) => {
        clipper = module;
      });
  }
  return loading;
}

function ready(): void {
  if (clipper === undefined) throw new Error('wasm-clipper used before loadClipper() resolved');
}

type WasmPath = InstanceType<MainModule['Path64']>;
type WasmPaths = InstanceType<MainModule['Paths64']>;

/** A node of a clip result's tree: an outer ring with its holes as children, islands in holes below them. */
export interface ClipNode {
  polygon: Path64;
  children: ClipNode[];
}

export type BooleanOp = 'intersection' | 'union' | 'difference';

/** Polygons per union at each level of the cascade: 4–8 measured fastest on dense sector overlap. */
const GROUP = 8;

/**
 * Union of many polygons (each given as its paths), merged in small groups, level by level, all in
 * WebAssembly memory. Callers pass them in spatial (Morton/Hilbert) order so neighbours meet early:
 * interior edges vanish in the first levels, and no single sweep sees thousands of crossing sectors.
 * NonZero filling: shells counter-clockwise, holes clockwise.
 *
 * With `clip`, the union within it: the first level intersects each group with `clip` (Clipper
 * takes a group's subjects as one NonZero region, so that is the group's union cut to it), and
 * the later levels unite the cut pieces. Cheaper than cutting every polygon first in JavaScript.
 */
export function cascadedUnion(polygons: readonly (Paths64 | FlatPolygon)[], clip?: Paths64): Paths64 {
  ready();
  if (polygons.length === 0) return [];
  let level: WasmPaths[] = polygons.map((polygon) =>
    polygon instanceof FlatPolygon ? flatToWasm(polygon) : toWasm(polygon),
  );
  let cut = clip ? toWasm(clip) : undefined;
  do {
    const next: WasmPaths[] = [];
    for (let i = 0; i < level.length; i += GROUP) {
      // A Clipper64 takes each polygon's paths whole: no handle per path crosses to JavaScript.
      const union = new clipper.Clipper64();
      for (let k = i; k < Math.min(level.length, i + GROUP); k++) {
        union.AddSubject(level[k]);
        level[k].delete();
      }
      if (cut) union.AddClip(cut);
      const out = new clipper.Paths64();
      const op = cut ? clipper.ClipType.Intersection : clipper.ClipType.Union;
      union.ExecutePath(op, clipper.FillRule.NonZero, out);
      union.delete();
      next.push(out);
    }
    cut?.delete();
    cut = undefined;
    level = next;
  } while (level.length > 1);
  const union = fromWasm(level[0]);
  level[0].delete();
  return union;
}

/**
 * Paths copied into WebAssembly memory once, for several operations on them (a region clipped
 * against tile after tile); `use()` frees them when done.
 */
export class HeldPaths {
  private constructor(readonly handle: WasmPaths) {}

  /** Packed paths (from another thread) go in without a JavaScript object per vertex. */
  static of(paths: Paths64 | PackedPaths): HeldPaths {
    ready();
    return new HeldPaths('offset' in paths ? packedToWasm(paths) : toWasm(paths));
  }

  get empty(): boolean {
    return this.handle.size() === 0;
  }

  /** The part within `rect`: Clipper's RectClip, linear in the edges, no sweep. */
  cutTo(rect: Rect64): HeldPaths {
    const r = new clipper.Rect64(
      BigInt(rect.left),
      BigInt(rect.top),
      BigInt(rect.right),
      BigInt(rect.bottom),
    );
    const out = clipper.RectClipPaths64(r, this.handle);
    r.delete();
    return new HeldPaths(out);
  }

  /** Runs `use` on these paths, then frees them, also on a throw. */
  use<T>(use: (held: HeldPaths) => T): T {
    try {
      return use(this);
    } finally {
      this.handle.delete();
    }
  }
}

/** subject ∘ clip, NonZero filling on both. */
export function booleanOp(op: BooleanOp, subject: Paths64 | HeldPaths, clip: Paths64 | HeldPaths): Paths64 {
  ready();
  return usingHeld(subject, clip, (s, c) => {
    const out = clipper.BooleanOp64(clipType(op), clipper.FillRule.NonZero, s.handle, c.handle);
    try {
      return fromWasm(out);
    } finally {
      out.delete();
    }
  });
}

/** subject ∘ clip as a tree of outer rings and their holes (the parts of a dead zone). */
export function booleanTree(
  op: BooleanOp,
  subject: Paths64 | HeldPaths,
  clip: Paths64 | HeldPaths,
): ClipNode[] {
  ready();
  return usingHeld(subject, clip, (s, c) => {
    const tree = new clipper.PolyPath64();
    try {
      clipper.BooleanOpOut64(clipType(op), clipper.FillRule.NonZero, s.handle, c.handle, tree);
      return children(tree);
    } finally {
      tree.delete();
    }
  });
}

/** Runs `use` on both as held paths, freeing (also on a throw) only those made here. */
function usingHeld<T>(
  subject: Paths64 | HeldPaths,
  clip: Paths64 | HeldPaths,
  use: (s: HeldPaths, c: HeldPaths) => T,
): T {
  const held = <R>(paths: Paths64 | HeldPaths, then: (h: HeldPaths) => R): R =>
    paths instanceof HeldPaths ? then(paths) : HeldPaths.of(paths).use(then);
  return held(subject, (s) => held(clip, (c) => use(s, c)));
}

function children(node: InstanceType<MainModule['PolyPath64']>): ClipNode[] {
  const out: ClipNode[] = [];
  for (let i = 0; i < node.count(); i++) {
    const child = node.child(i);
    const path = child.polygon();
    out.push({ polygon: pathFromWasm(path), children: children(child) });
    path.delete();
    // child() hands out a view of a node the tree owns: freeing it would free the tree's own node.
  }
  return out;
}

function clipType(op: BooleanOp) {
  if (op === 'intersection') return clipper.ClipType.Intersection;
  if (op === 'union') return clipper.ClipType.Union;
  return clipper.ClipType.Difference;
}

/**
 * Polygon p of a set of flat lon/lat rings (closed; shell first, then holes), as it goes into
 * WebAssembly: rounded to the integer grid, shell counter-clockwise and holes clockwise, without
 * the closing vertex — what `polygonPaths` gives, without a JavaScript object per vertex.
 */
export class FlatPolygon {
  constructor(
    readonly set: Pick<PolygonSet, 'ringStart' | 'ringOffset' | 'coords'>,
    readonly p: number,
  ) {}
}

function flatToWasm({ set, p }: FlatPolygon): WasmPaths {
  const { ringStart, ringOffset, coords } = set;
  const out = new clipper.Paths64();
  for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
    const start = ringOffset[r];
    const end = ringOffset[r + 1];
    const reverse = readBackwards(coords, start, end, r === ringStart[p]);
    const n = end - 1 - start;
    reserveScratch(n);
    for (let k = 0; k < n; k++) {
      const v = reverse ? end - 2 - k : start + k;
      putVertex(k, Math.round(coords[2 * v] * CLIP_SCALE), Math.round(coords[2 * v + 1] * CLIP_SCALE));
    }
    const path = scratchPath(n);
    out.push_back(path);
    path.delete();
  }
  return out;
}

// Coordinates are written as 32-bit halves of the int64s: integer clip units stay within ±2^31
// (1e7 per degree), so the low half is the value and the high half its sign.
let scratch = new Int32Array(6 * 1024);

function toWasm(paths: Paths64): WasmPaths {
  const out = new clipper.Paths64();
  for (const path of paths) {
    const wasmPath = pathToWasm(path);
    out.push_back(wasmPath);
    wasmPath.delete();
  }
  return out;
}

function packedToWasm({ coords, offset }: PackedPaths): WasmPaths {
  const out = new clipper.Paths64();
  for (let k = 0; k + 1 < offset.length; k++) {
    const n = offset[k + 1] - offset[k];
    reserveScratch(n);
    for (let v = 0; v < n; v++) putVertex(v, coords[2 * (offset[k] + v)], coords[2 * (offset[k] + v) + 1]);
    const path = scratchPath(n);
    out.push_back(path);
    path.delete();
  }
  return out;
}

function pathToWasm(path: Path64): WasmPath {
  reserveScratch(path.length);
  for (let k = 0; k < path.length; k++) putVertex(k, path[k].x, path[k].y);
  return scratchPath(path.length);
}

function reserveScratch(vertices: number): void {
  if (scratch.length < 6 * vertices) scratch = new Int32Array(12 * vertices);
}

/** Vertex k of the scratch as an int64 triple: x, y (integers within ±2^31), z = 0. */
function putVertex(k: number, x: number, y: number): void {
  scratch[6 * k] = x | 0;
  scratch[6 * k + 1] = (x | 0) >> 31;
  scratch[6 * k + 2] = y | 0;
  scratch[6 * k + 3] = (y | 0) >> 31;
  scratch[6 * k + 4] = 0;
  scratch[6 * k + 5] = 0;
}

/** The scratch's first `vertices` vertices as a new WebAssembly path (the caller deletes it). */
function scratchPath(vertices: number): WasmPath {
  const path = new clipper.Path64();
  path.assign(new BigInt64Array(scratch.buffer, 0, 3 * vertices));
  return path;
}

function fromWasm(paths: WasmPaths): Paths64 {
  const out: Paths64 = [];
  const n = paths.size();
  for (let j = 0; j < n; j++) {
    const path = paths.get(j);
    out.push(pathFromWasm(path));
    path.delete();
  }
  return out;
}

function pathFromWasm(path: WasmPath): Path64 {
  const view = path.view();
  // Read at once: the view is into WebAssembly memory, which the next allocation may move.
  const halves = new Int32Array(view.buffer, view.byteOffset, 2 * view.length);
  const out: Path64 = new Array(view.length / 3);
  for (let k = 0; k < out.length; k++) out[k] = { x: halves[6 * k], y: halves[6 * k + 2] };
  return out;
}
