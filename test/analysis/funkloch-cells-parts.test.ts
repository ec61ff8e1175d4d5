import { describe, expect, it } from 'vitest';
import {
  cellPlacement,
  cellPlacementPart,
  partsCellWarnings,
} from '../../src/analysis/funkloch-cells-placement.js';
import { readRegions } from '../../src/io/regions.js';
import { allocateHouseholds, type Households, householdsSubset } from '../../src/model/households.js';
import { prepareRegionBase } from '../../src/pipeline/base.js';
import { DATA } from '../helpers.js';

/** Points on a lattice `step` degrees apart over part of NRW, every 50th far away (in no region). */
function lattice(step: number, n: number): Households {
  const h = allocateHouseholds(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      h.lon[k] = k % 50 === 3 ? 170 : 6.9 + i * step;
      h.lat[k] = 51.2 + j * step;
      h.weight[k] = 1 + (k % 4);
    }
  return h;
}

describe('Funkloch cell placement in parts (a distributed run’s byte ranges)', () => {
  it('places each household as the whole does and gives the same warnings from the parts', () => {
    const { regions } = readRegions(`${DATA}kreise.geojson`, 'AGS');
    const layers = [[{ operator: 'a', technology: 'lte' }], [{ operator: 'a', technology: '5g' }]];
    // Spread (300 m apart: the coarse warning) and dense (50 m apart: none).
    for (const step of [0.004, 0.0007]) {
      const households = lattice(step, 60);
      const base = { ...prepareRegionBase({ regions }), households };
      const whole = cellPlacement(base, {}, layers);
      const cuts = [0, 700, 701, 2300, households.count];
      const parts = cuts.slice(1).map((end, k) => {
        const picked = Array.from({ length: end - cuts[k] }, (_, i) => cuts[k] + i);
        return cellPlacementPart({ ...base, households: householdsSubset(households, picked) }, {});
      });
      expect(Int32Array.from(parts.flatMap((p) => [...p.cellRegion]))).toEqual(whole.cellRegion);
      const warnings = partsCellWarnings({}, parts.map((p) => p.cells).reverse(), layers);
      expect(warnings).toEqual(whole.warnings);
      expect(warnings[1].map((w) => w.code)).toContain('funkloch-cells-no-technology');
      if (step > 0.001) expect(warnings[0].map((w) => w.code)).toContain('funkloch-cells-coarse-households');
    }
  });
});
