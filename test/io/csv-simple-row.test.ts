import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHouseholdsCsv } from '../../src/io/csv/households-read.js';
import { tempDir } from '../helpers.js';

/** A field as files have them: plain decimals mostly, and the odd ones the row-by-row path must take. */
const field = fc.oneof(
  fc.double({ min: -200, max: 200, noNaN: true }).map((v) => String(v)),
  fc.integer({ min: -200, max: 200 }).map(String),
  fc.constantFrom('', ' 7.5', '+7.5', '7.', '.5', '-0', '1e1', '7,5', '"7.5"', '90.0000001', '180', '-180.0'),
);
const count = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map(String),
  fc.constantFrom('', '03', '-1', '2.0', ' 4', '4294967295', '4294967296'),
);

/** What a read gives: the columns, or the error, with skips counted. */
async function outcome(path: string) {
  try {
    const read = await readHouseholdsCsv(path, { invalid: 'skip' });
    const h = read.households;
    return { lon: [...h.lon], lat: [...h.lat], weight: [...h.weight], skipped: read.skipped ?? null };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('CSV rows lon,lat,households read in one pass', () => {
  it('give exactly what the field-by-field path gives (an extra column sends every row there)', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field, count), { minLength: 1, maxLength: 30 }),
        async (rows) => {
          const simple = join(dir, 'simple.csv');
          const general = join(dir, 'general.csv');
          writeFileSync(simple, `lon,lat,households\n${rows.map((r) => r.join(',')).join('\n')}\n`);
          writeFileSync(
            general,
            `lon,lat,households,note\n${rows.map((r) => `${r.join(',')},x`).join('\n')}\n`,
          );
          const [a, b] = [await outcome(simple), await outcome(general)];
          if ('error' in a || 'error' in b) return;
          expect(a.lon.map(Object.is.bind(null, 0))).toEqual(b.lon.map(Object.is.bind(null, 0)));
          expect({ ...a, skipped: null }).toEqual({ ...b, skipped: null });
          expect(a.skipped?.reasons ?? {}).toEqual(b.skipped?.reasons ?? {});
        },
      ),
      { numRuns: 300 },
    );
  });
});
