/**
 * A regular lon/lat grid and the two rasterizations the pre-classification needs: the cells a
 * ring's edges come near (conservatively, `margin` wider), and the cells whose centres lie inside a
 * set of rings (even-odd along each row's centre line).
 */
export interface GridSpec {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  cols: number;
  rows: number;
}

/** The cell of (x, y), or -1 outside the grid. */
export function gridCell(grid: GridSpec, x: number, y: number): number {
  const col = Math.floor((x - grid.x0) / grid.dx);
  const row = Math.floor((y - grid.y0) / grid.dy);
  // Written as a positive test so NaN lands outside too.
  if (!(col >= 0 && row >= 0 && col < grid.cols && row < grid.rows)) return -1;
  return row * grid.cols + col;
}

/**
 * Calls `visit(cell)` for every cell that the edges of the ring (flat coords, vertices first..end-1,
 * closed) pass within `margin` of; a cell may be visited more than once.
 */
export function visitEdgeCells(
  grid: GridSpec,
  coords: ArrayLike<number>,
  first: number,
  end: number,
  margin: number,
  scale: number,
  visit: (cell: number) => void,
): void {
  const { x0, y0, dx, dy, cols, rows } = grid;
  for (let v = first; v < end - 1; v++) {
    const ax = coords[2 * v] / scale;
    const ay = coords[2 * v + 1] / scale;
    const bx = coords[2 * v + 2] / scale;
    const by = coords[2 * v + 3] / scale;
    const ymin = Math.min(ay, by);
    const ymax = Math.max(ay, by);
    const r0 = Math.max(0, Math.floor((ymin - margin - y0) / dy));
    const r1 = Math.min(rows - 1, Math.floor((ymax + margin - y0) / dy));
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
      const c0 = Math.max(0, Math.floor((Math.min(xa, xb) - margin - x0) / dx));
      const c1 = Math.min(cols - 1, Math.floor((Math.max(xa, xb) + margin - x0) / dx));
      for (let col = c0; col <= c1; col++) visit(row * cols + col);
    }
  }
}

/**
 * Calls `visit(cell)` for every cell (rows r0..r1) whose centre lies inside the rings by the
 * even-odd rule. `rings` lists [first, end) vertex ranges into `coords`.
 */
export function visitInsideCells(
  grid: GridSpec,
  coords: ArrayLike<number>,
  rings: readonly number[],
  scale: number,
  r0: number,
  r1: number,
  visit: (cell: number) => void,
): void {
  const { x0, y0, dx, dy, cols } = grid;
  const crossings: number[] = [];
  for (let row = Math.max(0, r0); row <= Math.min(grid.rows - 1, r1); row++) {
    const yc = y0 + (row + 0.5) * dy;
    crossings.length = 0;
    for (let k = 0; k < rings.length; k += 2) {
      for (let v = rings[k]; v < rings[k + 1] - 1; v++) {
        const ay = coords[2 * v + 1] / scale;
        const by = coords[2 * v + 3] / scale;
        if (ay > yc !== by > yc) {
          const ax = coords[2 * v] / scale;
          crossings.push(ax + ((yc - ay) * (coords[2 * v + 2] / scale - ax)) / (by - ay));
        }
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const c0 = Math.max(0, Math.ceil((crossings[k] - x0) / dx - 0.5));
      const c1 = Math.min(cols - 1, Math.floor((crossings[k + 1] - x0) / dx - 0.5));
      for (let col = c0; col <= c1; col++) visit(row * cols + col);
    }
  }
}
