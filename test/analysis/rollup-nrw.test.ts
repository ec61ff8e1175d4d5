import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Rollup, rollupRegions } from '../../src/analysis/rollup.js';
import type { RegionStats } from '../../src/model/stats.js';
import { type AnalysisResult, analyze } from '../../src/pipeline/analyze.js';
import { DATA } from '../helpers.js';

const run = (regions: string) =>
  analyze({
    households: `${DATA}households.csv.gz`,
    coverage: [`${DATA}coverage-synthetic.geojson.gz`],
    regions,
    regionId: 'AGS',
    regionName: 'GN',
    workers: 0,
  });

let gemeinden: AnalysisResult;
let kreise: AnalysisResult;
let rollup: Rollup;

beforeAll(async () => {
  gemeinden = await run(`${DATA}gemeinden-dvg2-2022.geojson.gz`);
  kreise = await run(`${DATA}kreise.geojson`);
  const kreisNames = new Map<string, string>(
    JSON.parse(readFileSync(`${DATA}kreise.geojson`, 'utf8')).features.map(
      (f: { properties: { AGS: string; GN: string } }) => [f.properties.AGS, f.properties.GN],
    ),
  );
  rollup = rollupRegions(
    { regions: gemeinden.regions, regionStats: gemeinden.summary.regions, deadZones: gemeinden.deadZones },
    [5, 2],
    { names: kreisNames },
  );
}, 300_000);

const HOUSEHOLD_FIELDS = [
  'households',
  'households_5g',
  'households_lte',
  'households_no_lte',
  'households_single_lte',
] as const;
const AREA_FIELDS = ['area_km2', 'area_5g_km2', 'lte_dead_zone_area_km2'] as const;

/** Within 0.1 % of the other (or both near zero). */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-3 * Math.max(Math.abs(b), 1e-6);

describe('the 396 NRW Gemeinden rolled up against a run on the 53 Kreise', () => {
  it('gives every Kreis the households of the Kreise run, exactly, and its areas within 0.1 %', () => {
    const [kreisRows] = rollup.levels;
    const byId = new Map(kreise.summary.regions.map((s) => [s.id, s]));
    expect(kreisRows.stats.map((s) => s.id)).toEqual([...byId.keys()].sort());
    for (const row of kreisRows.stats) {
      const direct = byId.get(row.id) as RegionStats;
      for (const field of HOUSEHOLD_FIELDS)
        expect([row.id, field, row[field]]).toEqual([row.id, field, direct[field]]);
      for (const name of Object.keys(direct.operators))
        expect([row.id, name, row.operators[name]]).toEqual([row.id, name, direct.operators[name]]);
      for (const field of AREA_FIELDS)
        expect([row.id, field, near(row[field], direct[field])]).toEqual([row.id, field, true]);
      expect(row.name).toBe(direct.name);
    }
    expect(rollup.notices).toEqual([]);
  });

  it('gives the Land the run totals', () => {
    const [, land] = rollup.levels;
    expect(land.stats.map((s) => [s.id, s.name])).toEqual([['05000000', 'Nordrhein-Westfalen']]);
    const { totals } = gemeinden.summary;
    for (const field of HOUSEHOLD_FIELDS) expect(land.stats[0][field]).toBe(totals[field]);
    expect(land.stats[0].operators).toEqual(totals.operators);
    for (const field of AREA_FIELDS) expect(land.stats[0][field]).toBeCloseTo(totals[field], 6);
    expect(kreise.summary.totals.households).toBe(totals.households);
    // The mainland and the five Vennbahn exclaves in Belgium.
    expect(land.regions.polygons.polygonCount).toBe(6);
  });

  it('rolls the Kreise run up to the same Land', () => {
    const [land] = rollupRegions(
      { regions: kreise.regions, regionStats: kreise.summary.regions, deadZones: kreise.deadZones },
      [2],
    ).levels;
    const [, fromGemeinden] = rollup.levels;
    for (const field of HOUSEHOLD_FIELDS) expect(land.stats[0][field]).toBe(fromGemeinden.stats[0][field]);
    expect(near(land.stats[0].area_km2, fromGemeinden.stats[0].area_km2)).toBe(true);
  });

  it('keeps every Gemeinde dead zone once per level, with its households', () => {
    for (const level of rollup.levels) {
      expect(level.deadZones).toHaveLength(gemeinden.deadZones.length);
      const sum = (rows: { households: number }[]) => rows.reduce((s, z) => s + z.households, 0);
      expect(sum(level.deadZones)).toBe(sum(gemeinden.deadZones));
    }
  });
});
