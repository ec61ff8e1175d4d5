import type { Layer } from '../model/coverage.js';
import {
  cellWarnings,
  checkedDefinition,
  type FunklochCellsInput,
  type FunklochCellsOptions,
  type FunklochCellsWarning,
  OPTION,
  placedCells,
  technologiesMask,
} from './funkloch-cells.js';
import { cellGrid, NO_CELL } from './funkloch-cells-grid.js';

/**
 * Where the measure puts each household, for sharing a run out by region: the region (file order)
 * of its cell's centre, placed as `funklochCells` places it, -1 for a cell in no region analysed,
 * -2 for none (no households, or off the grid); and the measure's warnings, which see every
 * household, for each of `layerSets` (one per coverage snapshot).
 */
export function cellPlacement(
  input: Omit<FunklochCellsInput, 'mask' | 'layers'>,
  options: FunklochCellsOptions,
  layerSets: readonly (readonly Layer[])[],
): { cellRegion: Int32Array; warnings: FunklochCellsWarning[][] } {
  const definition = checkedDefinition(options);
  const grid = cellGrid(options.crs, definition.cell_size, `${OPTION}.crs`);
  const count = input.households.count;
  const { col, row, cells, region } = placedCells(input, grid, new Uint32Array(count), 0);
  const cellRegion = new Int32Array(count).fill(-2);
  for (let i = 0; i < count; i++) {
    if (col[i] === NO_CELL) continue;
    // The cells are in row, then column order: the household's is found by bisection.
    let lo = 0;
    let hi = cells.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cells.row[mid] < row[i] || (cells.row[mid] === row[i] && cells.col[mid] < col[i])) lo = mid + 1;
      else hi = mid;
    }
    cellRegion[i] = region[lo];
  }
  const warnings = layerSets.map((layers) =>
    cellWarnings(
      { ...input, layers },
      col,
      technologiesMask(definition, layers),
      cells,
      grid,
      definition.technologies,
    ),
  );
  return { cellRegion, warnings };
}
