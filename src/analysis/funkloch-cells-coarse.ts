import type { CellSums } from './funkloch-cells-group.js';

/** A note for summary.json's warnings (the pipeline adds the households file as `input`). */
export interface FunklochCellsWarning {
  code: 'funkloch-cells-coarse-households' | 'funkloch-cells-no-technology' | 'funkloch-cells-off-grid';
  message: string;
}

/**
 * Above this share of the households in cells with no inhabited neighbour, the points are spaced
 * more widely than the cells: real 100 m placement leaves only outlying farms alone (a few %), a
 * Zensus 1 km grid read into 100 m cells leaves every cell alone.
 */
const ISOLATED_SHARE = 0.5;
/** Fewer inhabited cells than this say nothing about the placement (a hand-made test, a village). */
const MIN_CELLS = 50;

/**
 * Whether the households are placed more coarsely than the cells: the household-weighted share of
 * inhabited cells none of whose 8 neighbours is inhabited (a lattice of points ≥ 2 cells apart is
 * all such cells). The cells are sorted by (row, col), so two cursors walk the rows above and below.
 */
export function coarsePlacementWarning(
  cells: Pick<CellSums, 'count' | 'col' | 'row' | 'households'>,
  cellSize: number,
  crs: string,
): FunklochCellsWarning | null {
  const { count, col, row, households } = cells;
  if (count < MIN_CELLS) return null;
  let alone = 0;
  let total = 0;
  let below = 0;
  let above = 0;
  for (let k = 0; k < count; k++) {
    const c = col[k];
    const r = row[k];
    total += households[k];
    const left = k > 0 && row[k - 1] === r && col[k - 1] === c - 1;
    const right = k + 1 < count && row[k + 1] === r && col[k + 1] === c + 1;
    if (left || right) continue;
    while (below < count && (row[below] < r - 1 || (row[below] === r - 1 && col[below] < c - 1))) below++;
    if (below < count && row[below] === r - 1 && col[below] <= c + 1) continue;
    if (above < k) above = k;
    while (above < count && (row[above] < r + 1 || (row[above] === r + 1 && col[above] < c - 1))) above++;
    if (above < count && row[above] === r + 1 && col[above] <= c + 1) continue;
    alone += households[k];
  }
  const share = total > 0 ? alone / total : 0;
  if (share <= ISOLATED_SHARE) return null;
  const size = `${cellSize} ${crs === 'EPSG:4326' ? '°' : 'm'}`;
  return {
    code: 'funkloch-cells-coarse-households',
    message: `funkloch_cells: ${Math.round(share * 100)} % of the households lie in ${size} cells with no inhabited neighbour cell: the household points are spaced more widely than the cells (a coarser grid such as Zensus 1 km, or scattered positions), so the count describes their placement rather than coverage; use households placed at least as finely as the cells (Zensus 100 m, buildings) or a larger cell size`,
  };
}
