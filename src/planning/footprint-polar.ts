/**
 * A polar grid of coverage around a mast: `radials` columns (column k centred on azimuth k·360/radials,
 * clockwise from north, wrapping around) and rows of `stepM` (row i ≥ 1 spans (i − ½)·step …
 * (i + ½)·step, row 0 the disc to step/2, always set). `mask[i·radials + k]` non-zero = covered.
 */
export interface PolarMask {
  radials: number;
  rows: number;
  stepM: number;
  mask: Uint8Array;
}

// Directions of a boundary edge in the (angle, radius) plane, counter-clockwise: (d + 1) & 3 turns left.
const EAST = 0;
const NORTH = 1;
const WEST = 2;
const SOUTH = 3;

/**
 * The covered cells as polygons of metres east and north of the mast: shell first (counter-clockwise),
 * then its holes. The boundary is traced between cells with the covered ones on the left, turning left
 * where two covered cells touch only at a corner (as cellPolygons does), and a ring that comes back
 * to a corner is cut there into simple loops; a ring's vertices are cell corners, cell sides along a
 * radial merged. Each cell maps to a convex quadrilateral (the core to a
 * polygon) and these tile the disc, so rings that do not cross in the grid do not cross in the plane.
 */
export function polarPolygons(grid: PolarMask): Float64Array[][] {
  const { radials: n, rows, mask } = grid;
  // Corner (k, i): angle (k − ½)·360/n, radius boundary i. Outgoing boundary edges, one bit a direction.
  const out = new Uint8Array(n * (rows + 1));
  for (let i = 0; i < rows; i++)
    for (let k = 0, c = i * n; k < n; k++, c++) {
      if (mask[c] === 0) continue;
      const k1 = k + 1 === n ? 0 : k + 1;
      // The core's inner side is the mast itself: no edge.
      if (i > 0 && mask[c - n] === 0) out[c] |= 1 << EAST;
      if (mask[i * n + k1] === 0) out[i * n + k1] |= 1 << NORTH;
      if (i + 1 === rows || mask[c + n] === 0) out[(i + 1) * n + k1] |= 1 << WEST;
      if (mask[k === 0 ? c + n - 1 : c - 1] === 0) out[c + n] |= 1 << SOUTH;
    }
  const rings: Traced[] = [];
  for (let start = 0; start < out.length; start++) {
    while (out[start] !== 0) {
      const first = lowestBit(out[start]);
      const corners: number[] = [];
      const directions: number[] = [];
      let v = start;
      let d = first;
      // Walk until the edge to take next is the first one (left set until then: a pinch may pass here twice).
      do {
        corners.push(v);
        directions.push(d);
        if (v !== start || d !== first) out[v] &= ~(1 << d);
        v = next(v, d, n);
        const left = (d + 1) & 3;
        d = out[v] & (1 << left) ? left : lowestBit(out[v]);
      } while (v !== start || d !== first);
      out[start] &= ~(1 << first);
      for (const [loopCorners, loopDirections] of simpleLoops(corners, directions)) {
        const ring = toPlane(straightened(loopCorners, loopDirections), grid);
        rings.push({ ring, area: signedArea(ring), start: loopCorners[0], first: loopDirections[0] });
      }
    }
  }
  return assemble(rings, grid);
}

/**
 * A ring that passes a corner twice (a pinch) cut there into simple loops: GeoJSON rings must not
 * touch themselves, while two rings may touch at a point. A pinched shell gives a shell and a hole.
 */
function simpleLoops(corners: number[], directions: number[]): [number[], number[]][] {
  const loops: [number[], number[]][] = [];
  const stackCorners: number[] = [];
  const stackDirections: number[] = [];
  const at = new Map<number, number>();
  for (let j = 0; j < corners.length; j++) {
    const v = corners[j];
    const seen = at.get(v);
    if (seen !== undefined) {
      loops.push([stackCorners.splice(seen), stackDirections.splice(seen)]);
      for (const c of loops[loops.length - 1][0]) at.delete(c);
    }
    at.set(v, stackCorners.length);
    stackCorners.push(v);
    stackDirections.push(directions[j]);
  }
  loops.push([stackCorners, stackDirections]);
  return loops;
}

/** Drops the corners inside a run of cell sides along one radial: they are one straight edge. */
function straightened(corners: number[], directions: number[]): number[] {
  const m = corners.length;
  return corners.filter((_, j) => {
    const d = directions[j];
    return !((d === NORTH || d === SOUTH) && directions[(j + m - 1) % m] === d);
  });
}

function next(v: number, d: number, n: number): number {
  const k = v % n;
  const i = (v - k) / n;
  if (d === EAST) return i * n + ((k + 1) % n);
  if (d === WEST) return i * n + ((k - 1 + n) % n);
  return (d === NORTH ? i + 1 : i - 1) * n + k;
}

function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/** Corners → flat closed ring of metres east, north. */
function toPlane(corners: number[], { radials: n, stepM }: PolarMask): number[] {
  const ring: number[] = [];
  for (const v of [...corners, corners[0]]) {
    const k = v % n;
    const i = (v - k) / n;
    const r = i === 0 ? 0 : (i - 0.5) * stepM;
    const a = ((k - 0.5) * 2 * Math.PI) / n;
    ring.push(r * Math.sin(a), r * Math.cos(a));
  }
  return ring;
}

function signedArea(ring: number[]): number {
  let s = 0;
  for (let k = 0; k + 3 < ring.length; k += 2) s += ring[k] * ring[k + 3] - ring[k + 2] * ring[k + 1];
  return s / 2;
}

/** The 4-connected component (on the cylinder) of the covered cell left of a ring's first edge. */
function componentLeftOf(v: number, d: number, n: number, component: Int32Array): number {
  const k = v % n;
  const i = (v - k) / n;
  // Left of E from (k, i) is cell (k, i); of N from (k, i): (k − 1, i); of W: (k − 1, i − 1); of S: (k, i − 1).
  const cell = d === EAST ? [k, i] : d === NORTH ? [k - 1, i] : d === WEST ? [k - 1, i - 1] : [k, i - 1];
  return component[cell[1] * n + ((cell[0] + n) % n)];
}

/** Union-find labels of the covered cells, 4-connected across the wrap from the last radial to the first. */
function components({ radials: n, rows, mask }: PolarMask): Int32Array {
  const parent = new Int32Array(n * rows);
  for (let c = 0; c < parent.length; c++) parent[c] = c;
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]];
    return a;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < n; k++) {
      const c = i * n + k;
      if (mask[c] === 0) continue;
      const right = i * n + ((k + 1) % n);
      if (mask[right] !== 0) join(c, right);
      if (i + 1 < rows && mask[c + n] !== 0) join(c, c + n);
    }
  const label = new Int32Array(n * rows);
  for (let c = 0; c < label.length; c++) label[c] = mask[c] === 0 ? -1 : find(c);
  return label;
}

interface Traced {
  ring: number[];
  area: number;
  /** The ring's first corner and direction: the covered cell left of it names its component. */
  start: number;
  first: number;
}

/** Each component's counter-clockwise ring is its shell, its clockwise rings its holes. */
function assemble(rings: Traced[], grid: PolarMask): Float64Array[][] {
  const shells = rings.filter((r) => r.area > 0);
  const holes = rings.filter((r) => r.area < 0);
  if (shells.length === 1)
    return [[shells[0].ring, ...holes.map((h) => h.ring)].map((r) => Float64Array.from(r))];
  const component = components(grid);
  const label = (r: Traced) => componentLeftOf(r.start, r.first, grid.radials, component);
  const byComponent = new Map<number, Float64Array[]>();
  for (const r of shells) byComponent.set(label(r), [Float64Array.from(r.ring)]);
  for (const r of holes) {
    const polygon = byComponent.get(label(r));
    if (polygon === undefined) throw new Error(`hole without a shell in component ${label(r)}`);
    polygon.push(Float64Array.from(r.ring));
  }
  return [...byComponent.values()];
}
