import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readHouseholdsCsvRange } from '../../src/io/csv/households-range.js';
import { readHouseholdsCsv } from '../../src/io/csv/households-read.js';
import type { Households } from '../../src/model/households.js';
import { tempDir } from '../helpers.js';

/** A seeded CSV of `rows` rows: line ends `\n`, `\r\n` and lone `\r` mixed, blank rows, a few bad ones. */
function csvText(seed: number, rows: number, header = 'lon,lat,households'): string {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const ends = ['\n', '\r\n', '\r'];
  let text = `\ufeff${header}${ends[seed % 3]}`;
  for (let i = 0; i < rows; i++) {
    const end = ends[Math.floor(next() * 3)];
    const r = next();
    if (r < 0.03) text += end;
    else if (r < 0.05) text += `x,51.2,1${end}`;
    else
      text += `${(6 + next() * 3).toFixed(6)},${(50 + next() * 2).toFixed(6)},${1 + Math.floor(next() * 9)}${end}`;
  }
  return text;
}

function joined(parts: Households[]): { lon: number[]; lat: number[]; weight: number[] } {
  return {
    lon: parts.flatMap((h) => [...h.lon]),
    lat: parts.flatMap((h) => [...h.lat]),
    weight: parts.flatMap((h) => [...h.weight]),
  };
}

describe('a CSV household file read in byte ranges', () => {
  it('gives every row once, in file order, with the whole read counts, for any number of ranges', async () => {
    const dir = tempDir();
    for (const seed of [1, 2, 3, 4]) {
      const path = join(dir, `h${seed}.csv`);
      writeFileSync(path, csvText(seed, 300 + seed * 37));
      const options = { invalid: 'skip' as const };
      const whole = await readHouseholdsCsv(path, options);
      for (const of of [1, 2, 3, 7, 50, 1000]) {
        const parts = Array.from({ length: of }, (_, k) => readHouseholdsCsvRange(path, options, k, of));
        if (parts.some((p) => p === null)) throw new Error('a range was not read');
        const read = parts as NonNullable<(typeof parts)[number]>[];
        expect(joined(read.map((p) => p.households))).toEqual(joined([whole.households]));
        expect(read.reduce((sum, p) => sum + p.features, 0)).toBe(whole.features);
        const skipped = read.reduce((sum, p) => sum + (p.skipped?.reasons['bad-coordinates'] ?? 0), 0);
        expect(skipped).toBe(whole.skipped?.reasons['bad-coordinates']);
      }
    }
  });

  it('gives no rows for a file that has only its header, and refuses what it cannot cut', async () => {
    const dir = tempDir();
    const only = join(dir, 'only.csv');
    writeFileSync(only, 'lon,lat\n');
    expect(readHouseholdsCsvRange(only, {}, 0, 2)?.households.count).toBe(0);
    expect(readHouseholdsCsvRange(only, {}, 1, 2)?.households.count).toBe(0);
    writeFileSync(only, 'lon,lat');
    expect(readHouseholdsCsvRange(only, {}, 0, 1)).toBeNull();
    const quoted = join(dir, 'quoted.csv');
    writeFileSync(quoted, 'lon,lat,name\n7,51,"a\nb"\n7.1,51.1,c\n');
    // The ranges partition the data's bytes: the range holding a quote says so, whichever it is.
    for (const of of [1, 2, 3, 5])
      expect(Array.from({ length: of }, (_, k) => readHouseholdsCsvRange(quoted, {}, k, of))).toContain(null);
    const gz = join(dir, 'h.csv.gz');
    writeFileSync(gz, gzipSync('lon,lat\n7,51\n'));
    expect(readHouseholdsCsvRange(gz, {}, 0, 1)).toBeNull();
  });

  it('throws a bad row as the whole read does, naming its line in the file', async () => {
    const dir = tempDir();
    for (const end of ['\n', '\r\n', '\r']) {
      const path = join(dir, 'bad.csv');
      const rows = Array.from({ length: 400 }, (_, k) => (k === 290 ? '7,x' : `7.${k},51`));
      writeFileSync(path, `lon,lat${end}${rows.join(end)}${end}`);
      const whole = await readHouseholdsCsv(path).catch((error: Error) => error.message);
      expect(whole).toMatch(/line 292/);
      for (const of of [1, 3, 7]) {
        const messages = Array.from({ length: of }, (_, k) => {
          try {
            readHouseholdsCsvRange(path, {}, k, of);
            return null;
          } catch (error) {
            return (error as Error).message;
          }
        });
        expect(messages.filter((m) => m !== null)).toEqual([whole]);
      }
    }
  });
});
