import { polygonCovers } from '../geometry/point-in-polygon.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { SetIndex } from '../spatial/indexes.js';
import { gridCell } from '../spatial/polygon-grid.js';
import { type CellGrid, cellCentre } from './funkloch-cells-grid.js';
import type { CellSums } from './funkloch-cells-group.js';

/**
 * Each cell's region: the first region in file order that covers its centre (boundary included, as
 * ST_Intersects), found the way classification finds a household's; -1 for none, or for a region
 * not in `analysed` (null: all are).
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
  const centre = new Float64Array(2);
  for (let k = 0; k < cells.count; k++) {
    cellCentre(grid, cells.col[k], cells.row[k], centre, 0);
    const x = centre[0];
    const y = centre[1];
    let region = -1;
    const rc = gridCell(regionGrid, x, y);
    if (rc >= 0) {
      region = full[rc];
      for (let e = edgeOffset[rc]; e < edgeOffset[rc + 1]; e++) {
        const p = edgePolygons[e];
        const o = owner[p];
        if ((region === -1 || o < region) && polygonCovers(regions, p, x, y, bands)) region = o;
      }
    }
    out[k] = region >= 0 && analysed !== null && analysed[region] === 0 ? -1 : region;
  }
  return out;
}
