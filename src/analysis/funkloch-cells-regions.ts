import { polygonCovers } from '../geometry/point-in-polygon.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { SetIndex } from '../spatial/indexes.js';
import { gridCell, type PolygonGrid } from '../spatial/polygon-grid.js';
import { type CellGrid, cellCentre } from './funkloch-cells-grid.js';
import type { CellSums } from './funkloch-cells-group.js';
import { interpolate, inverseTable, type ProjectionTable } from './funkloch-cells-table.js';

/**
 * Each cell's region: the first region in file order that covers its centre (boundary included, as
 * ST_Intersects), found the way classification finds a household's; -1 for none, or for a region
 * not in `analysed` (null: all are). A centre whose interpolated position lies clear inside a
 * region-grid cell that no region edge crosses takes that cell's answer without the exact inverse.
 */
export function cellRegions(
  cells: CellSums,
  grid: CellGrid,
  regions: PolygonSet,
  index: SetIndex,
  analysed: Uint8Array | null,
): Int32Array {
  const { grid: regionGrid, bands } = index;
  const { owner } = regions;
  const { edgeOffset, edgePolygons, full } = regionGrid;
  const out = new Int32Array(cells.count);
  const table = centreTable(cells, grid);
  const centre = new Float64Array(2);
  const size = grid.cellSize;
  for (let k = 0; k < cells.count; k++) {
    let region = -2;
    if (table !== null) {
      const x = cells.col[k] * size + size / 2;
      const y = cells.row[k] * size + size / 2;
      if (interpolate(table, x, y, centre)) region = decidedByGrid(regionGrid, table, centre[0], centre[1]);
    }
    if (region === -2) {
      cellCentre(grid, cells.col[k], cells.row[k], centre, 0);
      const x = centre[0];
      const y = centre[1];
      region = -1;
      const rc = gridCell(regionGrid, x, y);
      if (rc >= 0) {
        region = full[rc];
        for (let e = edgeOffset[rc]; e < edgeOffset[rc + 1]; e++) {
          const p = edgePolygons[e];
          const o = owner[p];
          if ((region === -1 || o < region) && polygonCovers(regions, p, x, y, bands)) region = o;
        }
      }
    }
    out[k] = region >= 0 && analysed !== null && analysed[region] === 0 ? -1 : region;
  }
  return out;
}

/** An inverse table over the cells' centres, or null when there are too few of them to pay. */
function centreTable(cells: CellSums, grid: CellGrid): ProjectionTable | null {
  if (cells.count === 0) return null;
  let colMin = cells.col[0];
  let colMax = colMin;
  for (let k = 1; k < cells.count; k++) {
    if (cells.col[k] < colMin) colMin = cells.col[k];
    if (cells.col[k] > colMax) colMax = cells.col[k];
  }
  const size = grid.cellSize;
  // Rows are sorted: the first and last cell hold the extremes.
  const box = [
    colMin * size + size / 2,
    cells.row[0] * size + size / 2,
    colMax * size + size / 2,
    cells.row[cells.count - 1] * size + size / 2,
  ];
  return inverseTable(grid.inverse, box, cells.count);
}

/**
 * The region of a point whose exact position is within the table's tolerance of (lon, lat): the
 * region-grid cell's answer when the point is clear of its sides and no region edge crosses it; -2
 * when only the exact position can tell.
 */
function decidedByGrid(grid: PolygonGrid, table: ProjectionTable, lon: number, lat: number): number {
  const col = Math.floor((lon - grid.x0) / grid.dx);
  const row = Math.floor((lat - grid.y0) / grid.dy);
  if (!(col >= 0 && row >= 0 && col < grid.cols && row < grid.rows)) return -2;
  const rc = row * grid.cols + col;
  if (grid.edgeOffset[rc] !== grid.edgeOffset[rc + 1]) return -2;
  const left = grid.x0 + col * grid.dx;
  const bottom = grid.y0 + row * grid.dy;
  // Twice the tolerance: the cell's sides as gridCell draws them are rounded too.
  const tolLon = 2 * table.tolA;
  const tolLat = 2 * table.tolB;
  if (
    !(
      lon - left > tolLon &&
      left + grid.dx - lon > tolLon &&
      lat - bottom > tolLat &&
      bottom + grid.dy - lat > tolLat
    )
  )
    return -2;
  return grid.full[rc];
}
