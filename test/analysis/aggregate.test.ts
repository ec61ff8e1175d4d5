import { describe, expect, it } from 'vitest';
import { type AggregateInput, aggregate, type RegionGeometry } from '../../src/analysis/aggregate.js';
import {
  countLayout,
  countRange,
  emptyCounts,
  type HouseholdCounts,
} from '../../src/analysis/household-counts.js';
import type { Layer } from '../../src/model/coverage.js';
import { allocateHouseholds } from '../../src/model/households.js';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';

/** Two unit-square regions side by side; one operator's LTE and 5G; hand-made classification. */
const layers: Layer[] = [
  { operator: 'A', technology: 'lte' },
  { operator: 'A', technology: '5g' },
];
const square = (x: number) => Float64Array.of(x, 0, x + 1, 0, x + 1, 1, x, 1, x, 0);
const builder = new PolygonSetBuilder();
builder.addPolygon([square(0)], 0);
builder.addPolygon([square(1)], 1);
const regions = { ids: ['a', 'b'], names: ['A', 'B'], polygons: builder.finish() };

/** Points: (households, layers mask, region): in a, LTE+5G, LTE only, none; in b, LTE; outside, none. */
const points = [
  { x: 0.2, y: 0.5, weight: 3, mask: 0b11, region: 0 },
  { x: 0.4, y: 0.5, weight: 2, mask: 0b01, region: 0 },
  { x: 0.8, y: 0.5, weight: 5, mask: 0b00, region: 0 },
  { x: 1.5, y: 0.5, weight: 7, mask: 0b01, region: 1 },
  { x: 5.0, y: 5.0, weight: 11, mask: 0b00, region: -1 },
];

function input(geometry: RegionGeometry[], skipped = 0): AggregateInput {
  const households = allocateHouseholds(points.length);
  const mask = new Uint32Array(points.length);
  const region = new Int32Array(points.length);
  points.forEach((p, i) => {
    households.lon[i] = p.x;
    households.lat[i] = p.y;
    households.weight[i] = p.weight;
    mask[i] = p.mask;
    region[i] = p.region;
  });
  const layout = countLayout(layers, regions.ids.length);
  const counts = emptyCounts(layout);
  countRange(layout, layers, households, { mask, region }, counts, 0, points.length);
  const counted: HouseholdCounts = { layout, counts, mask, region };
  return { households, layers, regions, counted, geometry, skipped };
}

// Region a: a dead zone over its right half, holding the white-spot point's 5 households (its clip
// task put them there); b: none.
const deadZone = { rings: [Float64Array.of(0.5, 0, 1, 0, 1, 1, 0.5, 1, 0.5, 0)], areaM2: 5e9, households: 5 };
const geometryA: RegionGeometry = {
  region: 0,
  areaM2: 1e10,
  area5gM2: 2e9,
  deadZoneAreaM2: 5e9,
  deadZones: [deadZone],
};
const geometryB: RegionGeometry = { region: 1, areaM2: 1e10, area5gM2: 0, deadZoneAreaM2: 0, deadZones: [] };

describe('aggregate', () => {
  it('sums regions into totals, counts the rest as outside, and balances what was read', () => {
    const figures = aggregate(input([geometryA, geometryB], 4));
    expect(figures.regionStats.map((r) => [r.id, r.name, r.households])).toEqual([
      ['a', 'A', 10],
      ['b', 'B', 7],
    ]);
    expect(figures.totals.households).toBe(17);
    expect(figures.outside).toEqual({ points: 1, households: 11 });
    expect(figures.balance).toEqual({
      read: 32,
      in_regions: 17,
      outside_regions: 11,
      skipped: 4,
      balanced: true,
    });
    expect(figures.deadZones).toEqual([{ region: 0, rings: deadZone.rings, area_km2: 5000, households: 5 }]);
    expect(figures.regions).toBe(regions);
  });

  it('counts the households of regions left out (a region filter) as outside', () => {
    const figures = aggregate(input([geometryB]));
    expect(figures.regions.ids).toEqual(['b']);
    expect(figures.regionStats.map((r) => r.id)).toEqual(['b']);
    expect(figures.totals.households).toBe(7);
    expect(figures.outside).toEqual({ points: 4, households: 21 });
    expect(figures.deadZones).toEqual([]);
  });

  it('throws (a bug, not bad input) when the counts lose households', () => {
    const given = input([geometryA, geometryB]);
    given.counted.counts[0] -= 1;
    expect(() => aggregate(given)).toThrow('households do not balance: read 28, counted 27');
  });
});
