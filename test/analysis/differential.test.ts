import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { classifyRange } from '../../src/analysis/classify.js';
import { buildEdgeBands } from '../../src/geometry/edge-bands.js';
import { readCoverage } from '../../src/io/coverage.js';
import { readHouseholds } from '../../src/io/households.js';
import { readRegions } from '../../src/io/regions.js';
import { normaliseTechnology } from '../../src/model/coverage.js';
import { buildPolygonGrid } from '../../src/spatial/polygon-grid.js';
import { tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

describe('classification equals a naive reference (turf booleanPointInPolygon over every polygon)', () => {
  it.each([1, 2, 3])('seeded random scenario %i', async (seed) => {
    const scenario = randomScenario(seed);
    const paths = writeScenario(scenario, tempDir());
    const { households } = await readHouseholds(paths.households);
    const { coverage } = await readCoverage([paths.coverage]);
    const { regions } = readRegions(paths.regions);
    const out = { mask: new Uint32Array(households.count), region: new Int32Array(households.count) };
    classifyRange(
      {
        households,
        coverage: coverage.polygons,
        coverageGrid: buildPolygonGrid(coverage.polygons, 'bits'),
        // Every polygon banded (threshold 0), so the banded test meets turf on all of them.
        coverageBands: buildEdgeBands(coverage.polygons, 0),
        regions: regions.polygons,
        regionGrid: buildPolygonGrid(regions.polygons, 'min'),
        regionBands: buildEdgeBands(regions.polygons, 0),
      },
      out,
      0,
      households.count,
    );

    const layerOf = (operator: string, technology: string) =>
      coverage.layers.findIndex(
        (l) => l.operator === operator && l.technology === normaliseTechnology(technology),
      );
    let mismatches = 0;
    scenario.points.forEach(([x, y], i) => {
      let mask = 0;
      for (const c of scenario.coverage) {
        const covered = c.polygons.some((rings) =>
          booleanPointInPolygon([x, y], { type: 'Polygon', coordinates: rings }, { ignoreBoundary: false }),
        );
        if (covered) mask |= 1 << layerOf(c.operator, c.technology);
      }
      const region = scenario.regions.findIndex((r) =>
        booleanPointInPolygon([x, y], { type: 'Polygon', coordinates: r.rings }, { ignoreBoundary: false }),
      );
      if (mask >>> 0 !== out.mask[i] || region !== out.region[i]) mismatches++;
    });
    expect(mismatches).toBe(0);
    // The scenario must exercise what it claims: overlaps, holes, vertices, outside points.
    expect(new Set(out.region).has(-1)).toBe(true);
    expect(out.mask.some((m) => (m & (m - 1)) !== 0)).toBe(true);
  });
});
