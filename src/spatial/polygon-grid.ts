import type { PolygonSet } from '../model/polygon-set.js';

/**
 * Grid pre-classification of a polygon set. Every cell of a regular lon/lat grid is, for each
 * polygon, either untouched, fully inside (no edge comes near the closed cell and its centre is
 * inside), or crossed by an edge. A point then needs exact tests only against the polygons whose
 * edges cross its cell; "fully inside" is reduced per cell into `full` (a bitmask of owners, or the
 * smallest owner). Arrays live in SharedArrayBuffers, so workers read them without a copy.
 */
export interface PolygonGrid {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  cols: number;
  rows: number;
  /** Per cell: OR of `1 << owner` (mode `bits`), or the smallest owner, -1 for none (mode `min`). */
  full: Int32Array;
  /** CSR: the polygons whose edges cross cell c are edgePolygons[edgeOffset[c] .. edgeOffset[c+1]-1], ascending. */
  edgeOffset: Uint32Array;
  edgePolygons: Uint32Array;
}

export type FullMode = 'bits' | 'min';

/** Edges are marked this far (degrees, ~0.1 mm) beyond where they run, so a point binned one ulp off still meets them. */
const MARGIN = 1e-9;
/** Cells at most: 16 M cells take 64 MB per Int32 column. */
const MAX_CELLS = 1 << 24;

/** Chooses a grid over the set's extent: cells about a quarter of the median polygon's size. */
export function buildPolygonGrid(set: PolygonSet, mode: FullMode, cellsAcross = 4): PolygonGrid {
  const { bbox, polygonCount } = set;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const widths = new Float64Array(polygonCount);
  const heights = new Float64Array(polygonCount);
  for (let p = 0; p < polygonCount; p++) {
    minX = Math.min(minX, bbox[4 * p]);
    minY = Math.min(minY, bbox[4 * p + 1]);
    maxX = Math.max(maxX, bbox[4 * p + 2]);
    maxY = Math.max(maxY, bbox[4 * p + 3]);
    widths[p] = bbox[4 * p + 2] - bbox[4 * p];
    heights[p] = bbox[4 * p + 3] - bbox[4 * p + 1];
  }
  if (polygonCount === 0) return emptyGrid(mode);
  let dx = Math.max(median(widths) / cellsAcross, 1e-6);
  let dy = Math.max(median(heights) / cellsAcross, 1e-6);
  while (((maxX - minX) / dx + 1) * ((maxY - minY) / dy + 1) > MAX_CELLS) {
    dx *= 1.5;
    dy *= 1.5;
  }
  return rasterize(
    set,
    mode,
    minX,
    minY,
    dx,
    dy,
    Math.floor((maxX - minX) / dx) + 1,
    Math.floor((maxY - minY) / dy) + 1,
  );
}

/** The cell of (x, y), or -1 outside the grid (and so outside every polygon). */
export function gridCell(grid: PolygonGrid, x: number, y: number): number {
  const col = Math.floor((x - grid.x0) / grid.dx);
  const row = Math.floor((y - grid.y0) / grid.dy);
  // Written as a positive test so NaN lands outside too.
  if (!(col >= 0 && row >= 0 && col < grid.cols && row < grid.rows)) return -1;
  return row * grid.cols + col;
}

function rasterize(
  set: PolygonSet,
  mode: FullMode,
  x0: number,
  y0: number,
  dx: number,
  dy: number,
  cols: number,
  rows: number,
): PolygonGrid {
  const cells = cols * rows;
  const full = new Int32Array(new SharedArrayBuffer(cells * 4));
  if (mode === 'min') full.fill(-1);
  // Last polygon that marked each cell as crossed: dedupes a polygon's many edges in one cell.
  const marked = new Int32Array(cells).fill(-1);
  let pairCells: Uint32Array = new Uint32Array(1 << 16);
  let pairPolygons: Uint32Array = new Uint32Array(1 << 16);
  let pairs = 0;
  const { ringStart, ringOffset, coords, owner } = set;
  const crossings: number[] = [];

  for (let p = 0; p < set.polygonCount; p++) {
    // 1. Mark the cells the polygon's edges cross (conservatively, MARGIN wider).
    for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
      for (let v = ringOffset[r]; v < ringOffset[r + 1] - 1; v++) {
        const ax = coords[2 * v];
        const ay = coords[2 * v + 1];
        const bx = coords[2 * v + 2];
        const by = coords[2 * v + 3];
        const ylo = Math.min(ay, by) - MARGIN;
        const yhi = Math.max(ay, by) + MARGIN;
        const r0 = Math.max(0, Math.floor((ylo - y0) / dy));
        const r1 = Math.min(rows - 1, Math.floor((yhi - y0) / dy));
        for (let row = r0; row <= r1; row++) {
          let xa: number;
          let xb: number;
          if (ay === by) {
            xa = ax;
            xb = bx;
          } else {
            const ya = Math.max(ylo, y0 + row * dy);
            const yb = Math.min(yhi, y0 + (row + 1) * dy);
            const t = (bx - ax) / (by - ay);
            xa = ax + (Math.min(Math.max(ya, Math.min(ay, by)), Math.max(ay, by)) - ay) * t;
            xb = ax + (Math.min(Math.max(yb, Math.min(ay, by)), Math.max(ay, by)) - ay) * t;
          }
          const c0 = Math.max(0, Math.floor((Math.min(xa, xb) - MARGIN - x0) / dx));
          const c1 = Math.min(cols - 1, Math.floor((Math.max(xa, xb) + MARGIN - x0) / dx));
          for (let col = c0; col <= c1; col++) {
            const cell = row * cols + col;
            if (marked[cell] === p) continue;
            marked[cell] = p;
            if (pairs === pairCells.length) {
              pairCells = grow(pairCells);
              pairPolygons = grow(pairPolygons);
            }
            pairCells[pairs] = cell;
            pairPolygons[pairs++] = p;
          }
        }
      }
    }

    // 2. Fill: along each row's centre line, cells whose centres lie inside and that no edge crosses.
    const r0 = Math.max(0, Math.floor((set.bbox[4 * p + 1] - y0) / dy));
    const r1 = Math.min(rows - 1, Math.floor((set.bbox[4 * p + 3] - y0) / dy));
    const o = owner[p];
    for (let row = r0; row <= r1; row++) {
      const yc = y0 + (row + 0.5) * dy;
      crossings.length = 0;
      for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
        for (let v = ringOffset[r]; v < ringOffset[r + 1] - 1; v++) {
          const ay = coords[2 * v + 1];
          const by = coords[2 * v + 3];
          if (ay > yc !== by > yc) {
            const ax = coords[2 * v];
            crossings.push(ax + ((yc - ay) * (coords[2 * v + 2] - ax)) / (by - ay));
          }
        }
      }
      crossings.sort((a, b) => a - b);
      for (let k = 0; k + 1 < crossings.length; k += 2) {
        const c0 = Math.max(0, Math.ceil((crossings[k] - x0) / dx - 0.5));
        const c1 = Math.min(cols - 1, Math.floor((crossings[k + 1] - x0) / dx - 0.5));
        for (let col = c0; col <= c1; col++) {
          const cell = row * cols + col;
          if (marked[cell] === p) continue;
          if (mode === 'bits') full[cell] |= 1 << o;
          else if (full[cell] === -1 || o < full[cell]) full[cell] = o;
        }
      }
    }
  }

  // 3. Pairs (cell, polygon) into CSR, polygons ascending per cell (they were added in polygon order).
  const edgeOffset = new Uint32Array(new SharedArrayBuffer((cells + 1) * 4));
  for (let k = 0; k < pairs; k++) edgeOffset[pairCells[k] + 1]++;
  for (let c = 0; c < cells; c++) edgeOffset[c + 1] += edgeOffset[c];
  const edgePolygons = new Uint32Array(new SharedArrayBuffer(Math.max(1, pairs) * 4), 0, pairs);
  const cursor = edgeOffset.slice(0, cells);
  for (let k = 0; k < pairs; k++) edgePolygons[cursor[pairCells[k]]++] = pairPolygons[k];
  return { x0, y0, dx, dy, cols, rows, full, edgeOffset, edgePolygons };
}

function emptyGrid(mode: FullMode): PolygonGrid {
  const full = new Int32Array(new SharedArrayBuffer(4));
  if (mode === 'min') full[0] = -1;
  return {
    x0: 0,
    y0: 0,
    dx: 1,
    dy: 1,
    cols: 0,
    rows: 0,
    full,
    edgeOffset: new Uint32Array(new SharedArrayBuffer(8)),
    edgePolygons: new Uint32Array(new SharedArrayBuffer(4), 0, 0),
  };
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[sorted.length >> 1];
}

function grow(array: Uint32Array): Uint32Array {
  const grown = new Uint32Array(array.length * 2);
  grown.set(array);
  return grown;
}
