import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../src/geometry/crs.js';
import { readHouseholds } from '../../src/io/households.js';
import { parseGridId, readZensusHouseholds, roundHalfEven } from '../../src/io/zensus/grid-read.js';
import { tempDir } from '../helpers.js';

const FIXTURES = new URL('../fixtures/zensus/', import.meta.url).pathname;

/** EPSG:3035 centres to lon/lat with proj4, the independent reference for the reader's LAEA inverse (they differ by ~2e-9°, 0.2 mm: proj4 uses a series). */
function lonLatOf(...xy: number[]): number[] {
  const out = Float64Array.from(xy);
  resolveCrs('EPSG:3035').toLonLat(out);
  return Array.from(out);
}

function pointsOf(read: Awaited<ReturnType<typeof readZensusHouseholds>>) {
  const { lon, lat, weight, count } = read.households;
  return Array.from({ length: count }, (_, i) => ({ lon: lon[i], lat: lat[i], weight: weight[i] }));
}

function expectAt(points: { lon: number; lat: number }[], centres: number[]): void {
  const expected = lonLatOf(...centres);
  expect(points).toHaveLength(centres.length / 2);
  points.forEach((p, i) => {
    expect(p.lon).toBeCloseTo(expected[2 * i], 8);
    expect(p.lat).toBeCloseTo(expected[2 * i + 1], 8);
  });
}

describe('Zensus grid CSV households', () => {
  it('reads the 2022 100 m layout: ";", decimal comma, Windows-1252 en dash, population ÷ own size', async () => {
    const read = await readZensusHouseholds(`${FIXTURES}zensus2022-100m-cp1252.csv`, {});
    const points = pointsOf(read);
    // 12 ÷ 2.4 = 5; 7 ÷ 2.8 = 2.5 → 2 (half to even); 33 ÷ 1.5 = 22; 0 persons → 0 households.
    expect(points.map((p) => p.weight)).toEqual([5, 2, 22, 0]);
    expectAt(points, [4107350, 3096550, 4107450, 3096550, 4107550, 3096750, 4107650, 3096750]);
    expect(read.features).toBe(6);
    expect(read.crs).toBe('EPSG:3035');
    expect(read.skipped).toEqual({
      reasons: { 'suppressed-value': 1, 'no-household-size': 1 },
      households: 0,
    });
  });

  it('falls back to --household-size where a cell has population but no size of its own', async () => {
    const read = await readZensusHouseholds(`${FIXTURES}zensus2022-100m-cp1252.csv`, { householdSize: 2 });
    // 9 ÷ 2 = 4.5 → 4.
    expect(pointsOf(read).map((p) => p.weight)).toEqual([5, 2, 4, 22, 0]);
    expect(read.skipped).toEqual({ reasons: { 'suppressed-value': 1 }, households: 0 });
  });

  it('reads the 2011 1 km layout, households from households_est_derived', async () => {
    const read = await readZensusHouseholds(`${FIXTURES}zensus2011-1km.csv`, {});
    const points = pointsOf(read);
    expect(points.map((p) => p.weight)).toEqual([5, 2, 12, 36, 4, 2]);
    expectAt(
      points,
      [
        4065500, 3030500, 4064500, 3032500, 4071500, 3032500, 4063500, 3033500, 4073500, 3036500, 4081500,
        3040500,
      ],
    );
    expect(read.features).toBe(18);
    // Blank rows and the size-only row are suppressed; the "secret" and "no_value" rows have population but no size.
    expect(read.skipped).toEqual({
      reasons: { 'suppressed-value': 10, 'no-household-size': 2 },
      households: 0,
    });
    const withSize = await readZensusHouseholds(`${FIXTURES}zensus2011-1km.csv`, { householdSize: 2 });
    // 12 ÷ 2 = 6 and 3 ÷ 2 = 1.5 → 2.
    expect(pointsOf(withSize).map((p) => p.weight)).toEqual([5, 2, 12, 6, 36, 4, 2, 2]);
  });

  it('places cells by their id when there are no centre columns, and takes -1, – and - as suppressed', async () => {
    const path = `${FIXTURES}zensus2011-100m-ids-utf8.csv`;
    await expect(readZensusHouseholds(path, {})).rejects.toThrow(/read\.householdSize/);
    const read = await readZensusHouseholds(path, { householdSize: 2 });
    const points = pointsOf(read);
    expect(points.map((p) => p.weight)).toEqual([5, 2]);
    expectAt(points, [4107350, 3096550, 4107350, 3096650]);
    expect(read.features).toBe(5);
    expect(read.skipped).toEqual({ reasons: { 'suppressed-value': 3 }, households: 0 });
    // Detected by its header through readHouseholds, gzipped as well.
    const gz = join(tempDir(), 'grid.csv.gz');
    writeFileSync(gz, gzipSync(Buffer.from(`GITTER_ID_100m;Einwohner\nCRS3035RES100mN3096500E4107300;10\n`)));
    const viaFormat = await readHouseholds(gz, { householdSize: 2.5 });
    expect(viaFormat.input.format).toBe('zensus');
    expect(viaFormat.households.weight[0]).toBe(4);
  });

  it('recognises column names with umlauts in Windows-1252 and UTF-8', async () => {
    for (const encoding of ['latin1', 'utf8'] as const) {
      const path = join(tempDir(), 'umlauts.csv');
      const text = 'Gitter_ID_1km;Einwohner;Durchschnittliche Haushaltsgröße\n1kmN3030E4065;9;1,8\n';
      writeFileSync(path, Buffer.from(text, encoding));
      expect(pointsOf(await readZensusHouseholds(path, {})).map((p) => p.weight)).toEqual([5]);
    }
  });

  it('parses both id forms and rounds halves to even', async () => {
    expect(parseGridId('CRS3035RES1000mN3030000E4065000')).toEqual({
      size: 1000,
      north: 3030000,
      east: 4065000,
    });
    expect(parseGridId('1kmN3030E4065')).toEqual({ size: 1000, north: 3030000, east: 4065000 });
    expect(parseGridId('100mN30300E40650')).toEqual({ size: 100, north: 3030000, east: 4065000 });
    expect(parseGridId('N3030E4065')).toBeUndefined();
    expect([0.5, 1.5, 2.5, 2.4, 2.6, 3].map(roundHalfEven)).toEqual([0, 2, 2, 2, 3, 3]);
  });

  it('names line, field and value of a bad cell in one line', async () => {
    const dir = tempDir();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const bad = write(
      'bad.csv',
      'GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner;durchschnHHGroesse\n' +
        'CRS3035RES100mN3096500E4107300;4107350;3096550;12;2,4\n' +
        'CRS3035RES100mN3096500E4107400;4107450;3096550;zwölf;2,4\n',
    );
    await expect(readZensusHouseholds(bad, {})).rejects.toThrow(
      /bad\.csv, line 3, field Einwohner: not a number .*\(value: "zwölf"\)$/,
    );
    const degrees = write('deg.csv', 'Gitter_ID_1km,x_mp_1km,y_mp_1km,households\nx,6.9,50.9,3\n');
    await expect(readZensusHouseholds(degrees, {})).rejects.toThrow(
      /line 2, field x_mp_1km: .*look like degrees/,
    );
    const noPosition = write('nopos.csv', 'einwohner;haushalte\n3;1\n');
    await expect(readZensusHouseholds(noPosition, {})).rejects.toThrow(
      /line 1: .*x_mp…,y_mp… or a Gitter_ID/,
    );
    const fraction = write('frac.csv', 'Gitter_ID_1km;Haushalte\n1kmN3030E4065;2,5\n');
    await expect(readZensusHouseholds(fraction, {})).rejects.toThrow(
      /line 2, field Haushalte: households must be an integer/,
    );
    const short = write('short.csv', 'Gitter_ID_1km;Einwohner;hh_groesse_d\n1kmN3030E4065;3\n');
    await expect(readZensusHouseholds(short, {})).rejects.toThrow(/line 2: row has 2 fields, the header 3/);
    const badId = write('id.csv', 'Gitter_ID_1km;Haushalte\nN3030E4065;2\n');
    await expect(readZensusHouseholds(badId, {})).rejects.toThrow(
      /field Gitter_ID_1km: not a Zensus grid cell id/,
    );
  });
});
