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

/**
 * The cells set in `mask` (row-major, `columns × rows`, non-zero = set) as polygons in lon/lat:
 * flat closed rings, shell first, then holes.
 *
 * TODO(formats): this first version returns one square per cell, which is correct (coverage has
 * union semantics and the tile unions dissolve it) but slow for large grids; replace it with a
 * boundary trace that dissolves connected cells and keeps every cell corner on the boundary (so the
 * edges stay straight in the grid's CRS after reprojection).
 */
export function cellPolygons(grid: CellGrid, mask: ArrayLike<number>): Float64Array[][] {
  const polygons: Float64Array[][] = [];
  for (let r = 0; r < grid.rows; r++) {
    const top = grid.y0 - r * grid.cellHeight;
    const bottom = top - grid.cellHeight;
    for (let c = 0; c < grid.columns; c++) {
      if (!mask[r * grid.columns + c]) continue;
      const left = grid.x0 + c * grid.cellWidth;
      const right = left + grid.cellWidth;
      const ring = new Float64Array([left, bottom, right, bottom, right, top, left, top, left, bottom]);
      grid.crs.toLonLat(ring);
      polygons.push([ring]);
    }
  }
  return polygons;
}
