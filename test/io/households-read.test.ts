import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readHouseholdsCsv } from '../../src/io/csv/households-read.js';
import { readHouseholds } from '../../src/io/households.js';
import { tempDir } from '../helpers.js';

describe('household CSV', () => {
  it('reads lon,lat,households with a BOM, CRLF, a missing weight and a trailing blank line', async () => {
    const path = join(tempDir(), 'h.csv');
    writeFileSync(path, '\ufefflon,lat,households\r\n7.1,51.2,3\r\n7.2,51.3,\r\n\r\n');
    const { households, input } = await readHouseholds(path);
    expect(input.features).toBe(2);
    expect([...households.lon]).toEqual([7.1, 7.2]);
    expect([...households.weight]).toEqual([3, 1]);
  });

  it('accepts the columns in any order, and gzip', async () => {
    const path = join(tempDir(), 'h.csv.gz');
    writeFileSync(path, gzipSync('households,lat,lon\n5,51,7\n'));
    const { households } = await readHouseholds(path);
    expect([households.lon[0], households.lat[0], households.weight[0]]).toEqual([7, 51, 5]);
  });

  it('streams rows across chunk boundaries (also inside a multi-byte character) with the same result', async () => {
    const path = join(tempDir(), 'chunks.csv');
    const rows = Array.from(
      { length: 300 },
      (_, k) => `${(6 + k / 300).toFixed(7)},${(51 - k / 1e4).toFixed(5)},${k},Köln – ${k}`,
    );
    writeFileSync(path, `lon,lat,households,name\n${rows.join('\n')}`);
    const whole = await readHouseholdsCsv(path);
    expect(whole.features).toBe(300);
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(whole.digest).toEqual({ sha256, bytes: statSync(path).size });
    expect(whole.households.lon[299]).toBe(Number((6 + 299 / 300).toFixed(7)));
    for (const chunk of [1, 3, 7, 64, 1000]) {
      const part = await readHouseholdsCsv(path, {}, chunk);
      expect([...part.households.lon]).toEqual([...whole.households.lon]);
      expect([...part.households.lat]).toEqual([...whole.households.lat]);
      expect([...part.households.weight]).toEqual([...whole.households.weight]);
      expect(part.digest).toEqual(whole.digest);
    }
  });

  it('parses decimals exactly as Number does', async () => {
    const path = join(tempDir(), 'exact.csv');
    const texts = [
      '7.1',
      '-0.5',
      '51.0000001',
      '179.999999999999',
      '0.1',
      '1e-3',
      '+7.25',
      '7.',
      '.5',
      '12.3456789012345678',
    ];
    writeFileSync(
      path,
      `lon,lat\n${texts.map((t) => `${t},${t === '179.999999999999' ? '0' : t}`).join('\n')}\n`,
    );
    const { households } = await readHouseholdsCsv(path);
    expect([...households.lon]).toEqual(texts.map(Number));
  });

  it.each([
    ['lon|lat\n7|51\n', /line 1: CSV header must name the columns lon and lat/],
    ['lon,lat\n7,abc\n', /line 2, field lat: coordinate must be a finite number \(value: "abc"\)/],
    ['lon,lat,households\n7,51,2.5\n', /line 2, field households: households must be an integer/],
    ['lon,lat\n700000,5700000\n', /line 2, field lon: coordinates out of range.*metres/],
    ['lon,lat\n7\n', /line 2, field lat: row has too few columns/],
    ['', /CSV file is empty/],
    ['lon,lat,households\n7,51,0x10\n', /line 2, field households: households must be an integer.*"0x10"/],
    ['lon,lat\nInfinity,51\n', /line 2, field lon: coordinate must be a finite number/],
  ])('rejects %j with a one-line InputError', async (text, message) => {
    const path = join(tempDir(), 'bad.csv');
    writeFileSync(path, text);
    await expect(readHouseholds(path)).rejects.toThrow(message);
  });
});

describe('household CSV quoting (RFC 4180)', () => {
  it('keeps a quoted separator inside its text column and reads quoted numbers (as GDAL writes CSV)', async () => {
    const path = join(tempDir(), 'quoted.csv');
    writeFileSync(
      path,
      'name,lon,lat,households\n"Müller, Hans",6.96,50.94,2\n"x ""y"", z","7.1","51.2","16"\n',
    );
    const { households } = await readHouseholds(path);
    expect([...households.lon]).toEqual([6.96, 7.1]);
    expect([...households.lat]).toEqual([50.94, 51.2]);
    expect([...households.weight]).toEqual([2, 16]);
  });
});
