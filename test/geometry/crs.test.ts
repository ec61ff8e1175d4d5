import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCrs, WGS84 } from '../../src/geometry/crs.js';
import { laeaForward } from '../../src/geometry/laea.js';
import { readRegions } from '../../src/io/regions.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { DATA, featureCollection, tempDir } from '../helpers.js';

const CRS = new URL('../fixtures/crs/', import.meta.url).pathname;

describe('CRS', () => {
  it.each([
    ['EPSG:25832', 'EPSG:25832'],
    ['25832', 'EPSG:25832'],
    ['urn:ogc:def:crs:EPSG::25832', 'EPSG:25832'],
    ['http://www.opengis.net/def/crs/EPSG/0/3035', 'EPSG:3035'],
    ['epsg:3035', 'EPSG:3035'],
  ])('names %s as %s', (spec, name) => {
    expect(resolveCrs(spec).name).toBe(name);
  });

  it.each(['EPSG:4326', 'OGC:CRS84', 'urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4258'])(
    'takes %s as lon/lat',
    (spec) => {
      expect(resolveCrs(spec)).toBe(WGS84);
    },
  );

  it('refuses an unknown code and nonsense with a one-line hint', () => {
    expect(() => resolveCrs('EPSG:2056', { field: '--input-crs' })).toThrow(
      /field --input-crs: unknown CRS EPSG:2056 \(value: "EPSG:2056"\) — known: .*EPSG:25832.*or give --input-crs a proj4 string/,
    );
    expect(() => resolveCrs('WGS 84 / UTM')).toThrow(/unrecognised CRS/);
  });

  it('EPSG:3035 agrees with the exact LAEA used for areas (< 1 mm); EPSG:25832 with a known point', () => {
    const crs = resolveCrs('EPSG:3035');
    const out = new Float64Array(2);
    for (const [lon, lat] of [
      [6.96, 50.94],
      [7.47, 51.51],
      [9.44, 51.83],
    ]) {
      laeaForward(lon, lat, out);
      const xy = [out[0], out[1]];
      crs.toLonLat(xy);
      expect(Math.abs(xy[0] - lon)).toBeLessThan(1e-8);
      expect(Math.abs(xy[1] - lat)).toBeLessThan(1e-8);
    }
    // Kölner Dom in ETRS89 / UTM 32N as GDAL 3.6 (PROJ) gives it:
    // echo "6.9583 50.9413" | gdaltransform -s_srs OGC:CRS84 -t_srs EPSG:25832
    const utm = resolveCrs('EPSG:25832');
    const dom = [6.9583, 50.9413];
    utm.fromLonLat(dom);
    expect(Math.abs(dom[0] - 356560.260003803)).toBeLessThan(0.001);
    expect(Math.abs(dom[1] - 5645282.13591792)).toBeLessThan(0.001);
  });

  it('GDAL-written GeoJSON in EPSG:25832 and EPSG:3035 (legacy crs member) reads like lon/lat', () => {
    const lonlat = readRegions(`${CRS}kreise-3-4326.geojson`, 'AGS', 'GN');
    for (const file of ['kreise-3-25832.geojson', 'kreise-3-3035.geojson']) {
      const projected = readRegions(CRS + file, 'AGS', 'GN');
      expect(projected.input.crs).toMatch(/^EPSG:(25832|3035)$/);
      const a = lonlat.regions.polygons.coords;
      const b = projected.regions.polygons.coords;
      expect(b.length).toBe(a.length);
      // GDAL wrote millimetres: the round trip is within 1e-7° (1 cm).
      let worst = 0;
      for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
      expect(worst).toBeLessThan(1e-7);
    }
  });

  it('--input-crs applies to files without a crs member; the summary records it', async () => {
    const dir = tempDir();
    // Two households in Essen, given in EPSG:25832 metres.
    const essen = [
      [363_000, 5_700_000],
      [367_500, 5_703_000],
    ];
    const households = join(dir, 'households.geojson');
    writeFileSync(
      households,
      featureCollection(
        essen.map((c) => ({
          type: 'Feature',
          properties: { households: 2 },
          geometry: { type: 'Point', coordinates: c },
        })),
      ),
    );
    // Coverage in the same CRS: a 10 km LTE square over Essen.
    const coverage = join(dir, 'coverage.geojson');
    const square = [
      [360_000, 5_695_000],
      [370_000, 5_695_000],
      [370_000, 5_705_000],
      [360_000, 5_705_000],
      [360_000, 5_695_000],
    ];
    writeFileSync(
      coverage,
      featureCollection([
        {
          type: 'Feature',
          properties: { operator: 'A', technology: 'LTE' },
          geometry: { type: 'Polygon', coordinates: [square] },
        },
      ]),
    );
    const result = await analyze({
      households,
      coverage: [coverage],
      regions: `${CRS}kreise-3-25832.geojson`,
      regionId: 'AGS',
      regionName: 'GN',
      workers: 0,
      read: { inputCrs: resolveCrs('EPSG:25832') },
    });
    const essenStats = result.summary.regions.find((r) => r.id === '05113000');
    expect(essenStats?.households).toBe(4);
    expect(essenStats?.households_lte).toBe(4);
    expect(result.summary.inputs.map((i) => i.crs)).toEqual(['EPSG:25832', 'EPSG:25832', 'EPSG:25832']);
  });

  it('--input-crs on a file that holds lon/lat degrees is refused, not turned into the Gulf of Guinea', async () => {
    await expect(
      analyze({
        households: `${DATA}households.csv.gz`,
        coverage: [`${DATA}coverage-synthetic.geojson.gz`],
        regions: `${CRS}kreise-3-4326.geojson`,
        workers: 0,
        read: { inputCrs: resolveCrs('EPSG:25832', { field: '--input-crs' }) },
      }),
    ).rejects.toThrow(
      /coverage-synthetic.geojson.gz, feature 0, .*: coordinates look like lon\/lat degrees, but --input-crs says EPSG:25832/,
    );
  });
});

describe('lon/lat on another datum', () => {
  it('is shifted to WGS84 like a projected CRS (DHDN, as GDAL does it)', async () => {
    const dhdn = resolveCrs(
      '+proj=longlat +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +no_defs',
      { field: '--input-crs' },
    );
    expect(dhdn.geographic).toBe(false);
    expect(dhdn.degrees).toBe(true);
    const dir = tempDir();
    const households = join(dir, 'h.geojson');
    writeFileSync(
      households,
      featureCollection([
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [7, 51] } },
      ]),
    );
    const { readHouseholds } = await import('../../src/io/households.js');
    const read = await readHouseholds(households, { inputCrs: dhdn });
    // echo "7 51" | gdaltransform -s_srs "<the proj string>" -t_srs OGC:CRS84 → 6.99925169595761 50.9987342053962
    expect(Math.abs(read.households.lon[0] - 6.99925169595761)).toBeLessThan(1e-8);
    expect(Math.abs(read.households.lat[0] - 50.9987342053962)).toBeLessThan(1e-8);
    expect(read.input.crs).toMatch(/^\+proj=longlat/);
  });
});
