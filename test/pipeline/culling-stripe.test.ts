import { describe, expect, it } from 'vitest';
import { cullLayers, unionCulling } from '../../src/analysis/full-cells.js';
import { readCoverage } from '../../src/io/coverage.js';
import { polygonSubset } from '../../src/model/polygon-set.js';
import { planCoverage } from '../../src/pipeline/coverage-plan.js';
import { stripeNeeds, stripePolygons, stripeRows } from '../../src/pipeline/culling-stripe.js';
import { coverageGroups } from '../../src/pipeline/prepare-coverage.js';
import { buildPolygonGrid, gridSpecFor } from '../../src/spatial/polygon-grid.js';
import { DATA, tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

describe('the union culling over row stripes of the grid', () => {
  it('needs the polygons and culls the layers the whole grid does, for any number of stripes', async () => {
    const random = writeScenario(randomScenario(7, 600), tempDir());
    for (const [path, points] of [
      [`${DATA}coverage-synthetic.geojson.gz`, 220_000],
      [random.coverage, 4000],
      [random.coverage, 4_000_000],
    ] as const) {
      const { coverage } = await readCoverage([path]);
      const set = coverage.polygons;
      const plan = planCoverage(points, set.polygonCount);
      const groups = coverageGroups(coverage.layers, plan);
      const whole = unionCulling(buildPolygonGrid(set, 'bits', plan.cellsAcross), set, groups);
      const grid = gridSpecFor(set, plan.cellsAcross);
      for (const of of [1, 2, 5, 13]) {
        const needed = new Uint8Array(set.polygonCount);
        for (let j = 0; j < of; j++) {
          const rows = stripeRows(set, grid, j, of);
          const picked = stripePolygons(set, grid, rows);
          const subset = polygonSubset(set, picked);
          for (const p of stripeNeeds(subset, picked, grid, rows, plan.cellsAcross, groups)) needed[p] = 1;
        }
        const culled = cullLayers(needed, set.owner, groups);
        expect(culled, `${path}, ${of} stripes`).toBe(whole.culledLayers);
        expect(Buffer.from(needed).equals(Buffer.from(whole.needed)), `${path}, ${of} stripes`).toBe(true);
      }
    }
  }, 60_000);
});
