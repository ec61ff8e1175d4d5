import { describe, expect, it } from 'vitest';
import { readHouseholds } from '../../src/io/households.js';
import type { ReadOptions } from '../../src/io/read-options.js';
import { parseSkipLimit } from '../../src/io/skip-limit.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { skipWarnings } from '../../src/pipeline/warnings.js';
import { HAND } from '../helpers.js';

const BAD = new URL('../fixtures/bad/', import.meta.url).pathname;

const run = (inputs: { households?: string; coverage?: string; regions?: string }, read: ReadOptions) =>
  analyze({
    households: inputs.households ?? `${HAND}households.geojson`,
    coverage: [inputs.coverage ?? `${HAND}coverage.geojson`],
    regions: inputs.regions ?? `${HAND}regions.geojson`,
    workers: 0,
    read,
  });

describe('an input that loses every feature fails, under skip and repair', () => {
  for (const invalid of ['skip', 'repair'] as const) {
    it(`households (--invalid ${invalid})`, async () => {
      const file = `${BAD}households-all-invalid.geojson`;
      await expect(run({ households: file }, { invalid })).rejects.toThrow(
        `${file}: every feature was skipped (4 of 4), most for bad-households (4) — nothing of it is left to analyse: run with read.invalid fail to see the first error`,
      );
    });
  }

  it('a coverage file', async () => {
    const file = `${BAD}coverage-all-invalid.geojson`;
    await expect(run({ coverage: file }, { invalid: 'skip' })).rejects.toThrow(
      `${file}: every feature was skipped (3 of 3), most for missing-operator (3)`,
    );
  });

  it('regions (before the "no region is left" check)', async () => {
    const file = `${BAD}regions-all-invalid.geojson`;
    await expect(run({ regions: file }, { invalid: 'repair' })).rejects.toThrow(
      `${file}: every feature was skipped (3 of 3), most for no-region-id (3)`,
    );
  });

  it('even with a limit of 100 %', async () => {
    const file = `${BAD}households-all-invalid.geojson`;
    await expect(run({ households: file }, { invalid: 'skip', maxSkipped: '100%' })).rejects.toThrow(
      /every feature was skipped/,
    );
  });
});

describe('maxSkipped: a count or a share of each input, at and beyond the limit', () => {
  const file = `${BAD}households-some-invalid.geojson`; // 3 of 10 features invalid
  const beyond = (limit: string) =>
    `${file}: 3 of 10 features skipped as invalid, more than the limit of ${limit}; most for bad-households (3) — fix the input, or allow more with read.maxSkipped`;

  it('passes by default and at the limit, with a warning', async () => {
    for (const maxSkipped of [undefined, 3, '3', '30%', '30 %', '100%']) {
      const { summary } = await run({ households: file }, { invalid: 'skip', maxSkipped });
      expect(summary.households_balance.skipped).toBe(0); // their own households value was the problem
      expect(summary.warnings.map((w) => w.code)).toEqual(['skipped']);
      expect(summary.warnings[0].message).toBe(
        `${file}: 3 of 10 features skipped as invalid, most for bad-households (3); see invalid in summary.json`,
      );
    }
  });

  it('fails beyond it: counts', async () => {
    await expect(run({ households: file }, { invalid: 'skip', maxSkipped: 2 })).rejects.toThrow(
      beyond('2 features'),
    );
    await expect(run({ households: file }, { invalid: 'skip', maxSkipped: '0' })).rejects.toThrow(
      beyond('0 features'),
    );
  });

  it('fails beyond it: shares', async () => {
    await expect(run({ households: file }, { invalid: 'repair', maxSkipped: '29%' })).rejects.toThrow(
      beyond('29 %'),
    );
    await expect(run({ households: file }, { invalid: 'skip', maxSkipped: '0%' })).rejects.toThrow(
      beyond('0 %'),
    );
    await expect(run({ households: file }, { invalid: 'skip', maxSkipped: '29.9%' })).rejects.toThrow(
      beyond('29.9 %'),
    );
  });

  it('applies to each input on its own: a coverage file under its limit passes', async () => {
    const coverage = `${BAD}coverage-operator-invalid.geojson`; // 1 of 2 skipped
    await expect(run({ coverage }, { invalid: 'skip', maxSkipped: '50%' })).resolves.toBeDefined();
    await expect(run({ coverage }, { invalid: 'skip', maxSkipped: '49%' })).rejects.toThrow(
      `${coverage}: 1 of 2 features skipped as invalid, more than the limit of 49 %; most for self-intersection (1)`,
    );
  });

  it('refuses a limit it cannot read, naming the option', async () => {
    for (const bad of [-1, '101%', 'ten', '1.5', '%', Number.NaN])
      await expect(run({}, { invalid: 'skip', maxSkipped: bad })).rejects.toThrow(
        /^field read\.maxSkipped: the skip limit must be a count of features or a percentage from 0 % to 100 % \(value: .*\) — e\.g\. 100/,
      );
    expect(parseSkipLimit(' 0.5 % ', 'x')).toEqual({ percent: 0.5 });
    expect(parseSkipLimit(7, 'x')).toEqual({ count: 7 });
  });
});

describe('Zensus cells without data are no invalid features', () => {
  const file = new URL('../fixtures/zensus/zensus2022-100m-cp1252.csv', import.meta.url).pathname;

  it('do not count against the limit, nor give a warning', async () => {
    const read = await readHouseholds(file, { householdSize: 2, maxSkipped: 0 });
    expect(read.input.skipped?.reasons).toEqual({ 'suppressed-value': 1 });
    expect(skipWarnings([read.input], [])).toEqual([]);
  });

  it('a cell with population but no household size does (here without householdSize)', async () => {
    await expect(readHouseholds(file, { maxSkipped: 0 })).rejects.toThrow(
      `${file}: 1 of 6 features skipped as invalid, more than the limit of 0 features; most for no-household-size (1)`,
    );
  });
});
