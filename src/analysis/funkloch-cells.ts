import { InputError } from '../errors.js';
import type { Crs } from '../geometry/crs.js';
import { type Layer, LTE, normaliseTechnology, technologyMask } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import type { Regions } from '../model/regions.js';
import type { SetIndex } from '../spatial/indexes.js';
import type { FunklochCellsWarning } from './funkloch-cells-coarse.js';
import { type CellGrid, cellGrid, cellRing, householdCells } from './funkloch-cells-grid.js';
import { type CellSums, groupCells } from './funkloch-cells-group.js';
import { cellRegions } from './funkloch-cells-regions.js';
import { projectionTable } from './funkloch-cells-table.js';
import { cellWarningsOf, offGridHouseholds } from './funkloch-cells-warnings.js';

export type { FunklochCellsWarning } from './funkloch-cells-coarse.js';

/** The Mobilfunkpakt's rule, configurable; every field has the Pakt's (2019) value, LTE for 3G/4G. */
export interface FunklochCellsOptions {
  /** Cell edge in the grid CRS's units (metres); default 100. */
  cellSize?: number;
  /** A cell is a Funkloch when its share of households with the technologies is below this (strictly); default 0.5. */
  threshold?: number;
  /** A household has coverage when any layer of these technologies covers it; default ['lte']. */
  technologies?: readonly string[];
  /** The grid's CRS (cell edges at multiples of cellSize in it); default EPSG:25832, the BNetzA grid. */
  crs?: Crs | string;
}

/** What the measure reads: the base (households, regions and their index) and the classification's layer bits. */
export interface FunklochCellsInput {
  households: Households;
  /** Per household point: bit l set = layer l covers it (the classification's `mask`). */
  mask: Uint32Array;
  layers: readonly Layer[];
  regions: Regions;
  regionIndex: SetIndex;
  /** The regions analysed (file order); a cell whose centre lies in another counts as outside. */
  selected?: readonly number[];
}

export interface FunklochCellCounts {
  /** Funkloch cells. */
  count: number;
  /** Households in those cells. */
  households: number;
  /** Cells with at least one household. */
  inhabited_cells: number;
}

/** The Funkloch cells of the regions analysed, columnar; ring k is rings[10k .. 10k+9]. */
export interface FunklochCellLayer {
  count: number;
  /** Grid column and row: the cell's lower-left corner is (col·cellSize, row·cellSize) in the grid CRS. */
  col: Int32Array;
  row: Int32Array;
  region: Int32Array;
  households: Float64Array;
  /** Households with the technologies. */
  covered: Float64Array;
  /** covered / households. */
  share: Float64Array;
  /** The cell's square in lon/lat: 5 corners, closed, counter-clockwise. */
  rings: Float64Array;
}

/** The definition the figures were made with, for the output to carry. */
export interface FunklochCellsDefinition {
  crs: string;
  cell_size: number;
  threshold: number;
  technologies: string[];
}

export interface FunklochCells {
  definition: FunklochCellsDefinition;
  /** Per region, in file order (a region not analysed: zeros). */
  regions: FunklochCellCounts[];
  /** The regions analysed together. */
  total: FunklochCellCounts;
  /** Cells whose centre lies in no region analysed (not in `total`, not in the layer). */
  outside: FunklochCellCounts;
  layer: FunklochCellLayer;
  warnings: FunklochCellsWarning[];
}

export const OPTION = 'funklochCells';

/**
 * The Mobilfunkpakt's Funkloch cells: the inhabited grid cells where fewer than `threshold` of the
 * households have the technologies, each counted in the first region (file order) covering its centre.
 */
export function funklochCells(input: FunklochCellsInput, options: FunklochCellsOptions = {}): FunklochCells {
  const { mask, layers, regions } = input;
  const definition = checkedDefinition(options);
  const grid = cellGrid(options.crs, definition.cell_size, `${OPTION}.crs`);
  definition.crs = grid.crs;
  const techMask = technologiesMask(definition, layers);
  const { col, cells, region } = placedCells(input, grid, mask, techMask);
  const regionCount = regions.ids.length;

  const result = countCells(cells, region, regionCount, definition.threshold);
  const layer = cellLayer(cells, region, grid, definition.threshold);
  const offGrid = offGridHouseholds(input.households.weight, col);
  const warnings = cellWarningsOf(offGrid, cells, techMask, grid, definition.technologies, layers);
  return { definition, ...result, layer, warnings };
}

/** Which layers count as coverage for the measure: those of its technologies. */
export function technologiesMask(definition: FunklochCellsDefinition, layers: readonly Layer[]): number {
  return definition.technologies.reduce((m, t) => (m | technologyMask(layers, t)) >>> 0, 0);
}

/**
 * Each household's cell (col, row; NO_CELL for none), the inhabited cells summed (row, then column
 * order) and each cell's region: the one way the measure places households, for the measure and for
 * sharing a run out by region (funkloch-cells-placement.ts).
 */
export function placedCells(
  input: Pick<FunklochCellsInput, 'households' | 'regions' | 'regionIndex' | 'selected'>,
  grid: CellGrid,
  mask: Uint32Array,
  techMask: number,
): { col: Int32Array; row: Int32Array; cells: CellSums; region: Int32Array } {
  const { lon, lat, weight, count } = input.households;
  const col = new Int32Array(count);
  const row = new Int32Array(count);
  const table = projectionTable(grid.forward, grid.cellSize, lon, lat, count);
  householdCells(grid, lon, lat, weight, 0, count, col, row, table);
  const cells = groupCells(col, row, weight, mask, techMask);
  const { regions } = input;
  const analysed = input.selected ? analysedFlags(regions.ids.length, input.selected) : null;
  const region = cellRegions(cells, grid, regions.polygons, input.regionIndex, analysed);
  return { col, row, cells, region };
}

export function checkedDefinition(options: FunklochCellsOptions): FunklochCellsDefinition {
  const { cellSize = 100, threshold = 0.5, technologies = [LTE] } = options;
  if (typeof cellSize !== 'number' || !Number.isFinite(cellSize) || cellSize <= 0)
    throw new InputError('the cell size must be a positive number (metres in the grid CRS)', {
      field: `${OPTION}.cellSize`,
      value: cellSize,
      hint: 'the Mobilfunkpakt and BNetzA grid use 100',
    });
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1))
    throw new InputError('the threshold must be a fraction above 0, at most 1', {
      field: `${OPTION}.threshold`,
      value: threshold,
      hint: 'the Mobilfunkpakt uses 0.5 (a cell where fewer than 50 % of the households are covered)',
    });
  if (
    !Array.isArray(technologies) ||
    technologies.length === 0 ||
    technologies.some((t) => typeof t !== 'string' || t.trim() === '')
  )
    throw new InputError('technologies must be a non-empty list of technology names', {
      field: `${OPTION}.technologies`,
      value: technologies,
      hint: 'e.g. ["lte"], or ["lte", "5g"]',
    });
  return {
    crs: '',
    cell_size: cellSize,
    threshold,
    technologies: [...new Set(technologies.map(normaliseTechnology))],
  };
}

function analysedFlags(regionCount: number, selected: readonly number[]): Uint8Array {
  const flags = new Uint8Array(regionCount);
  for (const r of selected) flags[r] = 1;
  return flags;
}

/** No cells. */
export const zeroCells = (): FunklochCellCounts => ({ count: 0, households: 0, inhabited_cells: 0 });

/** Adds `part`'s counts to `sum` (exact: integers). */
export function addCells(sum: FunklochCellCounts, part: FunklochCellCounts): void {
  sum.count += part.count;
  sum.households += part.households;
  sum.inhabited_cells += part.inhabited_cells;
}

/** Whether a cell is a Funkloch: its share strictly below the threshold. */
export function isFunkloch(households: number, covered: number, threshold: number): boolean {
  return households > 0 && covered / households < threshold;
}

function add(counts: FunklochCellCounts, hole: boolean, households: number): void {
  counts.inhabited_cells++;
  if (!hole) return;
  counts.count++;
  counts.households += households;
}

function countCells(cells: CellSums, region: Int32Array, regionCount: number, threshold: number) {
  const regions = Array.from({ length: regionCount }, zeroCells);
  const total = zeroCells();
  const outside = zeroCells();
  for (let k = 0; k < cells.count; k++) {
    const r = region[k];
    const h = cells.households[k];
    const hole = isFunkloch(h, cells.covered[k], threshold);
    add(r < 0 ? outside : regions[r], hole, h);
    if (r >= 0) add(total, hole, h);
  }
  return { regions, total, outside };
}

function cellLayer(
  cells: CellSums,
  region: Int32Array,
  grid: CellGrid,
  threshold: number,
): FunklochCellLayer {
  const picked: number[] = [];
  for (let k = 0; k < cells.count; k++)
    if (region[k] >= 0 && isFunkloch(cells.households[k], cells.covered[k], threshold)) picked.push(k);
  const n = picked.length;
  const layer = emptyCellLayer(n);
  picked.forEach((k, j) => {
    layer.col[j] = cells.col[k];
    layer.row[j] = cells.row[k];
    layer.region[j] = region[k];
    layer.households[j] = cells.households[k];
    layer.covered[j] = cells.covered[k];
    layer.share[j] = cells.covered[k] / cells.households[k];
    // The west neighbour in the layer has this cell's west corners as its east ones: the same bits.
    const west = j > 0 && layer.row[j - 1] === layer.row[j] && layer.col[j - 1] === layer.col[j] - 1;
    cellRing(grid, cells.col[k], cells.row[k], layer.rings, 10 * j, west ? 10 * (j - 1) : -1);
  });
  return layer;
}

/** Copies cell k of `from` into place j of `to`, its figures only (rings are drawn where they are placed). */
export function copyCell(from: FunklochCellLayer, k: number, to: FunklochCellLayer, j: number): void {
  to.col[j] = from.col[k];
  to.row[j] = from.row[k];
  to.region[j] = from.region[k];
  to.households[j] = from.households[k];
  to.covered[j] = from.covered[k];
  to.share[j] = from.share[k];
}

/** A layer of `n` cells, zeroed: five vertices (ten numbers) a cell's square. */
export function emptyCellLayer(n: number): FunklochCellLayer {
  return {
    count: n,
    col: new Int32Array(n),
    row: new Int32Array(n),
    region: new Int32Array(n),
    households: new Float64Array(n),
    covered: new Float64Array(n),
    share: new Float64Array(n),
    rings: new Float64Array(10 * n),
  };
}
