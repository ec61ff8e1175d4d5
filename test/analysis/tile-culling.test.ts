import { Clipper } from 'clipper2-ts';
import Flatbush from 'flatbush';
import { describe, expect, it } from 'vitest';
import { coveredBefore, tileCoverage, tileRects } from '../../src/analysis/coverage-tiles.js';
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
    ...(cellsAcross
      ? {
          coverageGrid: buildPolygonGrid(set, 'bits', cellsAcross, [
            technologyMask(coverage.layers, LTE),
            technologyMask(coverage.layers, NR),
          ]),
        }
      : {}),
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
  it('keep one of two identical sectors (they cover each other), of different operators or the same', () => {
    const square = new Float64Array([7, 51, 7.1, 51, 7.1, 51.1, 7, 51.1, 7, 51]);
    for (const owners of [
      [0, 1],
      [1, 0],
      [0, 0],
    ]) {
      const builder = new PolygonSetBuilder();
      for (const owner of owners) builder.addPolygon([square], owner);
      const coverage: Coverage = {
        layers: [
          { operator: 'A', technology: 'lte' },
          { operator: 'B', technology: 'lte' },
        ],
        polygons: builder.finish(),
      };
      const [[lte]] = unionAreas(coverage, 8).filter(([a]) => a > 0);
      expect(lte).toBe(0.1e7 * 0.1e7);
    }
  });

  it.each([4, 8, 16])(
    'give the same unions as without culling (seeded random scenario, %i cells across)',
    async (cellsAcross) => {
      const paths = writeScenario(randomScenario(21, 600, 10), tempDir());
      const { coverage } = await readCoverage([paths.coverage]);
      const plain = unionAreas(coverage);
      const culled = unionAreas(coverage, cellsAcross);
      // The scenario must exercise it: some sectors are left out.
      const grid = buildPolygonGrid(coverage.polygons, 'bits', cellsAcross, [
        technologyMask(coverage.layers, LTE),
      ]);
      const first = grid.firstCover?.[0] as Int32Array;
      let left = 0;
      for (let p = 0; p < coverage.polygons.polygonCount; p++)
        if (coveredBefore(grid, first, coverage.polygons, p)) left++;
      expect(left).toBeGreaterThan(0);
      culled.forEach(([lte, nr], k) => {
        // Culled sectors lie inside the kept ones; only the rounding of crossing points to the
        // 1e-7° grid may differ, by about a unit along the union's edges (1e6 units² ≈ 80 m²).
        expect(Math.abs(lte - plain[k][0])).toBeLessThanOrEqual(1e-6 * plain[k][0] + 1e6);
        expect(Math.abs(nr - plain[k][1])).toBeLessThanOrEqual(1e-6 * plain[k][1] + 1e6);
      });
    },
  );
});
