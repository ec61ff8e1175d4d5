import { describe, expect, it } from 'vitest';
import { cellCentre, cellGrid } from '../../src/analysis/funkloch-cells-grid.js';
import type { CellSums } from '../../src/analysis/funkloch-cells-group.js';
import { cellRegions } from '../../src/analysis/funkloch-cells-regions.js';
import { polygonCovers } from '../../src/geometry/point-in-polygon.js';
import { readRegions } from '../../src/io/regions.js';
import { regionIndex } from '../../src/spatial/indexes.js';
import { DATA } from '../helpers.js';

describe('cellRegions', () => {
  it('finds the region of every centre as the exact inverse and a test of every region would', () => {
    const { regions } = readRegions(`${DATA}kreise.geojson`, 'AGS', 'GN');
    const index = regionIndex(regions.polygons);
    const grid = cellGrid(undefined, 100, 'funklochCells.crs');
    // Every 7th cell of a block across Köln, Bonn and the Bergisches Land: borders of several Kreise.
    const col: number[] = [];
    const row: number[] = [];
    for (let r = 56_100; r < 56_600; r += 3)
      for (let c = 3_500; c < 3_900; c += 7) {
        col.push(c);
        row.push(r);
      }
    const n = col.length;
    const cells: CellSums = {
      count: n,
      col: Int32Array.from(col),
      row: Int32Array.from(row),
      households: new Float64Array(n).fill(1),
      covered: new Float64Array(n),
    };
    const found = cellRegions(cells, grid, regions.polygons, index, null);
    const centre = new Float64Array(2);
    const { polygons } = regions;
    const expected = Int32Array.from({ length: n }, (_, k) => {
      cellCentre(grid, col[k], row[k], centre, 0);
      let region = -1;
      for (let p = 0; p < polygons.polygonCount; p++)
        if ((region < 0 || polygons.owner[p] < region) && polygonCovers(polygons, p, centre[0], centre[1]))
          region = polygons.owner[p];
      return region;
    });
    expect(found).toEqual(expected);
    expect(new Set(found).size).toBeGreaterThan(5);
  });
});
