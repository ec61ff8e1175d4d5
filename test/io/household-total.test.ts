import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readHouseholdsCsv } from '../../src/io/csv/households-read.js';
import { HouseholdTotal, MAX_TOTAL_HOUSEHOLDS } from '../../src/io/household-total.js';
import { readHouseholds } from '../../src/io/households.js';
import { MAX_WEIGHT } from '../../src/model/households.js';
import { runCli } from '../cli/run-cli.js';
import { HAND, tempDir } from '../helpers.js';

const dir = tempDir();
/** Points of the largest weight that stay at or below the limit: 2,097,152 (2^53 − 2^21 households). */
const FULL_POINTS = Math.floor(MAX_TOTAL_HOUSEHOLDS / MAX_WEIGHT);
const LEFT = MAX_TOTAL_HOUSEHOLDS - FULL_POINTS * MAX_WEIGHT;
const LIMIT_TEXT =
  'the households add up to more than 9007199254740991 (2^53 − 1), the most that can be summed exactly';
const HINT = 'split the input into parts below that total, or check the households values';

/** A file of `header`, FULL_POINTS rows of `row`, then `tail` (generated once per test, ~35 MB). */
function bigFile(name: string, header: string, row: string, tail: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${`${row}\n`.repeat(FULL_POINTS)}${tail}`);
  return path;
}

const rejection = async (read: Promise<unknown>): Promise<string> => {
  try {
    await read;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('HouseholdTotal', () => {
  it('takes totals up to 2^53 − 1 and refuses the point that passes it', async () => {
    const total = new HouseholdTotal('h.csv');
    expect(FULL_POINTS).toBe(2_097_152);
    let accepted = true;
    for (let k = 0; k < FULL_POINTS; k++) accepted &&= total.add(MAX_WEIGHT);
    expect(accepted).toBe(true);
    expect(total.add(LEFT)).toBe(true);
    expect(total.value).toBe(Number.MAX_SAFE_INTEGER);
    expect(total.add(1)).toBe(false);
    expect(total.passed({ line: 7 }).message).toBe(`h.csv, line 7: ${LIMIT_TEXT} — ${HINT}`);
    expect(total.passed({ feature: 3, id: 'a' }).where).toMatchObject({ code: 'households-total' });
  });
});

describe('household inputs above 2^53 − 1 households', () => {
  it('CSV: exactly the limit is read, one more household is refused at its line, under skip too', {
    timeout: 60_000,
  }, async () => {
    const exact = bigFile('exact.csv', 'lon,lat,households', `7,51,${MAX_WEIGHT}`, `7,51,${LEFT}\n`);
    const read = await readHouseholdsCsv(exact);
    expect(read.households.count).toBe(FULL_POINTS + 1);
    let sum = 0;
    for (const w of read.households.weight) sum += w;
    expect(sum).toBe(Number.MAX_SAFE_INTEGER);

    const over = bigFile('over.csv', 'lon,lat,households', `7,51,${MAX_WEIGHT}`, `7,51,${LEFT + 1}\n`);
    const line = FULL_POINTS + 2;
    expect(await rejection(readHouseholdsCsv(over))).toBe(`${over}, line ${line}: ${LIMIT_TEXT} — ${HINT}`);
    expect(await rejection(readHouseholdsCsv(over, { invalid: 'skip' }))).toBe(
      `${over}, line ${line}: ${LIMIT_TEXT} — ${HINT}`,
    );
  });

  it('Zensus grid CSV: refused at the line that passes the limit', { timeout: 60_000 }, async () => {
    const path = bigFile(
      'zensus.csv',
      'x_mp_1km,y_mp_1km,households_est_derived',
      `4065500,3030500,${MAX_WEIGHT}`,
      `4065500,3030500,${MAX_WEIGHT}\n4065500,3030500,1\n`,
    );
    const error = await readHouseholds(path, {}, 'zensus').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe(`${path}, line ${FULL_POINTS + 2}: ${LIMIT_TEXT} — ${HINT}`);
  });

  it('the CLI (the issue: 2.1 M points of 4294967295): exit 2 and one line', {
    timeout: 60_000,
  }, async () => {
    const path = bigFile(
      'cli.csv',
      'lon,lat,households',
      `7.01,51.01,${MAX_WEIGHT}`,
      `7.01,51.01,${MAX_WEIGHT}\n`,
    );
    const run = await runCli([
      'analyze',
      '--households',
      path,
      '--coverage',
      `${HAND}coverage.geojson`,
      '--regions',
      `${HAND}regions.geojson`,
      '--out',
      join(dir, 'out'),
      '--quiet',
      '--invalid',
      'skip',
    ]);
    expect(run.stderr).toBe(`funkatlas: ${path}, line ${FULL_POINTS + 2}: ${LIMIT_TEXT} — ${HINT}\n`);
    expect(run.code).toBe(2);
  });
});
