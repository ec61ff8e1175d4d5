import { markEdgeNeeds } from '../analysis/full-cells.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { GridSpec } from '../spatial/grid-raster.js';
import { buildPolygonGrid, cellPad } from '../spatial/polygon-grid.js';

/**
 * The union culling (full-cells.ts) shared out over row stripes of the coverage's grid: building
 * the grid is most of indexing a large coverage, and each stripe's window of
 * it holds, cell for cell, what the whole grid holds there, once every polygon near the stripe is
 * in it. So the polygons a stripe finds needed, ORed over the stripes, are those the whole grid finds.
 */

/**
 * Rows `[first, end)` of stripe `index` of `of`: runs of the grid's rows holding about equal numbers
 * of polygons (by the row of each box's centre), since a dense town is most of the work.
 */
export function stripeRows(set: PolygonSet, grid: GridSpec, index: number, of: number): [number, number] {
  const perRow = new Float64Array(grid.rows + 1);
  const { bbox } = set;
  for (let p = 0; p < set.polygonCount; p++) {
    const row = Math.floor(((bbox[4 * p + 1] + bbox[4 * p + 3]) / 2 - grid.y0) / grid.dy);
    perRow[Math.max(0, Math.min(grid.rows - 1, row)) + 1]++;
  }
  for (let r = 0; r < grid.rows; r++) perRow[r + 1] += perRow[r];
  // The first row whose polygons before it reach the stripe's share.
  const boundary = (k: number): number => {
    if (k <= 0) return 0;
    if (k >= of) return grid.rows;
    const target = (set.polygonCount * k) / of;
    let r = 0;
    while (r < grid.rows && perRow[r] < target) r++;
    return r;
  };
  return [boundary(index), boundary(index + 1)];
}

/** The polygons (ascending) whose boxes come within a cell and a bit of the rows: every one that marks a cell there. */
export function stripePolygons(set: PolygonSet, grid: GridSpec, rows: readonly number[]): number[] {
  const pad = cellPad(grid);
  const low = grid.y0 + rows[0] * grid.dy - pad;
  const high = grid.y0 + rows[1] * grid.dy + pad;
  const picked: number[] = [];
  if (rows[1] <= rows[0]) return picked;
  const { bbox } = set;
  for (let p = 0; p < set.polygonCount; p++)
    if (bbox[4 * p + 3] >= low && bbox[4 * p + 1] <= high) picked.push(p);
  return picked;
}

/**
 * The stripe's polygons (`subset`, polygons `picked` of the whole set) that the unions need for
 * an edge in one of the stripe's cells (`markEdgeNeeds`), as indexes of the whole set, ascending.
 */
export function stripeNeeds(
  subset: PolygonSet,
  picked: readonly number[],
  grid: GridSpec,
  rows: readonly number[],
  cellsAcross: number,
  groupOfOwner: readonly number[],
): Uint32Array {
  if (rows[1] <= rows[0]) return new Uint32Array(0);
  const window: GridSpec = { ...grid, col0: 0, row0: rows[0], cols: grid.cols, rows: rows[1] - rows[0] };
  const built = buildPolygonGrid(subset, 'bits', cellsAcross, window);
  const flags = new Uint8Array(subset.polygonCount);
  markEdgeNeeds(built, subset.owner, groupOfOwner, flags);
  const needed: number[] = [];
  for (let p = 0; p < flags.length; p++) if (flags[p] === 1) needed.push(picked[p]);
  return Uint32Array.from(needed);
}
