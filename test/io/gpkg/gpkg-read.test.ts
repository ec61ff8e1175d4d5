import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../src/errors.js';
import { resolveCrs } from '../../../src/geometry/crs.js';
import { readCoverage } from '../../../src/io/coverage.js';
import { COVERAGE_FORMATS, detectFormat } from '../../../src/io/formats.js';
import { readGeoPackageFeatures } from '../../../src/io/gpkg/features-read.js';
import { readHouseholds } from '../../../src/io/households.js';
import { readRegions } from '../../../src/io/regions.js';
import { itWithGdal } from '../../gdal.js';
import { HAND, HAND_INPUTS, plainGeometry, tempDir } from '../../helpers.js';
import { handLayer, type TestLayer, writeTestGeoPackage } from './build-gpkg.js';

/** The same hand-built scenario as one GeoPackage per role, and all three in one file. */
function handGeoPackages() {
  const dir = tempDir();
  return {
    households: writeTestGeoPackage(join(dir, 'households.gpkg'), [handLayer('households')]),
    coverage: writeTestGeoPackage(join(dir, 'coverage.gpkg'), [handLayer('coverage')]),
    regions: writeTestGeoPackage(join(dir, 'regions.gpkg'), [handLayer('regions')]),
    all: writeTestGeoPackage(join(dir, 'all.gpkg'), [
      handLayer('households', 'homes'),
      handLayer('coverage', 'netz'),
      handLayer('regions', 'kreise'),
    ]),
  };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('GeoPackage as an input', () => {
  it('reads households, coverage and regions as their GeoJSON gives them', async () => {
    const gpkg = handGeoPackages();
    const json = await readHouseholds(HAND_INPUTS.households);
    for (const path of [gpkg.households, `${gpkg.all}:homes`]) {
      const read = await readHouseholds(path);
      expect(read.input.format).toBe('gpkg');
      expect(read.input.path).toBe(path);
      expect(read.households).toEqual(json.households);
    }
    const cov = await readCoverage([`${gpkg.all}:netz`]);
    const covJson = await readCoverage(HAND_INPUTS.coverage);
    expect(cov.coverage).toEqual(covJson.coverage);
    expect(cov.operators).toEqual(covJson.operators);
    const regions = readRegions(`${gpkg.all}:kreise`);
    const regionsJson = readRegions(HAND_INPUTS.regions);
    expect(regions.regions).toEqual(regionsJson.regions);
    expect(regions.input).toMatchObject({
      role: 'regions',
      format: 'gpkg',
      sha256: sha256(gpkg.all),
      bytes: readFileSync(gpkg.all).length,
      features: regionsJson.input.features,
    });
  });

  it('gives properties their column types, the fid as the id, in fid order', () => {
    const path = writeTestGeoPackage(join(tempDir(), 'types.gpkg'), [
      {
        name: 'regions',
        columns: { AGS: 'TEXT', flag: 'BOOLEAN', n: 'INTEGER', x: 'REAL' },
        features: [
          {
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [7, 51],
                  [8, 51],
                  [8, 52],
                  [7, 51],
                ],
              ],
            },
            properties: { AGS: '05111', flag: 1, n: 3, x: 0.5 },
          },
          { geometry: null, properties: { AGS: '05112', flag: 0 } },
        ],
      },
    ]);
    const read = readGeoPackageFeatures(path);
    expect(read.where).toBe(`${path}:regions`);
    expect(read.features.map((f) => [f.index, f.id, { ...f.properties }])).toEqual([
      [0, 1, { AGS: '05111', flag: true, n: 3, x: 0.5 }],
      [1, 2, { AGS: '05112', flag: false, n: null, x: null }],
    ]);
    expect(plainGeometry(read.features[0].geometry)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [7, 51],
          [8, 51],
          [8, 52],
          [7, 51],
        ],
      ],
    });
    // A view is a layer too, by its fid column.
    const db = new Database(path);
    db.exec('CREATE VIEW good AS SELECT fid, geom, AGS FROM regions WHERE geom NOT NULL');
    db.prepare(
      "INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change, srs_id) VALUES ('good', 'features', 'good', '2026-01-01T00:00:00.000Z', 4326)",
    ).run();
    db.prepare("INSERT INTO gpkg_geometry_columns VALUES ('good', 'geom', 'POLYGON', 4326, 0, 0)").run();
    db.close();
    expect(readRegions(`${path}:good`, 'AGS').regions.ids).toEqual(['05111']);
    // Without an id column, a region's id is its fid.
    expect(readRegions(`${path}:regions`, 'id', 'AGS', { invalid: 'skip' }).regions.ids).toEqual(['1']);
  });

  it('reprojects a layer in EPSG:25832 from gpkg_spatial_ref_sys', async () => {
    const utm = resolveCrs('EPSG:25832');
    const project = (p: number[]) => {
      const xy = [p[0], p[1]];
      utm.fromLonLat(xy);
      return xy;
    };
    const homes = handLayer('households');
    const regions = handLayer('regions');
    const projected = (layer: TestLayer): TestLayer => ({
      ...layer,
      srsId: 25832,
      features: layer.features.map((f) => {
        const g = f.geometry as { type: string; coordinates: number[] | number[][][] };
        const coordinates =
          g.type === 'Point'
            ? project(g.coordinates as number[])
            : (g.coordinates as number[][][]).map((ring) => ring.map(project));
        return { ...f, geometry: { type: g.type, coordinates } };
      }),
    });
    const path = writeTestGeoPackage(join(tempDir(), 'utm.gpkg'), [projected(homes), projected(regions)]);
    const read = await readHouseholds(`${path}:households`);
    const json = await readHouseholds(HAND_INPUTS.households);
    expect(read.input.crs).toBe('EPSG:25832');
    expect(read.households.count).toBe(json.households.count);
    for (let k = 0; k < json.households.count; k++) {
      expect(read.households.lon[k]).toBeCloseTo(json.households.lon[k], 9);
      expect(read.households.lat[k]).toBeCloseTo(json.households.lat[k], 9);
    }
    const r = readRegions(`${path}:regions`);
    expect(r.input.crs).toBe('EPSG:25832');
    expect(r.regions.ids).toEqual(readRegions(HAND_INPUTS.regions).regions.ids);
    const coords = readRegions(HAND_INPUTS.regions).regions.polygons.coords;
    r.regions.polygons.coords.forEach((v, k) => {
      expect(v).toBeCloseTo(coords[k], 9);
    });
  });

  it('reads Z and M coordinates as 2D, big-endian WKB and a MultiPoint of one point', async () => {
    const dir = tempDir();
    const box = [
      [
        [7, 51],
        [7.5, 51],
        [7.5, 51.5],
        [7, 51.5],
        [7, 51],
      ],
    ];
    for (const dims of [3, 4] as const) {
      const path = writeTestGeoPackage(join(dir, `z${dims}.gpkg`), [
        {
          name: 'r',
          dims,
          columns: { id: 'TEXT' },
          features: [{ geometry: { type: 'Polygon', coordinates: box }, properties: { id: 'A' } }],
        },
      ]);
      expect(plainGeometry(readGeoPackageFeatures(path).features[0].geometry)).toEqual({
        type: 'Polygon',
        coordinates: box,
      });
    }
    const { geoPackageBlob } = await import('./build-gpkg.js');
    const path = writeTestGeoPackage(join(dir, 'points.gpkg'), [
      {
        name: 'h',
        columns: { households: 'INTEGER' },
        features: [
          {
            geometry: geoPackageBlob({ type: 'Point', coordinates: [7.25, 51.25] }, 4326, 2, true),
            properties: { households: 2 },
          },
          { geometry: { type: 'MultiPoint', coordinates: [[7.5, 51.5]] }, properties: {} },
        ],
      },
    ]);
    const read = await readHouseholds(path);
    expect([...read.households.lon]).toEqual([7.25, 7.5]);
    expect([...read.households.weight]).toEqual([2, 1]);
  });

  it('is told by its SQLite magic when the name does not say', () => {
    const gpkg = handGeoPackages();
    const plain = join(tempDir(), 'coverage-without-extension');
    copyFileSync(gpkg.coverage, plain);
    expect(detectFormat(plain, COVERAGE_FORMATS)).toBe('gpkg');
    expect(detectFormat(`${gpkg.all}:netz`, COVERAGE_FORMATS)).toBe('gpkg');
  });

  itWithGdal('reads what ogr2ogr writes: each role, a projected layer, and refuses its curves', async () => {
    const dir = tempDir();
    const ogr2ogr = (...args: string[]) => {
      const run = spawnSync('ogr2ogr', args, { encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    };
    const path = join(dir, 'gdal.gpkg');
    ogr2ogr('-f', 'GPKG', path, `${HAND}households.geojson`, '-nln', 'households');
    for (const role of ['coverage', 'regions'])
      ogr2ogr('-f', 'GPKG', '-update', path, `${HAND}${role}.geojson`, '-nln', role);
    ogr2ogr('-f', 'GPKG', '-update', path, `${HAND}regions.geojson`, '-nln', 'utm', '-t_srs', 'EPSG:25832');
    ogr2ogr(
      '-f',
      'GPKG',
      '-update',
      path,
      `${HAND}regions.geojson`,
      '-nln',
      'curved',
      '-nlt',
      'CURVEPOLYGON',
    );
    expect((await readHouseholds(`${path}:households`)).households).toEqual(
      (await readHouseholds(HAND_INPUTS.households)).households,
    );
    expect((await readCoverage([`${path}:coverage`])).coverage).toEqual(
      (await readCoverage(HAND_INPUTS.coverage)).coverage,
    );
    const regions = readRegions(HAND_INPUTS.regions).regions;
    expect(readRegions(`${path}:regions`).regions).toEqual(regions);
    const utm = readRegions(`${path}:utm`);
    expect(utm.input.crs).toBe('EPSG:25832');
    utm.regions.polygons.coords.forEach((v, k) => {
      expect(v).toBeCloseTo(regions.polygons.coords[k], 9);
    });
    let message = '';
    try {
      readRegions(`${path}:curved`);
    } catch (error) {
      if (!isInputError(error)) throw error;
      message = error.message;
    }
    expect(message).toMatch(/gdal\.gpkg:curved, feature 0.*CurvePolygon is not supported.*CONVERT_TO_LINEAR/);
  });
});
