import { type Bounds, boundsOf } from '../geometry/bounds.js';
import { CLIP_SCALE } from '../geometry/integer-paths.js';
import type { PolygonSet } from '../model/polygon-set.js';
import { grownTo } from '../model/typed-arrays.js';
import { CellSpans, edgeSpans, type GridSpec, insideSpans } from './grid-raster.js';

export { gridCell } from './grid-raster.js';

/**
 * Grid pre-classification of a polygon set. Every cell of a regular lon/lat grid is, for each
 * polygon, either untouched, fully inside (no edge comes near the closed cell and its centre is
 * inside), or crossed by an edge. A point then needs exact tests only against the polygons whose
 * edges cross its cell; "fully inside" is reduced per cell into `full` (a bitmask of owners, or the
 * smallest owner). Arrays live in SharedArrayBuffers, so workers read them without a copy.
 */
export interface PolygonGrid extends GridSpec {
  /** Per cell: OR of `1 << owner` (mode `bits`), or the smallest owner, -1 for none (mode `min`). */
  full: Int32Array;
  /**
   * CSR: the polygons whose edges cross cell c are edgePolygons[edgeOffset[c] .. edgeOffset[c+1]-1],
   * ascending, less those whose owner `full` already decides (its bit set, or a smaller owner).
   */
  edgeOffset: Uint32Array;
  edgePolygons: Uint32Array;
}

export type FullMode = 'bits' | 'min';

/**
 * Edges are marked this far (2 clip units, ~2 cm) beyond where they run: a point binned one ulp off
 * still meets them, and a full cell stays inside its polygon after the vertices are rounded to the
 * integer clip grid (by up to 0.71 units), so the unions can stand full cells in for polygons.
 */
const MARGIN = 2 / CLIP_SCALE;
/** Cells at most: 16 M cells take 64 MB per Int32 column. */
const MAX_CELLS = 1 << 24;

/**
 * Builds the grid over the set's extent: cells about 1/cellsAcross of the median polygon's size,
 * their corners on the integer clip grid.
 */
export function buildPolygonGrid(
  set: PolygonSet,
  mode: FullMode,
  cellsAcross = 4,
  spec: GridSpec = gridSpecFor(set, cellsAcross),
): PolygonGrid {
  const cells = spec.cols * spec.rows;
  const full = new Int32Array(new SharedArrayBuffer(Math.max(1, cells) * 4), 0, cells);
  const bits = mode === 'bits';
  if (!bits) full.fill(-1);
  // Last polygon that marked each cell as crossed: dedupes a polygon's many edges in one cell.
  const marked = new Int32Array(cells).fill(-1);
  // A polygon's edges meet about 4-5 cells per cell across it: sized so growing is rare (capped at 32 MB).
  const pairs = new PairList(Math.min(1 << 22, Math.ceil(set.polygonCount * 5 * cellsAcross)));
  const spans = new CellSpans();
  const { ringStart, ringOffset, coords, owner, bbox } = set;
  for (let p = 0; p < set.polygonCount; p++) {
    spans.length = 0;
    for (let r = ringStart[p]; r < ringStart[p + 1]; r++)
      edgeSpans(spec, coords, ringOffset[r], ringOffset[r + 1], MARGIN, 1, spans);
    let { first, last } = spans;
    for (let k = 0; k < spans.length; k++) {
      for (let cell = first[k], end = last[k]; cell <= end; cell++) {
        if (marked[cell] === p) continue;
        marked[cell] = p;
        pairs.push(cell, p);
      }
    }
    const o = owner[p];
    const r0 = Math.floor((bbox[4 * p + 1] - spec.y0) / spec.dy);
    const r1 = Math.floor((bbox[4 * p + 3] - spec.y0) / spec.dy);
    spans.length = 0;
    insideSpans(spec, coords, ringOffset, ringStart[p], ringStart[p + 1], 1, r0, r1, spans);
    ({ first, last } = spans);
    for (let k = 0; k < spans.length; k++) {
      for (let cell = first[k], end = last[k]; cell <= end; cell++) {
        if (marked[cell] === p) continue;
        if (bits) full[cell] |= 1 << o;
        else if (full[cell] === -1 || o < full[cell]) full[cell] = o;
      }
    }
  }
  // A polygon whose owner already covers the whole cell cannot change a point's answer there (its
  // bit is set, or a smaller owner wins): dropping it leaves NRW's points 5 candidates, not 37.
  if (bits) pairs.retain((cell, p) => (full[cell] & (1 << owner[p])) === 0);
  else pairs.retain((cell, p) => full[cell] === -1 || owner[p] < full[cell]);
  return { ...spec, full, ...pairs.toCsr(cells) };
}

/**
 * How far beyond a box a polygon can mark the grid's cells: a cell, and twice the margin its edges
 * are marked by (as a share's bins and a stripe's polygons are padded, so every cell they look at
 * holds all it holds in the whole grid).
 */
export function cellPad(grid: GridSpec): number {
  return Math.max(grid.dx, grid.dy) + 2 * MARGIN;
}

/** The grid `buildPolygonGrid` lays over a set by default: about `cellsAcross` cells across a typical polygon. */
export function gridSpecFor(set: PolygonSet, cellsAcross: number): GridSpec {
  const { bbox, polygonCount } = set;
  if (polygonCount === 0) return { x0: 0, y0: 0, dx: 1, dy: 1, cols: 0, rows: 0 };
  let [minX, minY, maxX, maxY] = boundsOf(set) as Bounds;
  const widths = new Float64Array(polygonCount);
  const heights = new Float64Array(polygonCount);
  for (let p = 0; p < polygonCount; p++) {
    widths[p] = bbox[4 * p + 2] - bbox[4 * p];
    heights[p] = bbox[4 * p + 3] - bbox[4 * p + 1];
  }
  let dx = Math.max(median(widths) / cellsAcross, 1e-6);
  let dy = Math.max(median(heights) / cellsAcross, 1e-6);
  while (((maxX - minX) / dx + 1) * ((maxY - minY) / dy + 1) > MAX_CELLS) {
    dx *= 1.5;
    dy *= 1.5;
  }
  // Corners on the integer clip grid, so full cells can join the unions exactly (full-cells.ts).
  dx = Math.ceil(dx * CLIP_SCALE) / CLIP_SCALE;
  dy = Math.ceil(dy * CLIP_SCALE) / CLIP_SCALE;
  // One unit further out: dividing back can land one ulp above the extent's edge.
  minX = (Math.floor(minX * CLIP_SCALE) - 1) / CLIP_SCALE;
  minY = (Math.floor(minY * CLIP_SCALE) - 1) / CLIP_SCALE;
  // One cell more than the extent needs, so a point on the far boundary still has a cell.
  return {
    x0: minX,
    y0: minY,
    dx,
    dy,
    cols: Math.floor((maxX - minX) / dx) + 1,
    rows: Math.floor((maxY - minY) / dy) + 1,
  };
}

/** (cell, polygon) pairs, appended in polygon order, turned into a CSR with polygons ascending per cell. */
export class PairList {
  private cells: Uint32Array;
  private polygons: Uint32Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.cells = new Uint32Array(Math.max(16, capacity));
    this.polygons = new Uint32Array(this.cells.length);
  }

  push(cell: number, polygon: number): void {
    if (this.length === this.cells.length) {
      this.cells = grownTo(this.cells, this.cells.length * 2);
      this.polygons = grownTo(this.polygons, this.polygons.length * 2);
    }
    this.cells[this.length] = cell;
    this.polygons[this.length++] = polygon;
  }

  /** Keeps the pairs `keep` says yes to, in their order. */
  retain(keep: (cell: number, polygon: number) => boolean): void {
    const { cells, polygons } = this;
    let kept = 0;
    for (let k = 0; k < this.length; k++) {
      if (!keep(cells[k], polygons[k])) continue;
      cells[kept] = cells[k];
      polygons[kept++] = polygons[k];
    }
    this.length = kept;
  }

  toCsr(cellCount: number): { edgeOffset: Uint32Array; edgePolygons: Uint32Array } {
    const { cells, polygons, length } = this;
    const edgeOffset = new Uint32Array(new SharedArrayBuffer((cellCount + 1) * 4));
    for (let k = 0; k < length; k++) edgeOffset[cells[k] + 1]++;
    for (let c = 0; c < cellCount; c++) edgeOffset[c + 1] += edgeOffset[c];
    const edgePolygons = new Uint32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
    const cursor = edgeOffset.slice(0, cellCount);
    for (let k = 0; k < length; k++) edgePolygons[cursor[cells[k]]++] = polygons[k];
    return { edgeOffset, edgePolygons };
  }
}

/** The element sorting would put at length/2, found by selection (reorders `values`). */
function median(values: Float64Array): number {
  const k = values.length >> 1;
  // NaN has no rank to select by: such input keeps the sort's answer (NaN last).
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return values.slice().sort()[k];
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const v = values[i];
        values[i++] = values[j];
        values[j--] = v;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}
