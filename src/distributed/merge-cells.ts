import {
  addCells,
  copyCell,
  emptyCellLayer,
  type FunklochCellLayer,
  type FunklochCells,
  zeroCells,
} from '../analysis/funkloch-cells.js';
import { cellGrid, cellRing } from '../analysis/funkloch-cells-grid.js';
import type { PartialCells } from './partial-result.js';

/**
 * The jobs' Funkloch cells as one run's: counts are integer sums, the layer the jobs' cells in the
 * run's order (row, then column; a cell is in one region, so in one job), rings drawn as the run draws them.
 */
export function mergedCells(
  parts: readonly { regions: readonly number[]; cells: PartialCells }[],
  regionCount: number,
): FunklochCells {
  const [first] = parts;
  const regions = Array.from({ length: regionCount }, zeroCells);
  const total = zeroCells();
  const outside = zeroCells();
  for (const { regions: owned, cells } of parts) {
    owned.forEach((r, j) => {
      regions[r] = cells.regions[j];
    });
    addCells(total, cells.total);
    // One job holds the cells outside the regions analysed; the others say zeros.
    addCells(outside, cells.outside);
  }
  const { definition } = first.cells;
  const layer = mergedLayer(
    parts.map((p) => p.cells.layer),
    definition,
  );
  return { definition, regions, total, outside, layer, warnings: first.cells.warnings };
}

function mergedLayer(
  layers: readonly FunklochCellLayer[],
  definition: FunklochCells['definition'],
): FunklochCellLayer {
  const picked = layers.flatMap((layer, p) => Array.from({ length: layer.count }, (_, k) => [p, k]));
  picked.sort(
    ([pa, ka], [pb, kb]) =>
      layers[pa].row[ka] - layers[pb].row[kb] || layers[pa].col[ka] - layers[pb].col[kb],
  );
  const n = picked.length;
  const out = emptyCellLayer(n);
  const grid = cellGrid(definition.crs, definition.cell_size, 'funklochCells.crs');
  picked.forEach(([p, k], j) => {
    copyCell(layers[p], k, out, j);
    // As funklochCells draws them: a west neighbour's east corners are this cell's west ones, bit for bit.
    const west = j > 0 && out.row[j - 1] === out.row[j] && out.col[j - 1] === out.col[j] - 1;
    cellRing(grid, out.col[j], out.row[j], out.rings, 10 * j, west ? 10 * (j - 1) : -1);
  });
  return out;
}
