import type { CellGrid } from '../geometry/cell-polygons.js';

/** The file a DEM was read from, for predict.json. */
export interface DemSource {
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * A digital elevation model in memory: heights in metres above sea level, one a cell, row-major from
 * the north-west corner, NaN where the file had no data. Heights between cell centres are bilinear;
 * outside the centres' span (to half a cell beyond) the edge cells' values hold.
 */
export class Dem {
  /** The lowest height in the model (the radio horizon of a hilltop site is taken down to it). */
  readonly minHeightM: number;
  private readonly xy = [0, 0];

  constructor(
    readonly grid: CellGrid,
    readonly heights: Float32Array,
    readonly source: DemSource,
  ) {
    if (heights.length !== grid.columns * grid.rows)
      throw new Error(`DEM has ${heights.length} heights, the grid ${grid.columns} × ${grid.rows}`);
    let min = Number.POSITIVE_INFINITY;
    for (const h of heights) if (h < min) min = h;
    this.minHeightM = min;
  }

  /** Writes the fractional cell coordinates (column, row; 0 at the first cell's centre) of lon/lat into out. */
  toCell(lon: number, lat: number, out: Float64Array, offset: number): void {
    const { crs, x0, y0, cellWidth, cellHeight } = this.grid;
    const xy = this.xy;
    xy[0] = lon;
    xy[1] = lat;
    if (!crs.geographic) crs.fromLonLat(xy);
    out[offset] = (xy[0] - x0) / cellWidth - 0.5;
    out[offset + 1] = (y0 - xy[1]) / cellHeight - 0.5;
  }

  /** The height at fractional cell coordinates; NaN outside the raster or next to a cell without data. */
  heightAtCell(column: number, row: number): number {
    const { columns, rows } = this.grid;
    if (!(column >= -0.5 && column <= columns - 0.5 && row >= -0.5 && row <= rows - 0.5)) return Number.NaN;
    const u = Math.min(Math.max(column, 0), columns - 1);
    const v = Math.min(Math.max(row, 0), rows - 1);
    const c = Math.floor(u);
    const r = Math.floor(v);
    const fx = u - c;
    const fy = v - r;
    const h = this.heights;
    const k = r * columns + c;
    const right = c + 1 < columns ? 1 : 0;
    const below = r + 1 < rows ? columns : 0;
    // A NaN corner poisons the sum even at zero weight: unknown next to missing data.
    const top = h[k] + fx * (h[k + right] - h[k]);
    const bottom = h[k + below] + fx * (h[k + below + right] - h[k + below]);
    return top + fy * (bottom - top);
  }

  /** The height at lon/lat (bilinear), NaN outside the raster or on missing data. */
  heightAt(lon: number, lat: number): number {
    const cell = new Float64Array(2);
    this.toCell(lon, lat, cell, 0);
    return this.heightAtCell(cell[0], cell[1]);
  }
}
