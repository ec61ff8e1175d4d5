import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nrwSitesCsv } from '../../bench/generate-sites.js';
import { runCli } from '../cli/run-cli.js';
import { DATA, tempDir } from '../helpers.js';

const SITES_HEADER = 'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm';
const KEYS = ['households_lte', 'households_5g', 'households_no_lte', 'households_single_lte'] as const;

const analyzeArgs = (out: string, coverage: readonly string[]) => [
  'analyze',
  '--households',
  `${DATA}households.csv.gz`,
  ...coverage.flatMap((c) => ['--coverage', c]),
  '--regions',
  `${DATA}kreise.geojson`,
  '--region-id',
  'AGS',
  '--region-name',
  'GN',
  '--out',
  out,
  '--quiet',
  '--no-report',
];

type Summary = {
  regions: ({ id: string } & Record<(typeof KEYS)[number] | 'lte_dead_zone_area_km2', number>)[];
  totals: Record<string, number>;
};
const summaryOf = (dir: string): Summary => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

describe('funkatlas whatif on the embedded NRW scenario', () => {
  const dir = tempDir();
  const base = join(dir, 'base');
  const sites = join(dir, 'sites.csv');

  beforeAll(async () => {
    const run = await runCli(analyzeArgs(base, [`${DATA}coverage-synthetic.geojson.gz`]));
    expect(run.stderr).toBe('');
    // Sites of a new operator in the five largest dead zones (LTE 800, which reaches kilometres), a
    // 5G site beside them, and masts of the known operators in the towns.
    const zones = JSON.parse(readFileSync(join(base, 'lte-dead-zones.geojson'), 'utf8')).features.slice(0, 5);
    const rows = zones.flatMap(
      (z: { geometry: { type: string; coordinates: number[][][][] | number[][][] } }, k: number) => {
        const ring = (
          z.geometry.type === 'MultiPolygon' ? z.geometry.coordinates[0][0] : z.geometry.coordinates[0]
        ) as number[][];
        const [lon, lat] = ring[0];
        return [`NEU-${k},${lon},${lat},30,neu,LTE,800,33`, `NEU5G-${k},${lon},${lat},30,neu,5G,3600,38`];
      },
    );
    const towns = nrwSitesCsv(12, 5)
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',').slice(0, 8).join(','));
    writeFileSync(sites, `${[SITES_HEADER, ...rows, ...towns].join('\n')}\n`);
  }, 60_000);

  it('gives the same household figures per region as a full re-run with the sites predicted', async () => {
    const whatIf = await runCli(['whatif', '--base', base, '--add', sites, '--out', join(dir, 'whatif')]);
    expect(whatIf.stderr).toBe('');
    expect(whatIf.code).toBe(0);
    const predicted = join(dir, 'predicted');
    expect(
      (
        await runCli([
          'predict',
          '--sites',
          sites,
          '--households',
          `${DATA}households.csv.gz`,
          '--out',
          predicted,
        ])
      ).code,
    ).toBe(0);
    const layers = JSON.parse(readFileSync(join(predicted, 'predict.json'), 'utf8')).layers.map(
      (l: { files: string[] }) => join(predicted, l.files.find((f) => f.endsWith('.geojson')) as string),
    );
    const rerun = join(dir, 'rerun');
    const full = await runCli(analyzeArgs(rerun, [`${DATA}coverage-synthetic.geojson.gz`, ...layers]));
    expect(full.stderr).toBe('');
    const document = JSON.parse(readFileSync(join(dir, 'whatif', 'whatif.json'), 'utf8'));
    const after = summaryOf(rerun);
    const before = summaryOf(base);
    for (const [k, region] of document.regions.entries()) {
      expect(region.id).toBe(after.regions[k].id);
      for (const key of KEYS) {
        expect(region.before[key], `${region.id} ${key} before`).toBe(before.regions[k][key]);
        expect(region.after[key], `${region.id} ${key} after`).toBe(after.regions[k][key]);
      }
    }
    expect(document.total.white_spots_closed).toBeGreaterThan(0);
    expect(document.total.newly_5g).toBeGreaterThan(0);
    // The dead-zone area closed: what the re-run's dead zones lost (its own clips, so within 0.1 %).
    const lost = before.totals.lte_dead_zone_area_km2 - after.totals.lte_dead_zone_area_km2;
    expect(document.dead_zones.area_closed_km2).toBeGreaterThan(0);
    expect(Math.abs(document.dead_zones.area_closed_km2 - lost)).toBeLessThan(
      1e-3 * before.totals.lte_dead_zone_area_km2,
    );
  }, 120_000);

  it('removes a predicted site: the same figures as predicting without it', async () => {
    const predicted = join(dir, 'p-all');
    expect((await runCli(['predict', '--sites', sites, '--out', predicted])).code).toBe(0);
    const layerFiles = (p: string) =>
      JSON.parse(readFileSync(join(p, 'predict.json'), 'utf8')).layers.map((l: { files: string[] }) =>
        join(p, l.files.find((f) => f.endsWith('.geojson')) as string),
      );
    const predictedBase = join(dir, 'p-base');
    expect((await runCli(analyzeArgs(predictedBase, layerFiles(predicted)))).code).toBe(0);
    const whatIf = await runCli([
      'whatif',
      '--base',
      predictedBase,
      '--remove',
      'NEU-0,NEU5G-1',
      '--out',
      join(dir, 'p-whatif'),
    ]);
    expect(whatIf.stderr).toBe('');
    const fewer = join(dir, 'fewer.csv');
    writeFileSync(
      fewer,
      readFileSync(sites, 'utf8')
        .split('\n')
        .filter((row) => !row.startsWith('NEU-0,') && !row.startsWith('NEU5G-1,'))
        .join('\n'),
    );
    const predictedFewer = join(dir, 'p-fewer');
    expect((await runCli(['predict', '--sites', fewer, '--out', predictedFewer])).code).toBe(0);
    const rerun = join(dir, 'p-rerun');
    expect((await runCli(analyzeArgs(rerun, layerFiles(predictedFewer)))).code).toBe(0);
    const document = JSON.parse(readFileSync(join(dir, 'p-whatif', 'whatif.json'), 'utf8'));
    const after = summaryOf(rerun);
    for (const [k, region] of document.regions.entries())
      for (const key of KEYS) expect(region.after[key], `${region.id} ${key}`).toBe(after.regions[k][key]);
    expect(document.total.lost_lte).toBeGreaterThan(0);
  }, 120_000);

  it('refuses --remove on a base that is not predicted, and a base whose inputs changed', async () => {
    const refused = await runCli(['whatif', '--base', base, '--remove', 'X', '--out', join(dir, 'no')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^funkatlas: .*--remove applies to predicted bases only/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await runCli([
      'whatif',
      '--base',
      join(dir, 'nowhere'),
      '--add',
      sites,
      '--out',
      join(dir, 'no'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no summary.json');
    const copy = join(dir, 'changed');
    const households = join(dir, 'households.csv');
    writeFileSync(households, 'lon,lat,households\n7,51,1\n');
    expect(
      (
        await runCli([
          ...analyzeArgs(copy, [`${DATA}coverage-synthetic.geojson.gz`]).map((a) =>
            a.endsWith('households.csv.gz') ? households : a,
          ),
        ])
      ).code,
    ).toBe(0);
    writeFileSync(households, 'lon,lat,households\n7,51,2\n');
    const changed = await runCli(['whatif', '--base', copy, '--add', sites, '--out', join(dir, 'no')]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('changed since the run');
  }, 60_000);

  it('refuses a base it cannot reproduce (a read option summary.json does not record)', async () => {
    const zensus = join(dir, 'zensus');
    const run = await runCli([
      ...analyzeArgs(zensus, [`${DATA}coverage-synthetic.geojson.gz`]).map((a) =>
        a.endsWith('households.csv.gz') ? `${DATA}zensus2011-grid-1km.csv.gz` : a,
      ),
      '--household-size',
      '3',
    ]);
    expect(run.stderr).toBe('');
    const refused = await runCli(['whatif', '--base', zensus, '--add', sites, '--out', join(dir, 'no')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('could not be reproduced');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('says when sites reach none of the base households, and will not write into the base', async () => {
    const far = join(dir, 'munich.csv');
    writeFileSync(far, `${SITES_HEADER}\nMUC,11.57,48.14,30,neu,LTE,800,60\n`);
    const run = await runCli(['whatif', '--base', base, '--add', far, '--out', join(dir, 'far')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("reach none of the base's households (e.g. MUC at 11.57, 48.14)");
    expect(run.stdout).toContain('not a cell');
    const document = JSON.parse(readFileSync(join(dir, 'far', 'whatif.json'), 'utf8'));
    expect(document.added[0].household_points_reached).toBe(0);
    const into = await runCli(['whatif', '--base', base, '--add', far, '--out', base, '--force']);
    expect(into.code).toBe(2);
    expect(into.stderr).toContain("--out is the base run's folder");
  }, 60_000);
});
