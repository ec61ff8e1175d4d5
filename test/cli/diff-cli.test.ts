import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { boxRing, HAND, tempDir } from '../helpers.js';
import { handArgs, handArgsWith, runCli } from './run-cli.js';

const DATES = ['--dates', '2024-03-31,2024-06-30'];

const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateDiff = ajv.compile(
  JSON.parse(readFileSync(new URL('../../schema/diff.schema.json', import.meta.url), 'utf8')),
);

/** The hand coverage plus operator D's LTE: a strip that cuts R2's dead zone in two, and the hole of R1. */
function laterCoverage(dir: string): string {
  const coverage = JSON.parse(readFileSync(`${HAND}coverage.geojson`, 'utf8'));
  for (const ring of [
    boxRing(7.15625, 51.0625, 7.21875, 51.125),
    boxRing(7.015625, 51.015625, 7.03125, 51.046875),
  ])
    coverage.features.push({
      type: 'Feature',
      properties: { operator: 'D', technology: 'LTE' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
  const path = join(dir, 'coverage-later.geojson');
  writeFileSync(path, JSON.stringify(coverage));
  return path;
}

describe('funkatlas diff', () => {
  let dir: string;
  let older: string;
  let newer: string;

  beforeAll(async () => {
    dir = tempDir();
    older = join(dir, 'q1');
    newer = join(dir, 'q2');
    expect((await runCli(handArgs(older))).code).toBe(0);
    expect((await runCli(handArgsWith({ coverage: laterCoverage(dir) }, newer))).code).toBe(0);
  });

  it('prints the regions that changed and the dead zones by status', async () => {
    const r = await runCli(['diff', older, newer, ...DATES]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`${older} (2024-03-31) → ${newer} (2024-06-30)`);
    expect(r.stdout).toMatch(/total +7 → 7 \(±0\) .* 8 → 6 \(−2\)/);
    expect(r.stdout).toMatch(/R2 East .* 8 → 6 \(−2\)/);
    expect(r.stdout).not.toContain('R3 Empty');
    expect(r.stdout).toContain(
      'dead zones: 0 new, 1 closed, 0 shrunk, 0 grown, 2 unchanged, 2 split, 0 merged',
    );
    expect(r.stdout).toMatch(/largest closed:\n +R1-2024-03-31-2 +3\.81 km² +0 households/);
    expect(r.stdout).not.toContain('written:');
  });

  it('writes diff.json and dead-zone-changes.geojson with --out, and overwrites them only with --force', async () => {
    const out = join(dir, 'diff');
    const r = await runCli(['diff', older, newer, ...DATES, '--out', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const diff = JSON.parse(readFileSync(join(out, 'diff.json'), 'utf8'));
    expect(diff.schema).toBe('funkatlas/diff@1');
    expect(validateDiff(diff), JSON.stringify(validateDiff.errors)).toBe(true);
    expect(diff.totals.households_no_lte).toEqual({ old: 8, new: 6, change: -2 });
    expect(diff.regions.map((region: { id: string }) => region.id)).toEqual(['R1', 'R2', 'R3']);
    expect(diff.regions[1].figures['operators.D.households_lte']).toEqual({
      old: null,
      new: 2,
      change: null,
    });
    expect(diff.dead_zones.counts).toEqual({
      new: 0,
      closed: 1,
      shrunk: 0,
      grown: 0,
      unchanged: 2,
      split: 2,
      merged: 0,
    });
    const changes = JSON.parse(readFileSync(join(out, 'dead-zone-changes.geojson'), 'utf8'));
    const byId = Object.fromEntries(
      changes.features.map((f: { properties: { id: string } }) => [f.properties.id, f]),
    );
    expect(Object.keys(byId).sort()).toEqual([
      'R1-2024-03-31-1',
      'R1-2024-03-31-2',
      'R2-2024-03-31-1',
      'R2-2024-06-30-1',
      'R3-2024-03-31-1',
    ]);
    expect(byId['R2-2024-03-31-1'].properties).toMatchObject({
      status: 'split',
      first_seen: '2024-03-31',
      last_seen: '2024-06-30',
      households: { '2024-03-31': 8, '2024-06-30': 6 },
      successors: ['R2-2024-06-30-1'],
    });
    expect(byId['R2-2024-06-30-1'].properties.predecessors).toEqual(['R2-2024-03-31-1']);
    // A closed zone keeps its last geometry: the hole of operator A's LTE in R1.
    expect(byId['R1-2024-03-31-2'].properties.status).toBe('closed');
    expect(byId['R1-2024-03-31-2'].geometry.coordinates[0]).toContainEqual([7.015625, 51.046875]);
    expect(diff.dead_zones.zones).toEqual(changes.features.map((f: { properties: unknown }) => f.properties));

    const again = await runCli(['diff', older, newer, ...DATES, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `funkatlas: ${join(out, 'dead-zone-changes.geojson')}: output exists already — use --force to overwrite, or another --out\n`,
    );
    expect((await runCli(['diff', older, newer, ...DATES, '--out', out, '--force'])).code).toBe(0);
  });

  it('gives the same ids when run again, and none to a run against itself but unchanged', async () => {
    const one = await runCli(['diff', older, newer, ...DATES]);
    const two = await runCli(['diff', older, newer, ...DATES]);
    expect(two.stdout).toBe(one.stdout);
    const same = await runCli(['diff', older, older, ...DATES]);
    expect(same.stdout).toContain(
      'dead zones: 0 new, 0 closed, 0 shrunk, 0 grown, 4 unchanged, 0 split, 0 merged',
    );
    expect(same.stdout).toContain('no region changed');
  });

  it('reads the dead zones of a run from FlatGeobuf (any --output-crs) when there is no GeoJSON', async () => {
    const fgb = join(dir, 'q2-fgb');
    const args = handArgsWith(
      { coverage: laterCoverage(dir) },
      fgb,
      '--format',
      'fgb',
      '--output-crs',
      'EPSG:25832',
    );
    expect((await runCli(args)).code).toBe(0);
    rmSync(join(fgb, 'lte-dead-zones.geojson'));
    const r = await runCli(['diff', older, fgb, ...DATES]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(
      'dead zones: 0 new, 1 closed, 0 shrunk, 0 grown, 2 unchanged, 2 split, 0 merged',
    );
  });

  it('refuses, in one line naming the file, field and value', async () => {
    const cases: [string[], RegExp][] = [
      [['diff', older], /diff takes two run folders, the old one first \(value: \[".*q1"\]\)/],
      [
        ['diff', older, join(dir, 'nowhere')],
        /nowhere: no such folder — give the --out folder of a finished run/,
      ],
      [['diff', older, newer], /q2\/summary.json, field generated_at: the runs' dates do not increase/],
      [
        ['diff', older, newer, '--dates', '2024-06-30,2024-03-31'],
        /field --dates: --dates must be two dates/,
      ],
      [['diff', older, newer, '--force'], /field --force: --force applies with --out/],
      [['diff', older, newer, '--bogus'], /Unknown option '--bogus'/],
      [['diff', older, newer, '--out', dir, '--out', dir], /field --out: --out is given more than once/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses a summary of another schema', async () => {
    // Not a tempDir(): the test setup checks every summary.json there against the schema.
    const other = join(mkdtempSync(join(tmpdir(), 'funkatlas-diff-')), 'run');
    cpSync(newer, other, { recursive: true });
    const summary = JSON.parse(readFileSync(join(other, 'summary.json'), 'utf8'));
    writeFileSync(join(other, 'summary.json'), JSON.stringify({ ...summary, schema: 'funkatlas/summary@3' }));
    const r = await runCli(['diff', older, other, ...DATES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `funkatlas: ${join(other, 'summary.json')}, field schema: not a funkatlas summary (value: "funkatlas/summary@3") — diff reads the summary.json of funkatlas runs (schema funkatlas/summary@1 or funkatlas/summary@2)\n`,
    );
  });

  it('refuses runs over different regions', async () => {
    const fewer = join(dir, 'fewer');
    expect((await runCli(handArgs(fewer, '--region', 'R1,R2'))).code).toBe(0);
    const r = await runCli(['diff', older, fewer, ...DATES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `funkatlas: ${join(older, 'summary.json')}, field regions[2].id: region "R3" is not in ${join(fewer, 'summary.json')} (value: "R3") — diff compares two runs over the same regions (the same --regions, --region-id and --region)\n`,
    );
  });
});
