import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { HAND, tempDir } from '../helpers.js';

describe('funkatlas predict', () => {
  it('predicts coverage that analyze takes as it is, and the summary marks the input predicted', async () => {
    const dir = tempDir();
    const sites = join(dir, 'sites.csv');
    // One omnidirectional LTE site in R1: hata-suburban, 800 MHz, base 30 m, 25 dBm → edge ≈ 2.59 km,
    // which takes in h8 (4 households, 1.1 km away) and no other hand household (the nearest, h2, is 3.5 km off).
    writeFileSync(
      sites,
      'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm\nP1,7.0625,51.0625,30,P,LTE,800,25\n',
    );
    const out = join(dir, 'predicted');
    const predicted = await runCli(['predict', '--sites', sites, '--out', out]);
    expect(predicted.stderr).toBe('');
    expect(predicted.code).toBe(0);
    const layer = JSON.parse(readFileSync(join(out, 'coverage-p-lte.geojson'), 'utf8'));
    expect(layer.features).toHaveLength(1);
    expect(layer.features[0].properties).toMatchObject({
      predicted: true,
      model: 'hata-suburban',
      site_id: 'P1',
    });
    const metadata = JSON.parse(readFileSync(join(out, 'predict.json'), 'utf8'));
    expect(metadata.environment.note).toContain('taken as suburban');

    const analysed = join(dir, 'analysed');
    const run = await runCli([
      'analyze',
      '--households',
      `${HAND}households.geojson`,
      '--coverage',
      join(out, 'coverage-p-lte.geojson'),
      '--regions',
      `${HAND}regions.geojson`,
      '--out',
      analysed,
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(analysed, 'summary.json'), 'utf8'));
    expect(summary.inputs.find((i: { role: string }) => i.role === 'coverage')).toMatchObject({
      predicted: true,
    });
    expect(summary.totals.households_lte).toBe(4);
  });

  it("takes a site's environment from the household density around it with --households", async () => {
    const dir = tempDir();
    const sites = join(dir, 'sites.csv');
    // h1 (3 households) alone within 1 km: 0.95 households/km², open land.
    writeFileSync(
      sites,
      'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm\nQ,7.03125,51.03125,30,P,LTE,800,30\n',
    );
    const run = await runCli([
      'predict',
      '--sites',
      sites,
      '--out',
      dir,
      '--households',
      `${HAND}households.geojson`,
    ]);
    expect(run.code).toBe(0);
    const layer = JSON.parse(readFileSync(join(dir, 'coverage-p-lte.geojson'), 'utf8'));
    expect(layer.features[0].properties).toMatchObject({
      environment: 'open',
      environment_from: 'households',
      model: 'hata-open',
    });
  });

  it('refuses outputs that exist without --force, and a site outside its model in one line', async () => {
    const dir = tempDir();
    const sites = join(dir, 'sites.csv');
    writeFileSync(
      sites,
      'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm\nX,7,51,30,P,LTE,800,30\n',
    );
    expect((await runCli(['predict', '--sites', sites, '--out', dir])).code).toBe(0);
    const again = await runCli(['predict', '--sites', sites, '--out', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('output exists already');
    const hata = await runCli([
      'predict',
      '--sites',
      sites,
      '--out',
      dir,
      '--force',
      '--model',
      'cost231-urban',
    ]);
    expect(hata.code).toBe(2);
    expect(hata.stderr.trim().split('\n')).toHaveLength(1);
    expect(hata.stderr).toContain("field band_mhz: 800 MHz is outside cost231-urban's range 1500–2000 MHz");
  });

  it('with --force, removes the layers an earlier prediction in the folder wrote and this one does not', async () => {
    const dir = tempDir();
    const two = join(dir, 'two.csv');
    writeFileSync(
      two,
      'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm\nA,7.06,51.06,30,P,LTE,800,25\nB,7.1,51.1,30,Q,LTE,800,25\n',
    );
    const one = join(dir, 'one.csv');
    writeFileSync(
      one,
      'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm\nA,7.06,51.06,30,P,LTE,800,25\n',
    );
    const out = join(dir, 'out');
    expect((await runCli(['predict', '--sites', two, '--out', out, '--margin', '3'])).code).toBe(0);
    expect(existsSync(join(out, 'coverage-q-lte.geojson'))).toBe(true);
    expect((await runCli(['predict', '--sites', one, '--out', out, '--force'])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['coverage-p-lte.fgb', 'coverage-p-lte.geojson', 'predict.json']);
  });
});
