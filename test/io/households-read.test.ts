import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readHouseholds } from '../../src/io/households-read.js';
import { textLines } from '../../src/io/text-lines.js';
import { tempDir } from '../helpers.js';

describe('household CSV', () => {
  it('reads lon,lat,households with a BOM, CRLF, a missing weight and a trailing blank line', () => {
    const path = join(tempDir(), 'h.csv');
    writeFileSync(path, '\ufefflon,lat,households\r\n7.1,51.2,3\r\n7.2,51.3,\r\n\r\n');
    const { households, features } = readHouseholds(path);
    expect(features).toBe(2);
    expect([...households.lon]).toEqual([7.1, 7.2]);
    expect([...households.weight]).toEqual([3, 1]);
  });

  it('accepts the columns in any order, and gzip', () => {
    const path = join(tempDir(), 'h.csv.gz');
    writeFileSync(path, gzipSync('households,lat,lon\n5,51,7\n'));
    const { households } = readHouseholds(path);
    expect([households.lon[0], households.lat[0], households.weight[0]]).toEqual([7, 51, 5]);
  });

  it('streams lines across chunk boundaries, even inside a multi-byte character', () => {
    const path = join(tempDir(), 'lines.txt');
    const lines = Array.from({ length: 500 }, (_, k) => `Zeile ${k} – Köln`);
    writeFileSync(path, lines.join('\n'));
    for (const chunk of [1, 3, 7, 64]) expect([...textLines(path, chunk)]).toEqual(lines);
  });

  it.each([
    [
      'lon;lat\n7;51\n',
      /line 1: CSV header must name the columns lon and lat.*the separator must be a comma/,
    ],
    ['lon,lat\n7,abc\n', /line 2, field lat: coordinate must be a finite number \(value: "abc"\)/],
    ['lon,lat,households\n7,51,2.5\n', /line 2, field households: households must be an integer/],
    ['lon,lat\n700000,5700000\n', /line 2, field lon,lat: coordinates out of range/],
    ['', /CSV file is empty/],
  ])('rejects %j with a one-line InputError', (text, message) => {
    const path = join(tempDir(), 'bad.csv');
    writeFileSync(path, text);
    expect(() => readHouseholds(path)).toThrow(message);
  });
});
