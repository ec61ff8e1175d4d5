import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../src/geometry/crs.js';
import { readHouseholdsCsv } from '../../src/io/csv/households-read.js';
import { CsvRecords } from '../../src/io/csv/records.js';
import { readHouseholds } from '../../src/io/households.js';
import { tempDir } from '../helpers.js';

/** The records CsvRecords finds in `text` fed in chunks of `chunk` bytes: [first line, text]. */
function records(text: string, chunk: number): [number, string][] {
  const found: [number, string][] = [];
  const splitter = new CsvRecords('t.csv', (bytes, start, end, line) => {
    found.push([line, bytes.toString('utf8', start, end)]);
  });
  splitter.separator = 44;
  const bytes = Buffer.from(text);
  for (let k = 0; k < bytes.length; k += chunk) splitter.feed(bytes.subarray(k, k + chunk));
  splitter.finish();
  return found;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const write = (name: string, content: string | Buffer) => {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
};

describe('CSV line ends and quoting', () => {
  const rows = ['lon,lat,households', '7.01,51.01,2', '7.2,51.1,3', '7.1,51.05,4'];
  const styles: [string, string][] = [
    ['LF', rows.join('\n')],
    ['CRLF', `${rows.join('\r\n')}\r\n`],
    ['CR (classic Mac)', `${rows.join('\r')}\r`],
    ['mixed', `${rows[0]}\r\n${rows[1]}\r${rows[2]}\n${rows[3]}\r\n\r\n`],
  ];

  it.each(styles)('%s: three households, in any chunk size', async (_, text) => {
    const path = write('ends.csv', text);
    for (const chunk of [1, 2, 3, 5, 64, 1 << 20]) {
      const { households, features } = await readHouseholdsCsv(path, {}, chunk);
      expect(features).toBe(3);
      expect([...households.weight]).toEqual([2, 3, 4]);
      expect([...households.lon]).toEqual([7.01, 7.2, 7.1]);
    }
  });

  it('counts lines as a text editor does: a quoted line break is a line, CRLF one, a lone CR one', () => {
    const text = 'a,b\r\n1,"x\r\ny"\r2,"p\rq\nr"\n3,""""\r\n4,"a,b"';
    for (const chunk of [1, 2, 3, 7, 100])
      expect(records(text, chunk)).toEqual([
        [1, 'a,b'],
        [2, '1,"x\r\ny"'],
        [4, '2,"p\rq\nr"'],
        [7, '3,""""'],
        [8, '4,"a,b"'],
      ]);
  });

  it('a quote inside an unquoted field is text: it does not swallow the next lines', () => {
    expect(records('name,n\nMüller 5" Zoll,1\nx,2\n', 4).map((r) => r[0])).toEqual([1, 2, 3]);
  });

  it('names the first line of a record after quoted line breaks in its error', async () => {
    const path = write('q.csv', 'lon,lat,note\r7.1,51.1,"a\rb\rc"\r7.2,north,x\r');
    await expect(readHouseholdsCsv(path, {}, 3)).rejects.toThrow(/q\.csv, line 5, field lat: .*"north"/);
  });

  it('under --invalid skip a quoted line break is never a phantom household', async () => {
    const text = 'lon,lat,households,note\n7.1,51.1,2,"line one\nline two\n7.3,51.3,9"\n7.2,51.2,-1,x\n';
    const read = await readHouseholdsCsv(write('p.csv', text), { invalid: 'skip' }, 5);
    expect(read.features).toBe(2);
    expect([...read.households.weight]).toEqual([2]);
    expect(read.skipped?.reasons).toEqual({ 'bad-households': 1 });
  });

  it('refuses a quote never closed, and a record longer than 16 MB, with one line', async () => {
    const open = write('open.csv', 'lon,lat,note\n7,51,ok\n7,51,"open\r\n7,51,x\n');
    await expect(readHouseholdsCsv(open, { invalid: 'skip' })).rejects.toThrow(
      /open\.csv, line 3: a quoted field is not closed before the end of the file/,
    );
    const long = write('long.csv', `lon,lat\n7,51,"${'x'.repeat(17 << 20)}"\n`);
    await expect(readHouseholdsCsv(long)).rejects.toThrow(
      /long\.csv, line 2: record is longer than 16777216 bytes — a quote/,
    );
  });
});

describe('ogr2ogr exports: X,Y columns and numbers as strings', () => {
  it('takes X,Y in --input-crs (metres of EPSG:25832) and lon,lat always as degrees', async () => {
    const metres = write('xy.csv', 'X,Y,households\n360398.34,5652821.59,2\n373970.78,5662486.25,3\n');
    const crs = resolveCrs('EPSG:25832');
    const read = await readHouseholds(metres, { inputCrs: crs });
    expect(read.input.crs).toBe('EPSG:25832');
    expect(read.households.lon[0]).toBeCloseTo(7.01, 6);
    expect(read.households.lat[1]).toBeCloseTo(51.1, 6);
    const degrees = write('ll.csv', 'lon,lat,X,Y\n7.01,51.01,1,2\n');
    const lonLat = await readHouseholds(degrees, { inputCrs: crs });
    expect([lonLat.households.lon[0], lonLat.input.crs]).toEqual([7.01, undefined]);
    const lower = write('lower.csv', 'x;y\n7,01;51,01\n');
    expect((await readHouseholds(lower)).households.lon[0]).toBe(7.01);
  });

  it('says which CRS to give for metres, and refuses X,Y that do not transform', async () => {
    const metres = write('m.csv', 'x,y\n360398.34,5652821.59\n');
    await expect(readHouseholds(metres)).rejects.toThrow(
      /line 2, field x: coordinates out of range .* — these look like metres in a projected CRS: give their CRS with read.householdsCrs/,
    );
    const far = write('far.csv', 'X,Y\n1e12,5652821.59\n');
    await expect(readHouseholds(far, { inputCrs: resolveCrs('EPSG:25832') })).rejects.toThrow(
      /far\.csv, line 2: X, Y cannot be transformed from EPSG:25832 to lon\/lat/,
    );
  });

  it('takes GeoJSON households written as whole-number strings, trimmed; refuses other strings', async () => {
    const feature = (households: unknown) => ({
      type: 'Feature',
      properties: { households },
      geometry: { type: 'Point', coordinates: [7, 51] },
    });
    const path = (values: unknown[]) =>
      write('s.geojson', JSON.stringify({ type: 'FeatureCollection', features: values.map(feature) }));
    const read = await readHouseholds(path(['9', ' 12 ', '0', '4294967295', 3]));
    expect([...read.households.weight]).toEqual([9, 12, 0, 4294967295, 3]);
    for (const bad of ['9.5', 'abc', '', '-1', '1e3', '0x10', '4294967296', '+5'])
      await expect(readHouseholds(path([bad]))).rejects.toThrow(
        new RegExp(
          `feature 0, field properties.households: .*\\(value: ${escapeRegExp(JSON.stringify(bad))}\\)`,
        ),
      );
  });
});
