import type { Households } from '../../src/model/households.js';
import type { GridSpec } from '../../src/spatial/grid-raster.js';

/** The points reordered by their coverage grid cell (file order within a cell): candidates stay in cache. */
export function sortedByCell(households: Households, grid: GridSpec): Households {
  const { lon, lat, weight, count } = households;
  // Cell in the high part, index in the low 32 bits: one numeric sort, stable by construction.
  const key = new Float64Array(count);
  const { x0, y0, dx, dy, cols, rows } = grid;
  for (let i = 0; i < count; i++) {
    const col = Math.floor((lon[i] - x0) / dx);
    const row = Math.floor((lat[i] - y0) / dy);
    // Points off the grid (or NaN) share one last cell.
    const cell = col >= 0 && row >= 0 && col < cols && row < rows ? row * cols + col : cols * rows;
    key[i] = cell * 2 ** 32 + i;
  }
  key.sort();
  const out = {
    count,
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    weight: new Uint32Array(count),
  };
  for (let j = 0; j < count; j++) {
    const i = key[j] % 2 ** 32;
    out.lon[j] = lon[i];
    out.lat[j] = lat[i];
    out.weight[j] = weight[i];
  }
  return out;
}
