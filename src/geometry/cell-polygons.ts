import { CellComponents } from './cell-runs.js';
import type { Crs } from './crs.js';

/**
 * A regular grid of square or rectangular cells in some CRS (a raster, a Zensus or Bundesnetzagentur
 * grid). Cell (column c, row r) spans x0 + c·cellWidth … x0 + (c+1)·cellWidth and, as rows run
 * southwards, y0 − (r+1)·cellHeight … y0 − r·cellHeight.
 */
export interface CellGrid {
  readonly crs: Crs;
  /** The north-west corner of cell (0, 0). */
  readonly x0: number;
  readonly y0: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly columns: number;
  readonly rows: number;
}

// Directions of a boundary edge, counter-clockwise, so (d + 1) & 3 is a left turn.
const EAST = 0;
const NORTH = 1;
const WEST = 2;
const SOUTH = 3;

/**
 * The cells set in `mask` (row-major, `columns × rows`, non-zero = set) dissolved into polygons in
 * lon/lat: one per 4-connected component of set cells, flat closed rings, shell first
 * (counter-clockwise in the grid's CRS) then its holes (clockwise), components in the row-major order
 * of their first cell, holes in the order their top-left corner is met.
 *
 * The boundary is traced between cells, with the set cells on the left, in O(cells). Where two set
 * cells touch only at a corner the trace turns left, i.e. stays with the cell it came along: such
 * cells belong to different polygons that share that vertex (and a component that encloses unset
 * cells through such a corner gets a ring that touches itself there, not a hole). Every cell corner
 * on the boundary stays a vertex, collinear or not, so each edge is one cell side and stays straight
 * in the grid's CRS once the vertices are reprojected.
 */
export function cellPolygons(grid: CellGrid, mask: ArrayLike<number>): Float64Array[][] {
  const { columns, rows } = grid;
  if (mask.length !== columns * rows)
    throw new Error(`mask has ${mask.length} cells, the grid ${columns} × ${rows}`);
  const stride = columns + 1;

  // Outgoing boundary edges per corner, one bit per direction (a saddle corner has two).
  const out = new Uint8Array(stride * (rows + 1));
  let edges = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0, k = r * columns; c < columns; c++, k++) {
      if (mask[k] === 0) continue;
      if (r + 1 === rows || mask[k + columns] === 0) {
        out[(r + 1) * stride + c] |= 1 << EAST;
        edges++;
      }
      if (c + 1 === columns || mask[k + 1] === 0) {
        out[(r + 1) * stride + c + 1] |= 1 << NORTH;
        edges++;
      }
      if (r === 0 || mask[k - columns] === 0) {
        out[r * stride + c + 1] |= 1 << WEST;
        edges++;
      }
      if (c === 0 || mask[k - 1] === 0) {
        out[r * stride + c] |= 1 << SOUTH;
        edges++;
      }
    }
  }
  if (edges === 0) return [];

  const components = new CellComponents(mask, columns, rows);
  const polygons: Float64Array[][] = [];
  const step = [1, -stride, -1, stride];
  const ring = new Int32Array(edges + 1);
  for (let start = 0; start < out.length; start++) {
    while (out[start] !== 0) {
      const first = lowestBit(out[start]);
      // Walk until the edge we would take next is the first one, which stays set until then so a
      // ring that passes its start corner twice (a pinch) can still close there.
      let n = 0;
      let v = start;
      let d = first;
      for (;;) {
        ring[n++] = v;
        if (n > 1) out[v] &= ~(1 << d);
        v += step[d];
        d = nextDirection(out[v], d);
        if (v === start && d === first) break;
      }
      out[start] &= ~(1 << first);
      ring[n] = start;
      const cell = leftCell(start, first, stride);
      const owner = components.of(cell);
      const coords = ringCoords(grid, ring, n + 1, stride);
      if (polygons[owner] === undefined) polygons[owner] = [];
      // The shell of a component is its only counter-clockwise ring; it goes first.
      if (signedArea2(ring, n + 1, stride) < 0) polygons[owner].unshift(coords);
      else polygons[owner].push(coords);
    }
  }
  return polygons.filter((p) => p !== undefined);
}

/** The outgoing edge to take at a corner after arriving along direction d: left, else straight, else right. */
function nextDirection(bits: number, d: number): number {
  const left = (d + 1) & 3;
  if (bits & (1 << left)) return left;
  if (bits & (1 << d)) return d;
  const right = (d + 3) & 3;
  if (bits & (1 << right)) return right;
  throw new Error('cell boundary trace lost its way');
}

function lowestBit(bits: number): number {
  for (let d = 0; d < 4; d++) if (bits & (1 << d)) return d;
  throw new Error('no bit set');
}

/** The set cell on the left of the edge leaving corner v in direction d. */
function leftCell(v: number, d: number, stride: number): number {
  const i = v % stride;
  const j = (v - i) / stride;
  const columns = stride - 1;
  if (d === EAST) return (j - 1) * columns + i;
  if (d === NORTH) return (j - 1) * columns + i - 1;
  if (d === WEST) return j * columns + i - 1;
  return j * columns + i;
}

/**
 * Twice the signed area of a ring of corners in corner units, rows running southwards: negative for a
 * ring counter-clockwise in the CRS (y up). Exact: integers well below 2^53.
 */
function signedArea2(ring: Int32Array, n: number, stride: number): number {
  let sum = 0;
  for (let k = 0; k + 1 < n; k++) {
    const a = ring[k];
    const b = ring[k + 1];
    const ai = a % stride;
    const bi = b % stride;
    sum += ai * ((b - bi) / stride) - bi * ((a - ai) / stride);
  }
  return sum;
}

function ringCoords(grid: CellGrid, ring: Int32Array, n: number, stride: number): Float64Array {
  const coords = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const i = ring[k] % stride;
    const j = (ring[k] - i) / stride;
    coords[2 * k] = grid.x0 + i * grid.cellWidth;
    coords[2 * k + 1] = grid.y0 - j * grid.cellHeight;
  }
  grid.crs.toLonLat(coords);
  return coords;
}
