import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { defaultScenarioArgs, handArgs, runCli } from './run-cli.js';

describe('--rollup', () => {
  it('adds Regierungsbezirk and Land rows to a Kreise run: households summed exactly, shares from the sums', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli([...defaultScenarioArgs(out), '--rollup', '2,3']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const [bezirke, land] = summary.rollups;
    expect(bezirke.level).toBe(3);
    expect(bezirke.regions.map((g: { id: string }) => g.id)).toEqual([
      '05100000',
      '05300000',
      '05500000',
      '05700000',
      '05900000',
    ]);
    const sum = (key: string) =>
      bezirke.regions.reduce((n: number, g: Record<string, number>) => n + g[key], 0);
    for (const key of [
      'households',
      'households_5g',
      'households_lte',
      'households_no_lte',
      'households_single_lte',
    ])
      expect(sum(key)).toBe(summary.totals[key]);
    expect(land.regions).toHaveLength(1);
    expect(land.regions[0].share_5g).toBe(summary.totals.households_5g / summary.totals.households);
    expect(land.regions[0].area_km2).toBeCloseTo(summary.totals.area_km2, 6);
    const csv = readFileSync(join(out, 'regions-rollup.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(1 + 5 + 1);
    expect(csv[6]).toMatch(/^2,05000000,Nordrhein-Westfalen,8164751,/);
  });

  it('refuses region ids that are not AGS keys, and a bad level, with one line', async () => {
    const notAgs = await runCli([...handArgs(join(tempDir(), 'out')), '--rollup', '5']);
    expect(notAgs.code).toBe(2);
    expect(notAgs.stderr).toMatch(/feature 0, id "R1", field id: region id is not an AGS/);
    const level = await runCli([...handArgs(join(tempDir(), 'out')), '--rollup', '4']);
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/not an AGS level \(value: "4"\)/);
    expect(level.stderr.trim().split('\n')).toHaveLength(1);
  });
});
