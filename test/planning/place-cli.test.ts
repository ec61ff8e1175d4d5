import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { DATA, tempDir } from '../helpers.js';

describe('funkatlas place on the embedded NRW scenario', () => {
  const dir = tempDir();
  const base = join(dir, 'base');

  beforeAll(async () => {
    const run = await runCli([
      'analyze',
      '--households',
      `${DATA}households.csv.gz`,
      '--coverage',
      `${DATA}coverage-synthetic.geojson.gz`,
      '--regions',
      `${DATA}kreise.geojson`,
      '--region-id',
      'AGS',
      '--out',
      base,
      '--quiet',
      '--no-report',
    ]);
    expect(run.stderr).toBe('');
  }, 60_000);

  it('places k grid candidates in the white spots; what if of the chosen sites closes exactly as many', async () => {
    const out = join(dir, 'placed');
    const run = await runCli([
      'place',
      '--base',
      base,
      '--candidates',
      'grid:2000m',
      '--k',
      '5',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('at least 63.2 %');
    const placement = JSON.parse(readFileSync(join(out, 'placement.json'), 'utf8'));
    expect(placement.sites).toHaveLength(5);
    const gains = placement.sites.map((s: { marginal_households: number }) => s.marginal_households);
    expect(placement.closed_households).toBe(gains.reduce((a: number, b: number) => a + b, 0));
    expect(placement.closed_households).toBeGreaterThan(0);
    expect(placement.greedy.upper_bound_at_ranking_resolution).toBeGreaterThanOrEqual(
      placement.greedy.households_at_ranking_resolution,
    );
    expect(placement.regions.reduce((n: number, r: { households: number }) => n + r.households, 0)).toBe(
      placement.closed_households,
    );
    const points = JSON.parse(readFileSync(join(out, 'placement.geojson'), 'utf8'));
    expect(points.features.map((f: { properties: { rank: number } }) => f.properties.rank)).toEqual([
      1, 2, 3, 4, 5,
    ]);

    // The chosen masts as a sites file: what if must close the same white spots.
    const sites = join(dir, 'chosen.csv');
    writeFileSync(
      sites,
      [
        'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm',
        ...points.features.map(
          (f: { properties: { site_id: string }; geometry: { coordinates: number[] } }) =>
            `${f.properties.site_id},${placement.sites.find((s: { site_id: string }) => s.site_id === f.properties.site_id).lon},${placement.sites.find((s: { site_id: string }) => s.site_id === f.properties.site_id).lat},30,new,LTE,800,33`,
        ),
      ].join('\n'),
    );
    const whatIf = await runCli(['whatif', '--base', base, '--add', sites, '--out', join(dir, 'whatif')]);
    expect(whatIf.stderr).toBe('');
    const document = JSON.parse(readFileSync(join(dir, 'whatif', 'whatif.json'), 'utf8'));
    expect(document.total.white_spots_closed).toBe(placement.closed_households);

    // The coverage it writes is analyze's input as it is.
    const analysed = await runCli([
      'analyze',
      '--households',
      `${DATA}households.csv.gz`,
      '--coverage',
      `${DATA}coverage-synthetic.geojson.gz`,
      '--coverage',
      join(out, 'placement-coverage.geojson'),
      '--regions',
      `${DATA}kreise.geojson`,
      '--region-id',
      'AGS',
      '--out',
      join(dir, 'with-placed'),
      '--quiet',
      '--no-report',
    ]);
    expect(analysed.stderr).toBe('');
    const before = JSON.parse(readFileSync(join(base, 'summary.json'), 'utf8')).totals.households_no_lte;
    const after = JSON.parse(readFileSync(join(dir, 'with-placed', 'summary.json'), 'utf8')).totals
      .households_no_lte;
    expect(before - after).toBe(placement.closed_households);
  }, 120_000);

  it('keeps to the regions asked for and to grey spots of other operators', async () => {
    const out = join(dir, 'grey');
    const run = await runCli([
      'place',
      '--base',
      base,
      '--candidates',
      'grid:3000m',
      '--k',
      '3',
      '--objective',
      'grey',
      '--operator',
      'synthetic-a',
      '--region',
      '05958000,05970000',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    const placement = JSON.parse(readFileSync(join(out, 'placement.json'), 'utf8'));
    for (const r of placement.regions) expect(['05958000', '05970000']).toContain(r.id);
    for (const s of placement.sites) expect(s.operator).toBe('synthetic-a');
  }, 60_000);

  it.each([
    [['--k', '0'], '--k takes a whole number'],
    [['--k', '3', '--objective', 'purple'], '--objective must be one of'],
    [['--k', '3', '--region', 'NOPE'], 'no such region'],
    [['--k', '3', '--template', 'height=30'], '--template takes'],
    [['--k', '3', '--candidates', 'grid:5m'], 'a candidate grid takes'],
    [['--k', '3', '--candidates', 'grid:1000'], 'write a candidate grid as grid:SPACINGm'],
    [
      ['--k', '3', '--objective', '5g', '--template', 'technology=lte'],
      "no candidate has the objective's technology",
    ],
  ])('refuses %j in one line', async (extra, message) => {
    const candidates = extra.includes('--candidates') ? [] : ['--candidates', 'grid:2000m'];
    const args = ['place', '--base', base, ...candidates, '--out', join(dir, 'bad'), ...extra];
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
