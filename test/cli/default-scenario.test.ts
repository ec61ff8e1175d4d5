import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, validateSummary } from '../helpers.js';
import { defaultScenarioArgs, runCli } from './run-cli.js';

describe('the embedded default scenario (npm start)', () => {
  it('runs end to end on data/ and balances every household', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(defaultScenarioArgs(out, '--workers', '2'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('53 regions');
    expect(r.stdout).toContain('coverage is SYNTHETIC');
    // Not a TTY here: progress comes as plain lines on stderr.
    expect(r.stderr).toContain('classifying households: done');

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
    expect(summary.inputs[1].synthetic).toBe(true);
    // Coverage over all of NRW and nothing skipped: not one warning.
    expect(summary.warnings).toEqual([]);
    expect(r.stderr).not.toContain('funkatlas: warning');
    expect(summary.regions).toHaveLength(53);
    // The Zensus 2011 grid (derived households) sums to 8,169,065; every one is in a Kreis or outside.
    expect(summary.households_balance.read).toBe(8_169_065);
    expect(summary.totals.households + summary.outside_regions.households).toBe(8_169_065);
    expect(summary.totals.area_km2).toBeGreaterThan(34_000);
    expect(summary.totals.area_km2).toBeLessThan(34_250);

    const zones = JSON.parse(readFileSync(join(out, 'lte-dead-zones.geojson'), 'utf8')).features;
    const zoneHouseholds = zones.reduce(
      (s: number, f: { properties: { households: number } }) => s + f.properties.households,
      0,
    );
    const zoneArea = zones.reduce(
      (s: number, f: { properties: { area_km2: number } }) => s + f.properties.area_km2,
      0,
    );
    expect(zoneHouseholds).toBe(summary.totals.households_no_lte);
    expect(zoneArea).toBeCloseTo(summary.totals.lte_dead_zone_area_km2, 6);
    for (let k = 1; k < zones.length; k++) {
      const [a, b] = [zones[k - 1].properties, zones[k].properties];
      expect(a.households > b.households || (a.households === b.households && a.area_km2 >= b.area_km2)).toBe(
        true,
      );
    }
  });
});
