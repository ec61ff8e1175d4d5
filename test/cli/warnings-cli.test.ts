import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAND, tempDir, validateSummary } from '../helpers.js';
import { type HandInputs, handArgsWith, runCliAsync } from './run-cli.js';

const BAD = new URL('../fixtures/bad/', import.meta.url).pathname;
const BREMEN = new URL('../fixtures/bnetza/mobilfunk-monitoring-2024-01-bremen-100m.csv.gz', import.meta.url)
  .pathname;

/** `analyze` on the hand-built scenario with the given inputs, progress on unless `extra` says --quiet. */
const args = (out: string, inputs: HandInputs, ...extra: string[]) => [
  ...handArgsWith(inputs, out, '--workers', '0').filter((a) => a !== '--quiet'),
  ...extra,
];

const warningLines = (stderr: string) =>
  stderr.split('\n').filter((l) => l.startsWith('funkatlas: warning: '));

describe('CLI warnings', () => {
  it('NRW households against the Bremen grid: exit 0, one warning on stderr and in summary.json', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCliAsync(args(out, { coverage: BREMEN }));
    expect(r.code, r.stderr).toBe(0);
    expect(warningLines(r.stderr)).toEqual([
      expect.stringMatching(
        /^funkatlas: warning: .*bremen-100m\.csv\.gz: its coverage \[8\.48\d*, 53\.01\d*, 8\.99\d*, 53\.61\d*\] lies outside the regions \[7, 51, 7\.6875, 51\.6875\]: it covers no household in them \(another area, or the wrong CRS\?\)$/,
      ),
    ]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
    expect(summary.warnings.map((w: { code: string }) => w.code)).toEqual(['coverage-outside-regions']);
    expect(summary.inputs[1].extent).toHaveLength(4);
  });

  it("operator C's coverage 20° east: exit 0, one operator-outside-regions warning on stderr", async () => {
    const dir = tempDir();
    const collection = JSON.parse(readFileSync(`${HAND}coverage.geojson`, 'utf8'));
    for (const f of collection.features)
      if (f.properties.operator === 'C')
        f.geometry.coordinates = f.geometry.coordinates.map((ring: number[][]) =>
          ring.map(([x, y]) => [x + 20, y]),
        );
    const coverage = join(dir, 'c-east.geojson');
    writeFileSync(coverage, JSON.stringify(collection));
    const r = await runCliAsync(args(join(dir, 'out'), { coverage }));
    expect(r.code, r.stderr).toBe(0);
    expect(warningLines(r.stderr)).toEqual([
      `funkatlas: warning: ${coverage}: operator "C" has coverage only in [27.1875, 51.0625, 27.25, 51.125], which meets none of the regions (in [7, 51, 7.6875, 51.6875]): it covers no household in them (its features misplaced, or in another CRS?)`,
    ]);
  });

  it('--quiet keeps warnings off stderr, not out of summary.json', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCliAsync(args(out, { coverage: `${BAD}coverage-partial.geojson` }, '--quiet'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.warnings.map((w: { code: string }) => w.code)).toEqual(['coverage-partial']);
  });

  it('no warnings for the hand-built scenario: an empty list', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCliAsync(args(out, {}));
    expect(r.code, r.stderr).toBe(0);
    expect(warningLines(r.stderr)).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).warnings).toEqual([]);
  });
});

describe('CLI --max-skipped', () => {
  const some = `${BAD}households-some-invalid.geojson`; // 3 of 10 invalid

  it('--invalid skip that drops every household: exit 2, one line naming the file, count and reason', async () => {
    const file = `${BAD}households-all-invalid.geojson`;
    const r = await runCliAsync(
      args(join(tempDir(), 'out'), { households: file }, '--invalid', 'skip', '--quiet'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `funkatlas: ${file}: every feature was skipped (4 of 4), most for bad-households (4) — nothing of it is left to analyse: run with --invalid fail to see the first error\n`,
    );
    expect(r.stdout).toBe('');
  });

  it('at the limit: exit 0 and a warning; beyond it: exit 2', async () => {
    const [at, beyond, share] = await Promise.all([
      runCliAsync(
        args(join(tempDir(), 'out'), { households: some }, '--invalid', 'skip', '--max-skipped', '3'),
      ),
      runCliAsync(
        args(
          join(tempDir(), 'out'),
          { households: some },
          '--invalid',
          'skip',
          '--max-skipped',
          '2',
          '--quiet',
        ),
      ),
      runCliAsync(
        args(
          join(tempDir(), 'out'),
          { households: some },
          '--invalid',
          'repair',
          '--max-skipped',
          '10%',
          '--quiet',
        ),
      ),
    ]);
    expect(at.code, at.stderr).toBe(0);
    expect(warningLines(at.stderr)).toEqual([
      `funkatlas: warning: ${some}: 3 of 10 features skipped as invalid, most for bad-households (3); see invalid in summary.json`,
    ]);
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toBe(
      `funkatlas: ${some}: 3 of 10 features skipped as invalid, more than the limit of 2 features; most for bad-households (3) — fix the input, or allow more with --max-skipped\n`,
    );
    expect(share.code).toBe(2);
    expect(share.stderr).toMatch(/3 of 10 features skipped as invalid, more than the limit of 10 %/);
  });

  it('refuses a value it cannot read, naming the flag', async () => {
    const r = await runCliAsync(args(join(tempDir(), 'out'), {}, '--max-skipped', '5 percent'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'funkatlas: field --max-skipped: the skip limit must be a count of features or a percentage from 0 % to 100 % (value: "5 percent") — e.g. 100 (features per input) or 1% (of each input)\n',
    );
  });
});
