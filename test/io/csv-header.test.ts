import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { headerFields } from '../../src/io/csv/fields.js';
import { readHouseholdsCsv } from '../../src/io/csv/households-read.js';
import { detectFormat, HOUSEHOLDS_FORMATS } from '../../src/io/formats.js';
import { tempDir } from '../helpers.js';

describe('CSV headers with quoted names', () => {
  it.each([
    ['"Name, Vorname",lon,lat,households', ',', ['Name, Vorname', 'lon', 'lat', 'households']],
    ['"Name; Vorname";lon;lat;households', ';', ['Name; Vorname', 'lon', 'lat', 'households']],
    ['"a ""quoted"" name",lon,"lat"', ',', ['a "quoted" name', 'lon', 'lat']],
    ['\ufefflon;lat', ';', ['lon', 'lat']],
  ])('%s: separator %s', (line, separator, names) => {
    expect(headerFields(line)).toEqual({ names, separator });
  });

  it('a quoted name with the separator does not shift the columns (it put every point outside)', async () => {
    const path = join(tempDir(), 'named.csv');
    writeFileSync(
      path,
      '"Name, Vorname",lon,lat,households\n"Müller, Hans",7.05,51.05,2\n"Schmidt, Eva",7.1,51.2,3\n',
    );
    const read = await readHouseholdsCsv(path);
    expect([...read.households.lon]).toEqual([7.05, 7.1]);
    expect([...read.households.lat]).toEqual([51.05, 51.2]);
    expect([...read.households.weight]).toEqual([2, 3]);
    const semicolons = join(tempDir(), 'named-de.csv');
    writeFileSync(semicolons, '"Name; Vorname";lon;lat;households\n"Müller; Hans";7,05;51,05;2\n');
    expect([...(await readHouseholdsCsv(semicolons)).households.lon]).toEqual([7.05]);
  });
});

describe('format detection of a gzip bomb', () => {
  it('inflates only what it needs to tell the format', () => {
    // 256 MiB of line ends in ~250 KB: the whole head inflated once took ~64 MB and 67 M strings.
    const path = join(tempDir(), 'bomb');
    writeFileSync(path, gzipSync(Buffer.concat([Buffer.from('lon,lat\n'), Buffer.alloc(256 << 20, 10)])));
    const before = process.memoryUsage().rss;
    expect(detectFormat(path, HOUSEHOLDS_FORMATS)).toBe('csv');
    expect(process.memoryUsage().rss - before).toBeLessThan(32 << 20);
  });
});
