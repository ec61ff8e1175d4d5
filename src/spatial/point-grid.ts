/**
 * Points binned into a uniform lon/lat grid, in counting-sort order (CSR): built in two linear passes,
 * so indexing millions of households costs less than one R-tree build, and a box query visits only
 * the cells it overlaps. `items` are the indexes into the caller's columns.
 */
export class PointGrid {
  readonly x0: number;
  readonly y0: number;
  readonly cell: number;
  readonly cols: number;
  readonly rows: number;
  /** Points of cell c: items[offset[c] .. offset[c + 1] − 1]. */
  readonly offset: Uint32Array;
  readonly items: Uint32Array;

  /**
   * Indexes the points `which` (all points when omitted) of the lon/lat columns; points with a
   * coordinate that is not finite are left out (they match no box).
   */
  constructor(lon: Float64Array, lat: Float64Array, cellDeg: number, which?: ArrayLike<number>) {
    const count = which ? which.length : lon.length;
    const at = (k: number) => (which ? which[k] : k);
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < count; k++) {
      const i = at(k);
      const x = lon[i];
      const y = lat[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const empty = minX > maxX;
    this.x0 = empty ? 0 : minX;
    this.y0 = empty ? 0 : minY;
    this.cell = cellDeg;
    this.cols = empty ? 1 : Math.floor((maxX - minX) / cellDeg) + 1;
    this.rows = empty ? 1 : Math.floor((maxY - minY) / cellDeg) + 1;
    const cellOf = new Int32Array(count).fill(-1);
    const offset = new Uint32Array(this.cols * this.rows + 1);
    for (let k = 0; k < count; k++) {
      const i = at(k);
      const x = lon[i];
      const y = lat[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const c = this.cellIndex(x, y);
      cellOf[k] = c;
      offset[c + 1]++;
    }
    for (let c = 0; c < this.cols * this.rows; c++) offset[c + 1] += offset[c];
    const fill = offset.slice(0, -1);
    const items = new Uint32Array(offset[this.cols * this.rows]);
    for (let k = 0; k < count; k++) if (cellOf[k] >= 0) items[fill[cellOf[k]]++] = at(k);
    this.offset = offset;
    this.items = items;
  }

  private cellIndex(x: number, y: number): number {
    const col = Math.min(this.cols - 1, Math.floor((x - this.x0) / this.cell));
    const row = Math.min(this.rows - 1, Math.floor((y - this.y0) / this.cell));
    return row * this.cols + col;
  }

  /** Calls `visit` with every point whose cell overlaps the box (a superset: test the point itself). */
  forEachInBox(minX: number, minY: number, maxX: number, maxY: number, visit: (i: number) => void): void {
    const c0 = Math.max(0, Math.floor((minX - this.x0) / this.cell));
    const c1 = Math.min(this.cols - 1, Math.floor((maxX - this.x0) / this.cell));
    const r0 = Math.max(0, Math.floor((minY - this.y0) / this.cell));
    const r1 = Math.min(this.rows - 1, Math.floor((maxY - this.y0) / this.cell));
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        for (let k = this.offset[cell], end = this.offset[cell + 1]; k < end; k++) visit(this.items[k]);
      }
  }
}
