import type { Layer } from '../model/coverage.js';
import {
  checkedDefinition,
  type FunklochCellsInput,
  type FunklochCellsOptions,
  type FunklochCellsWarning,
  OPTION,
  placedCells,
  technologiesMask,
} from './funkloch-cells.js';
import { cellGrid, NO_CELL } from './funkloch-cells-grid.js';
import { cellWarningsOf, offGridHouseholds } from './funkloch-cells-warnings.js';

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
  const { cellRegion, col, cells, definition, grid } = placed(input, options);
  const offGrid = offGridHouseholds(input.households.weight, col);
  const warnings = layerSets.map((layers) =>
    cellWarningsOf(
      offGrid,
      cells,
      technologiesMask(definition, layers),
      grid,
      definition.technologies,
      layers,
    ),
  );
  return { cellRegion, warnings };
}

/** What the warnings read of a part of the households (a byte range of a file): see `cellWarningsOf`. */
export interface CellsPart {
  offGrid: number;
  /** The part's inhabited cells, row then column order, and their households. */
  col: Int32Array;
  row: Int32Array;
  households: Float64Array;
}

/**
 * `cellPlacement` for a part of the households (a distributed run's byte range): each household's
 * cell region as the whole run places it (a cell's region is its centre's), and what the warnings
 * read of the part, for `partsCellWarnings` once every part is in.
 */
export function cellPlacementPart(
  input: Omit<FunklochCellsInput, 'mask' | 'layers'>,
  options: FunklochCellsOptions,
): { cellRegion: Int32Array; cells: CellsPart } {
  const { cellRegion, col, cells } = placed(input, options);
  return {
    cellRegion,
    cells: {
      offGrid: offGridHouseholds(input.households.weight, col),
      col: cells.col.slice(0, cells.count),
      row: cells.row.slice(0, cells.count),
      households: cells.households.slice(0, cells.count),
    },
  };
}

/** The warnings `cellPlacement` gives, per snapshot's layers, from the parts (in any order) of all the households. */
export function partsCellWarnings(
  options: FunklochCellsOptions,
  parts: readonly CellsPart[],
  layerSets: readonly (readonly Layer[])[],
): FunklochCellsWarning[][] {
  const definition = checkedDefinition(options);
  const grid = cellGrid(options.crs, definition.cell_size, `${OPTION}.crs`);
  const offGrid = parts.reduce((sum, p) => sum + p.offGrid, 0);
  const cells = mergedCells(parts);
  return layerSets.map((layers) =>
    cellWarningsOf(
      offGrid,
      cells,
      technologiesMask(definition, layers),
      grid,
      definition.technologies,
      layers,
    ),
  );
}

type CellList = Pick<CellsPart, 'col' | 'row' | 'households'>;

/** The parts' cells as one list, row then column order, a cell in several parts summed once. */
function mergedCells(parts: readonly CellsPart[]): CellList & { count: number } {
  // Sorted lists merged two by two, in rounds: n log(parts), no comparison sort of every cell.
  let lists: CellList[] = parts.map((p) => ({ col: p.col, row: p.row, households: p.households }));
  if (lists.length === 0)
    lists = [{ col: new Int32Array(0), row: new Int32Array(0), households: new Float64Array(0) }];
  while (lists.length > 1) {
    const next: CellList[] = [];
    for (let k = 0; k < lists.length; k += 2)
      next.push(k + 1 < lists.length ? mergedPair(lists[k], lists[k + 1]) : lists[k]);
    lists = next;
  }
  return { ...lists[0], count: lists[0].col.length };
}

function mergedPair(a: CellList, b: CellList): CellList {
  const n = a.col.length + b.col.length;
  const col = new Int32Array(n);
  const row = new Int32Array(n);
  const households = new Float64Array(n);
  let i = 0;
  let j = 0;
  let out = 0;
  while (i < a.col.length || j < b.col.length) {
    const order = i >= a.col.length ? 1 : j >= b.col.length ? -1 : a.row[i] - b.row[j] || a.col[i] - b.col[j];
    const from = order <= 0 ? a : b;
    const k = order <= 0 ? i++ : j++;
    if (order === 0) {
      // The same cell in both: one entry, its households summed.
      households[out] = a.households[k] + b.households[j];
      col[out] = a.col[k];
      row[out++] = a.row[k];
      j++;
      continue;
    }
    col[out] = from.col[k];
    row[out] = from.row[k];
    households[out++] = from.households[k];
  }
  return { col: col.slice(0, out), row: row.slice(0, out), households: households.slice(0, out) };
}

/** Each household's cell, the inhabited cells and each household's cell region (see `cellPlacement`). */
function placed(input: Omit<FunklochCellsInput, 'mask' | 'layers'>, options: FunklochCellsOptions) {
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
  return { cellRegion, col, cells, definition, grid };
}
