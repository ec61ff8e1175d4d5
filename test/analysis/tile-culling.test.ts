import { Clipper } from 'clipper2-ts';
import Flatbush from 'flatbush';
import { describe, expect, it } from 'vitest';
import { coveredByOthers, tileCoverage, tileRects } from '../../src/analysis/coverage-tiles.js';
import { readCoverage } from '../../src/io/coverage-read.js';
import type { Coverage } from '../../src/model/coverage.js';
import { LTE, NR, technologyMask } from '../../src/model/coverage.js';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';
import { buildPolygonGrid } from '../../src/spatial/polygon-grid.js';
import { buildPolygonIndex } from '../../src/spatial/polygon-index.js';
import { tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

/** Each tile's LTE and 5G union areas (integer units²), with and without the grid that culls covered sectors. */
function unionAreas(coverage: Coverage, cellsAcross?: number) {
  const set = coverage.polygons;
  const input = {
    coverage: set,
    coverageIndex: Flatbush.from(buildPolygonIndex(set).data),
    layerCount: coverage.layers.length,
    lteMask: technologyMask(coverage.layers, LTE),
    nrMask: technologyMask(coverage.layers, NR),
    perLayer: false,
    ...(cellsAcross ? { coverageGrid: buildPolygonGrid(set, 'bits', cellsAcross) } : {}),
  };
  let [minX, minY, maxX, maxY] = [180, 90, -180, -90];
  for (let p = 0; p < set.polygonCount; p++) {
    [minX, minY] = [Math.min(minX, set.bbox[4 * p]), Math.min(minY, set.bbox[4 * p + 1])];
    [maxX, maxY] = [Math.max(maxX, set.bbox[4 * p + 2]), Math.max(maxY, set.bbox[4 * p + 3])];
  }
  return tileRects(minX, minY, maxX, maxY).map((tile) => {
    const { lte, nr } = tileCoverage(input, tile);
    return [Clipper.areaPaths(lte), Clipper.areaPaths(nr)];
  });
}

describe('merged tile unions leave out sectors that lower layers already cover', () => {
  it('keep one of two identical sectors of different operators (they cover each other)', () => {
    const builder = new PolygonSetBuilder();
    const square = new Float64Array([7, 51, 7.1, 51, 7.1, 51.1, 7, 51.1, 7, 51]);
    builder.addPolygon([square], 0);
    builder.addPolygon([square], 1);
    const coverage: Coverage = {
      layers: [
        { operator: 'A', technology: 'lte' },
        { operator: 'B', technology: 'lte' },
      ],
      polygons: builder.finish(),
    };
    const [[lte]] = unionAreas(coverage, 8).filter(([a]) => a > 0);
    expect(lte).toBe(0.1e7 * 0.1e7);
  });

  it.each([4, 8, 16])(
    'give the same unions as without culling (seeded random scenario, %i cells across)',
    async (cellsAcross) => {
      const paths = writeScenario(randomScenario(21, 600, 10), tempDir());
      const { coverage } = await readCoverage([paths.coverage]);
      const plain = unionAreas(coverage);
      const culled = unionAreas(coverage, cellsAcross);
      // The scenario must exercise it: some sectors are left out.
      const grid = buildPolygonGrid(coverage.polygons, 'bits', cellsAcross);
      const lteMask = technologyMask(coverage.layers, LTE);
      let left = 0;
      for (let p = 0; p < coverage.polygons.polygonCount; p++)
        if (coveredByOthers(grid, coverage.polygons, p, lteMask)) left++;
      expect(left).toBeGreaterThan(0);
      culled.forEach(([lte, nr], k) => {
        // Culled sectors lie inside the kept ones; only the rounding of crossing points may differ.
        expect(Math.abs(lte - plain[k][0])).toBeLessThanOrEqual(1e-9 * Math.max(1, plain[k][0]) + 1e4);
        expect(Math.abs(nr - plain[k][1])).toBeLessThanOrEqual(1e-9 * Math.max(1, plain[k][1]) + 1e4);
      });
    },
  );
});
