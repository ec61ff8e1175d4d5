import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { HAND, tempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
const schema = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8'));
const ajv = new Ajv2020.default({ strict: false });
addFormats.default(ajv);
ajv.addSchema(schema('goals.schema.json'));
const validScenario = ajv.compile(schema('scenario.schema.json'));

/** A folder with the hand-built inputs and the snapshots' coverage, and a scenario over them. */
function scenarioDir(scenario: unknown): { dir: string; file: string } {
  const dir = tempDir();
  for (const name of ['households.geojson', 'regions.geojson']) cpSync(join(HAND, name), join(dir, name));
  for (const name of ['coverage-2023q4.geojson', 'coverage-2024q4.geojson'])
    cpSync(join(SNAPSHOTS, name), join(dir, name));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return { dir, file };
}

const quarterly = {
  name: 'hand, two quarters',
  households: 'households.geojson',
  regions: 'regions.geojson',
  snapshots: [
    { date: '2023-12-31', coverage: ['coverage-2023q4.geojson'] },
    { date: '2024-12-31', coverage: 'coverage-2024q4.geojson' },
  ],
  out: 'out/quarterly',
  history: 'history.gpkg',
  no_report: true,
};

const { households: _households, ...withoutHouseholds } = quarterly;

describe('funkatlas run SCENARIO', () => {
  it('runs each analysis in turn, paths relative to the scenario file', async () => {
    const scenario = {
      analyses: [
        quarterly,
        {
          households: 'households.geojson',
          regions: 'regions.geojson',
          coverage: 'coverage-2023q4.geojson',
          regions_filter: ['R1'],
          goals: [
            {
              id: 'lte-all',
              title: 'LTE for every household',
              metric: 'households_no_lte',
              comparison: '=',
              value: 0,
              deadline: '2024-12-31',
              scope: 'total',
            },
          ],
          formats: ['geojson', 'fgb'],
          out: 'out/west',
        },
      ],
    };
    expect(validScenario(scenario), JSON.stringify(validScenario.errors)).toBe(true);
    const { dir, file } = scenarioDir(scenario);
    const r = await runCli(['run', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('analysis 1 of 2: hand, two quarters');
    const quarters = JSON.parse(readFileSync(join(dir, 'out/quarterly/summary.json'), 'utf8'));
    expect(quarters.snapshots.map((s: { date: string }) => s.date)).toEqual(['2023-12-31', '2024-12-31']);
    // The history and the report's switch, as on the command line.
    expect(existsSync(join(dir, 'history.gpkg'))).toBe(true);
    expect(existsSync(join(dir, 'out/quarterly/report.html'))).toBe(false);
    const west = JSON.parse(readFileSync(join(dir, 'out/west/summary.json'), 'utf8'));
    expect(west.goals.map((g: { id: string; status: string }) => [g.id, g.status])).toEqual([
      ['lte-all', 'met'],
    ]);
    expect(existsSync(join(dir, 'out/west/regions.fgb'))).toBe(true);
    // A second run refuses to overwrite, as analyze does; --force overwrites.
    expect((await runCli(['run', file, '--quiet'])).code).toBe(2);
    expect((await runCli(['run', file, '--quiet', '--force'])).code).toBe(0);
  });

  it.each([
    [{ ...quarterly, colour: 'red' }, /scenario\.json, field colour: unknown field/],
    [
      { analyses: [{ ...quarterly, workers: -1 }] },
      /field analyses\[0\]\.workers: analyses\[0\]\.workers must be an integer/,
    ],
    [{ analyses: [withoutHouseholds] }, /missing analyses\[0\]\.households/],
    [
      { ...quarterly, snapshots: [{ date: '2023-13-01', coverage: 'coverage-2023q4.geojson' }] },
      /field snapshots\[0\]\.date: not a calendar date \(value: "2023-13-01"\)/,
    ],
    [{ ...quarterly, invalid: 'ignore' }, /field invalid: invalid must be one of fail, skip, repair/],
    [{ ...quarterly, force: 'no' }, /field force: must be true or false/],
    [
      { ...quarterly, coverage: 'coverage-2023q4.geojson' },
      /field coverage: give coverage or snapshots, not both/,
    ],
  ])('refuses a bad scenario with one line naming the field (%#)', async (scenario, message) => {
    expect(validScenario(scenario)).toBe(false);
    const { file } = scenarioDir(scenario);
    const r = await runCli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a file that is not JSON, and a missing one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{"analyses": [');
    expect((await runCli(['run', join(dir, 'bad.json')])).stderr).toMatch(/bad\.json: invalid JSON/);
    expect((await runCli(['run', join(dir, 'none.json')])).stderr).toMatch(
      /none\.json: cannot read the scenario \(ENOENT\)/,
    );
  });
});
