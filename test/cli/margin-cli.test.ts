import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAND, tempDir } from '../helpers.js';
import { handArgs, handArgsWith, runCli } from './run-cli.js';

// One omnidirectional LTE site in R1 (as in predict-cli.test.ts): edge ≈ 2.59 km nominally, which takes
// in h8 (4 households, 1.1 km away); at −6 dB the edge is ≈ 3.84 km and takes in h2 (1 household, 3.5 km).
const SITES =
  'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm\nP1,7.0625,51.0625,30,P,LTE,800,25\n';

describe('predict --margin and analyze --margin', () => {
  const dir = tempDir();
  const predicted = join(dir, 'predicted');
  const layer = join(predicted, 'coverage-p-lte.geojson');
  let printed = '';

  beforeAll(async () => {
    writeFileSync(join(dir, 'sites.csv'), SITES);
    const run = await runCli([
      'predict',
      '--sites',
      join(dir, 'sites.csv'),
      '--out',
      predicted,
      '--margin',
      '3,6',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    printed = run.stdout;
  });

  it('writes every level beside the nominal layer, marked, and lists them in predict.json', () => {
    const files = readdirSync(predicted).sort();
    expect(files).toEqual(
      [
        'coverage-p-lte',
        'coverage-p-lte@-6dB',
        'coverage-p-lte@-3dB',
        'coverage-p-lte@+3dB',
        'coverage-p-lte@+6dB',
      ]
        .flatMap((n) => [`${n}.geojson`, `${n}.fgb`])
        .concat('predict.json')
        .sort(),
    );
    const edge = (name: string) => {
      const [feature] = JSON.parse(readFileSync(join(predicted, `${name}.geojson`), 'utf8')).features;
      return feature.properties;
    };
    expect(edge('coverage-p-lte')).not.toHaveProperty('margin_db');
    expect(edge('coverage-p-lte@+3dB')).toMatchObject({ margin_db: 3, threshold_dbm: -102 });
    expect(edge('coverage-p-lte@-6dB')).toMatchObject({ margin_db: -6, threshold_dbm: -111 });
    const reach = ['@-6dB', '@-3dB', '', '@+3dB', '@+6dB'].map((s) => edge(`coverage-p-lte${s}`).edge_max_m);
    expect(reach).toEqual([...reach].sort((a, b) => b - a));
    const metadata = JSON.parse(readFileSync(join(predicted, 'predict.json'), 'utf8'));
    expect(metadata.margins.levels_db).toEqual([-6, -3, 0, 3, 6]);
    expect(metadata.margins.layers[0].levels[3]).toEqual({
      margin_db: 3,
      files: ['coverage-p-lte@+3dB.geojson', 'coverage-p-lte@+3dB.fgb'],
      features: 1,
    });
    // The advice names the nominal layer only: the levels are for --margin.
    expect(printed).toContain(`analyze with --coverage ${layer}\n`);
    expect(printed).toContain('analyze --margin 3,6 reads them');
  });

  it('analyze --margin reads the level files, prints a range per headline metric, and changes nothing else', async () => {
    const plain = join(dir, 'plain');
    const sure = join(dir, 'sure');
    expect((await runCli(handArgsWith({ coverage: layer }, plain))).code).toBe(0);
    const run = await runCli(handArgsWith({ coverage: layer }, sure, '--margin', '6,3'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  LTE households     12.9 %  (−6 dB 16.1 % … +6 dB 12.9 %)\n');
    expect(run.stdout).toContain('  no LTE (white)     27  (−6 dB 26 … +6 dB 27)\n');
    const summary = JSON.parse(readFileSync(join(sure, 'summary.json'), 'utf8'));
    expect(summary.margins.inputs).toEqual([
      {
        path: layer,
        by: 'predicted-levels',
        levels: [-6, -3, 0, 3, 6].map((db) => ({
          margin_db: db,
          path: db === 0 ? layer : join(predicted, `coverage-p-lte@${db > 0 ? '+' : ''}${db}dB.geojson`),
        })),
      },
    ]);
    expect(summary.margins.totals.levels.map((l: { households_lte: number }) => l.households_lte)).toEqual([
      5, 4, 4, 4, 4,
    ]);
    const r1 = summary.margins.regions.find((r: { id: string }) => r.id === 'R1');
    expect(r1.levels[0]).toMatchObject({ margin_db: -6, households_lte: 5, households_single_lte: 5 });
    // Every output as without --margin, but summary.json's new field (and the manifest and report, which hold the time).
    for (const name of readdirSync(plain)) {
      if (['manifest.json', 'report.html'].includes(name)) continue;
      const without = readFileSync(join(plain, name), 'utf8').replace(/"generated_at": "[^"]+"/, '');
      let withMargin = readFileSync(join(sure, name), 'utf8');
      if (name === 'summary.json') {
        const { margins: _, ...rest } = JSON.parse(withMargin);
        withMargin = `${JSON.stringify(rest, null, 2)}\n`;
      }
      expect(withMargin.replace(/"generated_at": "[^"]+"/, ''), name).toBe(without);
    }
  });

  it('analyze --margin refuses a level predict.json does not list', async () => {
    const out = join(dir, 'too-far');
    const run = await runCli(handArgsWith({ coverage: layer }, out, '--margin', '3,9'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `funkatlas: ${layer}, field --margin: --margin needs signal strength or predicted levels: predict.json has no level of -9 dB for it — ` +
        'give coverage rasters of signal strength (with a threshold), or predict with --margin and give its nominal layers\n',
    );
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  });
});

describe('--margin refused in one line', () => {
  it('with plain vector coverage, naming --margin and the file', async () => {
    const run = await runCli(handArgs(join(tempDir(), 'out'), '--margin', '3,6'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `funkatlas: ${HAND}coverage.geojson, field --margin: --margin needs signal strength or predicted levels: no predict.json beside this coverage — ` +
        'give coverage rasters of signal strength (with a threshold), or predict with --margin and give its nominal layers\n',
    );
  });

  it('with a coverage mask raster: no signal strength to move', async () => {
    const mask = new URL('../fixtures/geotiff/coverage-bool-25832.tif', import.meta.url).pathname;
    const run = await runCli(handArgsWith({ coverage: mask }, join(tempDir(), 'out'), '--margin', '3'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `funkatlas: ${mask}, field --margin: --margin needs signal strength; this raster is a coverage mask (unsigned samples) — ` +
        'give coverage rasters of signal strength (with a threshold), or predict with --margin and give its nominal layers\n',
    );
  });

  it('for values that are not dB amounts, on analyze and on predict', async () => {
    const sites = join(tempDir(), 'sites.csv');
    writeFileSync(sites, SITES);
    for (const [value, problem] of [
      ['abc', '--margin takes dB amounts separated by commas (value: "abc")'],
      ['3,', '--margin takes dB amounts separated by commas (value: "")'],
      ['-3', 'each margin must be a number of dB above 0 and at most 30 (value: -3)'],
      ['0', 'each margin must be a number of dB above 0 and at most 30 (value: 0)'],
      ['31', 'each margin must be a number of dB above 0 and at most 30 (value: 31)'],
      ['3,6,3', 'a margin is given twice (value: 3)'],
    ]) {
      const analyzed = await runCli(handArgs(join(tempDir(), 'out'), '--margin', value));
      expect(analyzed.code).toBe(2);
      expect(analyzed.stderr).toMatch(
        new RegExp(`^funkatlas: field --margin: ${escaped(problem)} — [^\\n]+\\n$`),
      );
      const predicted = await runCli(['predict', '--sites', sites, '--out', tempDir(), '--margin', value]);
      expect(predicted.code).toBe(2);
      expect(predicted.stderr).toMatch(
        new RegExp(`^funkatlas: field --margin: ${escaped(problem)} — [^\\n]+\\n$`),
      );
    }
  });

  it('takes margin from a scenario file (a list), and refuses it on a queue before any work', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sites.csv'), SITES);
    const predicted = join(dir, 'predicted');
    expect(
      (await runCli(['predict', '--sites', join(dir, 'sites.csv'), '--out', predicted, '--margin', '3,6']))
        .code,
    ).toBe(0);
    const layer = join(predicted, 'coverage-p-lte.geojson');
    const scenario = join(dir, 'scenario.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        households: `${HAND}households.geojson`,
        coverage: [layer],
        regions: `${HAND}regions.geojson`,
        out: join(dir, 'from-scenario'),
        margin: [3, 6],
      }),
    );
    const run = await runCli(['run', scenario, '--quiet']);
    expect(run.stderr).toBe('');
    const summary = JSON.parse(readFileSync(join(dir, 'from-scenario', 'summary.json'), 'utf8'));
    expect(summary.margins.levels_db).toEqual([-6, -3, 0, 3, 6]);
    const queued = await runCli(['run', scenario, '--quiet', '--force', '--queue', 'redis://127.0.0.1:1/0']);
    expect(queued.code).toBe(2);
    expect(queued.stderr.trim()).toMatch(/^funkatlas: .*--margin is not run on a queue/);
  });
});

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
