import { grownTo } from '../model/typed-arrays.js';

/**
 * A regular lon/lat grid and the two rasterizations the pre-classification needs: the cells a
 * ring's edges come near (conservatively, `margin` wider), and the cells whose centres lie inside a
 * set of rings (even-odd along each row's centre line). Both append runs of cells to a `CellSpans`
 * that the caller walks itself: no callback per cell, no allocation per call.
 */
export interface GridSpec {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  cols: number;
  rows: number;
  /**
   * A window of a larger grid (a distributed job's share): its first column and row in that grid.
   * Cells are numbered and binned as the larger grid's (the same x0, y0, dx, dy, so the same
   * arithmetic to the last bit); only columns col0 .. col0+cols-1 and rows row0 .. row0+rows-1 exist.
   */
  col0?: number;
  row0?: number;
}

/** `grid`'s cells within `box` (minX, minY, maxX, maxY) as a window of it, in the same cell numbering. */
export function gridWindow(grid: GridSpec, box: readonly number[]): GridSpec {
  const col0 = grid.col0 ?? 0;
  const row0 = grid.row0 ?? 0;
  const c0 = Math.max(col0, Math.floor((box[0] - grid.x0) / grid.dx));
  const r0 = Math.max(row0, Math.floor((box[1] - grid.y0) / grid.dy));
  const c1 = Math.min(col0 + grid.cols - 1, Math.floor((box[2] - grid.x0) / grid.dx));
  const r1 = Math.min(row0 + grid.rows - 1, Math.floor((box[3] - grid.y0) / grid.dy));
  const { x0, y0, dx, dy } = grid;
  if (!(c0 <= c1 && r0 <= r1)) return { x0, y0, dx, dy, col0: 0, row0: 0, cols: 0, rows: 0 };
  return { x0, y0, dx, dy, col0: c0, row0: r0, cols: c1 - c0 + 1, rows: r1 - r0 + 1 };
}

/** Runs of cells within one row: span k is cells first[k] .. last[k] (inclusive, same row). */
export class CellSpans {
  first = new Int32Array(256);
  last = new Int32Array(256);
  length = 0;

  push(first: number, last: number): void {
    if (this.length === this.first.length) {
      this.first = grownTo(this.first, 2 * this.length);
      this.last = grownTo(this.last, 2 * this.length);
    }
    this.first[this.length] = first;
    this.last[this.length++] = last;
  }
}

// Scratch for insideSpans, reused across calls: it runs once per polygon, tens of thousands of times.
let xs = new Float64Array(1024);
let ys = new Float64Array(1024);
let crossings = new Float64Array(1024);

/** Row crossings up to this many are sorted by insertion (a small polygon has two or four). */
const INSERTION_SORT = 32;

/** The cell of (x, y), or -1 outside the grid. */
export function gridCell(grid: GridSpec, x: number, y: number): number {
  // Subtracting the window's integer origin after the division is exact: the same cells as the whole grid's.
  const col = Math.floor((x - grid.x0) / grid.dx) - (grid.col0 ?? 0);
  const row = Math.floor((y - grid.y0) / grid.dy) - (grid.row0 ?? 0);
  // Written as a positive test so NaN lands outside too.
  if (!(col >= 0 && row >= 0 && col < grid.cols && row < grid.rows)) return -1;
  return row * grid.cols + col;
}

/**
 * Appends the cells that the edges of the ring (flat coords, vertices first..end-1, closed) pass
 * within `margin` of, one span per edge and row; a cell may appear more than once.
 */
export function edgeSpans(
  grid: GridSpec,
  coords: ArrayLike<number>,
  first: number,
  end: number,
  margin: number,
  scale: number,
  out: CellSpans,
): void {
  const { x0, y0, dx, dy, cols, rows } = grid;
  const col0 = grid.col0 ?? 0;
  const row0 = grid.row0 ?? 0;
  if (first >= end - 1) return;
  let bx = coords[2 * first] / scale;
  let by = coords[2 * first + 1] / scale;
  for (let v = first; v < end - 1; v++) {
    const ax = bx;
    const ay = by;
    bx = coords[2 * v + 2] / scale;
    by = coords[2 * v + 3] / scale;
    const ymin = Math.min(ay, by);
    const ymax = Math.max(ay, by);
    // Rows and columns in the whole grid's numbering, clamped to the window.
    const r0 = Math.max(row0, Math.floor((ymin - margin - y0) / dy));
    const r1 = Math.min(row0 + rows - 1, Math.floor((ymax + margin - y0) / dy));
    for (let row = r0; row <= r1; row++) {
      let xa: number;
      let xb: number;
      if (ay === by) {
        xa = ax;
        xb = bx;
      } else {
        // The part of the edge within this row's band (widened by the margin), as an x-range.
        const ya = Math.min(Math.max(y0 + row * dy - margin, ymin), ymax);
        const yb = Math.min(Math.max(y0 + (row + 1) * dy + margin, ymin), ymax);
        const t = (bx - ax) / (by - ay);
        xa = ax + (ya - ay) * t;
        xb = ax + (yb - ay) * t;
      }
      const c0 = Math.max(col0, Math.floor((Math.min(xa, xb) - margin - x0) / dx));
      const c1 = Math.min(col0 + cols - 1, Math.floor((Math.max(xa, xb) + margin - x0) / dx));
      const at = (row - row0) * cols - col0;
      if (c0 <= c1) out.push(at + c0, at + c1);
    }
  }
}

/**
 * Appends the cells (rows r0..r1) whose centre lies inside the rings by the even-odd rule, one span
 * per inside stretch of a row. Ring k is vertices ringOffset[k] .. ringOffset[k+1]-1 of `coords`,
 * for k in firstRing .. endRing-1.
 */
export function insideSpans(
  grid: GridSpec,
  coords: ArrayLike<number>,
  ringOffset: ArrayLike<number>,
  firstRing: number,
  endRing: number,
  scale: number,
  r0: number,
  r1: number,
  out: CellSpans,
): void {
  const { x0, y0, dx, dy, cols } = grid;
  const col0 = grid.col0 ?? 0;
  const row0 = grid.row0 ?? 0;
  const from = ringOffset[firstRing];
  const to = ringOffset[endRing];
  // Scaled once here rather than once per row: the same divisions, so the same values.
  if (to - from > xs.length) {
    xs = new Float64Array(Math.max(to - from, 2 * xs.length));
    ys = new Float64Array(xs.length);
    crossings = new Float64Array(xs.length);
  }
  for (let v = from; v < to; v++) {
    xs[v - from] = coords[2 * v] / scale;
    ys[v - from] = coords[2 * v + 1] / scale;
  }
  // Rows r0..r1 in the whole grid's numbering, clamped to the window.
  for (let row = Math.max(row0, r0); row <= Math.min(row0 + grid.rows - 1, r1); row++) {
    const yc = y0 + (row + 0.5) * dy;
    let count = 0;
    for (let k = firstRing; k < endRing; k++) {
      const end = ringOffset[k + 1] - from - 1;
      for (let v = ringOffset[k] - from; v < end; v++) {
        const ay = ys[v];
        const by = ys[v + 1];
        if (ay > yc !== by > yc) {
          const ax = xs[v];
          crossings[count++] = ax + ((yc - ay) * (xs[v + 1] - ax)) / (by - ay);
        }
      }
    }
    sortCrossings(count);
    for (let k = 0; k + 1 < count; k += 2) {
      const c0 = Math.max(col0, Math.ceil((crossings[k] - x0) / dx - 0.5));
      const c1 = Math.min(col0 + cols - 1, Math.floor((crossings[k + 1] - x0) / dx - 0.5));
      const at = (row - row0) * cols - col0;
      if (c0 <= c1) out.push(at + c0, at + c1);
    }
  }
}

/** Ascending; equal crossings are equal numbers (or ±0, which land in the same cell), so ties need no order. */
function sortCrossings(count: number): void {
  if (count > INSERTION_SORT) {
    crossings.subarray(0, count).sort();
    return;
  }
  for (let i = 1; i < count; i++) {
    const x = crossings[i];
    let j = i - 1;
    while (j >= 0 && crossings[j] > x) {
      crossings[j + 1] = crossings[j];
      j--;
    }
    crossings[j + 1] = x;
  }
}
