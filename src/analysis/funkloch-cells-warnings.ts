import type { Layer } from '../model/coverage.js';
import { coarsePlacementWarning, type FunklochCellsWarning } from './funkloch-cells-coarse.js';
import { type CellGrid, NO_CELL } from './funkloch-cells-grid.js';
import type { CellSums } from './funkloch-cells-group.js';

/**
 * The Funkloch cells' warnings: households the grid cannot place, a measure without its technologies,
 * household points spaced wider than the cells. They read only what `cellWarningsOf` takes, so a run
 * shared out by byte ranges gives them from its parts (funkloch-cells-placement.ts).
 */

/** The households (weights) in no cell: where the grid's CRS cannot place them. */
export function offGridHouseholds(weight: Uint32Array, col: Int32Array): number {
  let offGrid = 0;
  for (let i = 0; i < col.length; i++) if (col[i] === NO_CELL && weight[i] > 0) offGrid += weight[i];
  return offGrid;
}

/**
 * The warnings from what they read of the households: those off the grid (`offGrid`) and the
 * inhabited cells, row then column order (`cells`: their households are what the coarse check reads).
 */
export function cellWarningsOf(
  offGrid: number,
  cells: Pick<CellSums, 'count' | 'col' | 'row' | 'households'>,
  techMask: number,
  grid: CellGrid,
  technologies: readonly string[],
  layers: readonly Layer[],
): FunklochCellsWarning[] {
  const warnings: FunklochCellsWarning[] = [];
  if (offGrid > 0)
    warnings.push({
      code: 'funkloch-cells-off-grid',
      message: `funkloch_cells: ${offGrid} households lie where the grid's CRS ${grid.crs} cannot place them (too far from its zone): they are in no cell`,
    });
  if (techMask === 0 && cells.count > 0) {
    const present = [...new Set(layers.map((l) => l.technology))].join(', ') || 'no layers';
    warnings.push({
      code: 'funkloch-cells-no-technology',
      message: `funkloch_cells: no coverage layer has ${technologies.join(' or ')} (the coverage has ${present}): every inhabited cell counts as a Funkloch`,
    });
  }
  const coarse = coarsePlacementWarning(cells, grid.cellSize, grid.crs);
  if (coarse) warnings.push(coarse);
  return warnings;
}
