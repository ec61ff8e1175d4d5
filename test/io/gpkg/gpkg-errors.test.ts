import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../src/errors.js';
import { readCoverage } from '../../../src/io/coverage.js';
import { readHouseholds } from '../../../src/io/households.js';
import { readRegions } from '../../../src/io/regions.js';
import { tempDir } from '../../helpers.js';
import { geoPackageBlob, writeTestGeoPackage } from './build-gpkg.js';

/** The one-line message of the InputError `read` throws or rejects with. */
async function inputError(read: () => unknown): Promise<string> {
  try {
    await read();
  } catch (error) {
    if (!isInputError(error)) throw error;
    expect(error.message).not.toContain('\n');
    return error.message;
  }
  throw new Error('expected an InputError');
}

const box = [
  [
    [7, 51],
    [7.5, 51],
    [7.5, 51.5],
    [7, 51.5],
    [7, 51],
  ],
];
const region = (id: string) => ({ geometry: { type: 'Polygon', coordinates: box }, properties: { id } });

/** A CircularString (WKB type 8) in a GeoPackage blob. */
function curveBlob(type = 8): Buffer {
  const wkb = Buffer.alloc(9 + 48);
  wkb[0] = 1;
  wkb.writeUInt32LE(type, 1);
  wkb.writeUInt32LE(3, 5);
  [7, 51, 7.5, 51.5, 8, 51].forEach((v, k) => {
    wkb.writeDoubleLE(v, 9 + 8 * k);
  });
  return Buffer.concat([Buffer.from([0x47, 0x50, 0, 1, 0xe6, 0x10, 0, 0]), wkb]);
}

describe('GeoPackage input errors: one line naming file:layer, feature (fid), field and value', () => {
  const dir = tempDir();
  const two = writeTestGeoPackage(join(dir, 'two.gpkg'), [
    { name: 'kreise', features: [region('K1')] },
    { name: 'gemeinden', features: [region('G1')] },
  ]);

  it('refuses a layer it does not have, and several layers without :LAYER', async () => {
    expect(await inputError(() => readRegions(`${two}:laender`))).toMatch(
      /two\.gpkg.*no such feature layer.*"laender".*its layers: gemeinden, kreise/,
    );
    expect(await inputError(() => readRegions(two))).toMatch(
      /two\.gpkg.*2 feature layers: name one.*two\.gpkg:LAYER, one of gemeinden, kreise/,
    );
    expect(readRegions(`${two}:KREISE`).regions.ids).toEqual(['K1']);
  });

  it('refuses curves with a hint, naming the feature', async () => {
    const path = writeTestGeoPackage(join(dir, 'curve.gpkg'), [
      {
        name: 'netz',
        columns: { operator: 'TEXT', technology: 'TEXT' },
        features: [
          {
            geometry: { type: 'Polygon', coordinates: box },
            properties: { operator: 'A', technology: 'LTE' },
          },
          { geometry: curveBlob(10), properties: { operator: 'A', technology: 'LTE' } },
        ],
      },
    ]);
    expect(await inputError(() => readCoverage([path]))).toMatch(
      /curve\.gpkg:netz.*feature 1.*CurvePolygon is not supported.*ogr2ogr -nlt CONVERT_TO_LINEAR/,
    );
    const line = writeTestGeoPackage(join(dir, 'arc.gpkg'), [
      { name: 'r', features: [{ geometry: curveBlob(8), properties: { id: 'X' } }] },
    ]);
    expect(await inputError(() => readRegions(line))).toMatch(/CircularString is not supported/);
  });

  it('names a bad households value, and skips it under --invalid=skip', async () => {
    const path = writeTestGeoPackage(join(dir, 'homes.gpkg'), [
      {
        name: 'homes',
        columns: { households: 'INTEGER' },
        features: [
          { geometry: { type: 'Point', coordinates: [7.1, 51.1] }, properties: { households: 4 } },
          { geometry: { type: 'Point', coordinates: [7.2, 51.2] }, properties: { households: 'viele' } },
        ],
      },
    ]);
    expect(await inputError(() => readHouseholds(path))).toMatch(
      /homes\.gpkg:homes.*feature 1.*id 2.*households.*"viele"/,
    );
    const skipped = await readHouseholds(path, { invalid: 'skip' });
    expect(skipped.households.count).toBe(1);
    expect(skipped.input.skipped?.reasons).toEqual({ 'bad-households': 1 });
  });

  it('names an empty geometry, and one that is missing', async () => {
    const points = writeTestGeoPackage(join(dir, 'empty-point.gpkg'), [
      {
        name: 'h',
        columns: { households: 'INTEGER' },
        features: [
          { geometry: geoPackageBlob({ type: 'Point', coordinates: [] }), properties: { households: 3 } },
        ],
      },
    ]);
    expect(await inputError(() => readHouseholds(points))).toMatch(
      /empty-point\.gpkg:h.*feature 0.*the point is empty/,
    );
    const polygons = writeTestGeoPackage(join(dir, 'empty-polygon.gpkg'), [
      {
        name: 'r',
        features: [
          region('A'),
          { geometry: { type: 'Polygon', coordinates: [] }, properties: { id: 'B' } },
          { geometry: null, properties: { id: 'C' } },
        ],
      },
    ]);
    expect(await inputError(() => readRegions(polygons))).toMatch(
      /empty-polygon\.gpkg:r.*feature 1.*needs at least one ring/,
    );
    const read = readRegions(polygons, 'id', undefined, { invalid: 'skip' });
    expect(read.regions.ids).toEqual(['A']);
    expect(read.input.skipped?.reasons).toEqual({ 'empty-geometry': 1, 'no-geometry': 1 });
  });

  it('refuses an SQLite file that is no GeoPackage, a file that is no database, a gzipped one', async () => {
    const plain = join(dir, 'plain.gpkg');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(await inputError(() => readRegions(plain))).toMatch(/plain\.gpkg.*not a GeoPackage/);
    const text = join(dir, 'text.gpkg');
    writeFileSync(text, 'this is no database, just text that is long enough to be read as a header page');
    expect(await inputError(() => readRegions(text))).toMatch(
      /text\.gpkg.*cannot read the GeoPackage \(SQLITE_NOTADB/,
    );
    const gz = join(dir, 'two.gpkg.gz');
    const { readFileSync } = await import('node:fs');
    writeFileSync(gz, gzipSync(readFileSync(two)));
    expect(await inputError(() => readRegions(gz))).toMatch(/cannot be gzipped.*gunzip it first/);
    expect(await inputError(() => readRegions(join(dir, 'missing.gpkg')))).toMatch(
      /missing\.gpkg.*file not found/,
    );
  });

  it('refuses a CRS it does not know', async () => {
    const path = writeTestGeoPackage(join(dir, 'dhdn.gpkg'), [
      { name: 'r', srsId: 31467, features: [region('A')] },
    ]);
    expect(readRegions(path).input.crs).toBe('EPSG:31467');
    const db = new Database(path);
    db.prepare('UPDATE gpkg_spatial_ref_sys SET organization_coordsys_id = 2056 WHERE srs_id = 31467').run();
    db.close();
    expect(await inputError(() => readRegions(path))).toMatch(/dhdn\.gpkg:r.*unknown CRS EPSG:2056/);
  });
});
