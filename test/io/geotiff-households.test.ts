import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../src/geometry/crs.js';
import { readGeoTiffHouseholds } from '../../src/io/geotiff/households-read.js';
import { readHouseholds } from '../../src/io/households.js';
import type { Households } from '../../src/model/households.js';

const TIFF = new URL('../fixtures/geotiff/', import.meta.url).pathname;

/** Cell values as written by scripts/fixtures/make-geotiff-fixtures.sh (rows north to south). */
const HOUSEHOLDS_3035 = [
  [3, 0, -1, 12],
  [1, -1, 7, 0],
  [250, 2, 0, 5],
];

/** The centre of cell (c, r) of a north-up grid, in lon/lat: [lon, lat, weight] per expected point. */
function centres(
  crs: string,
  x0: number,
  y0: number,
  cell: number,
  cells: readonly [number, number, number][],
): number[][] {
  const xy = new Float64Array(cells.flatMap(([c, r]) => [x0 + (c + 0.5) * cell, y0 - (r + 0.5) * cell]));
  resolveCrs(crs).toLonLat(xy);
  return cells.map(([, , w], k) => [xy[2 * k], xy[2 * k + 1], w]);
}

function points(read: { households: Households }): number[][] {
  const { lon, lat, weight, count } = read.households;
  return Array.from({ length: count }, (_, k) => [lon[k], lat[k], weight[k]]);
}

describe('GeoTIFF household rasters', () => {
  it('gives one weighted point per cell with households at its centre (EPSG:3035, Int32, nodata -1)', async () => {
    const path = `${TIFF}households-3035.tif`;
    const read = await readHouseholds(path);
    const cells: [number, number, number][] = [];
    HOUSEHOLDS_3035.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v > 0) cells.push([c, r, v]);
      });
    });
    expect(points(read)).toEqual(centres('EPSG:3035', 4321000, 3210300, 100, cells));
    expect(read.input.features).toBe(12);
    expect(read.input.format).toBe('geotiff');
    expect(read.input.crs).toBe('EPSG:3035');
    expect(read.input.skipped).toBeUndefined();
    const bytes = readFileSync(path);
    expect([read.input.sha256, read.input.bytes]).toEqual([
      createHash('sha256').update(bytes).digest('hex'),
      statSync(path).size,
    ]);
  });

  it('reads lon/lat rasters (EPSG:4326), and without GDAL_NODATA every value is data (UInt16 65535)', async () => {
    const read = await readGeoTiffHouseholds(`${TIFF}households-4326.tif`, {});
    const expected = [
      [0, 0, 4],
      [2, 0, 1],
      [1, 1, 65535],
      [2, 1, 2],
    ].map(([c, r, w]) => [7 + (c + 0.5) * 0.01, 51.02 - (r + 0.5) * 0.01, w]);
    expect(points(read)).toEqual(expected);
    expect(read.crs).toBeUndefined();
  });

  it('derives households from population with --household-size, rounding cumulatively in row order', async () => {
    // Persons 2.5 0 nodata / 10 1.2 4.4 at 2 per household: exact 1.25, 5, 0.6, 2.2 (total 9.05);
    // running totals 1.25 6.25 6.85 9.05 round to 1 6 7 9, so the cells get 1 5 1 2.
    const read = await readGeoTiffHouseholds(`${TIFF}population-3035.tif`, { householdSize: 2 });
    expect(points(read)).toEqual(
      centres('EPSG:3035', 4321000, 3210200, 100, [
        [0, 0, 1],
        [0, 1, 5],
        [1, 1, 1],
        [2, 1, 2],
      ]),
    );
    expect(read.features).toBe(6);
  });

  it('keeps a sparse population: cells under half a household are not all rounded away', async () => {
    const read = await readGeoTiffHouseholds(`${TIFF}population-3035.tif`, { householdSize: 20 });
    // Exact 0.125, 0.5, 0.06, 0.22 (total 0.905): one household, where the running total reaches 0.5.
    expect(points(read).map((p) => p[2])).toEqual([1]);
    expect(points(read)[0]).toEqual(centres('EPSG:3035', 4321000, 3210200, 100, [[0, 1, 1]])[0]);
  });

  it('takes persons per household from band 2 of a population raster', async () => {
    // Sizes 2 2 nodata / 2.5 2 2.2: exact 1.25, 4, 0.6, 2 → running 1.25 5.25 5.85 7.85 → 1 4 1 2.
    const read = await readGeoTiffHouseholds(`${TIFF}population-size-3035.tif`, {});
    expect(points(read).map((p) => p[2])).toEqual([1, 4, 1, 2]);
  });

  it('reads a PixelIsPoint tie point (the centre of cell 0, 0) as GDAL does: the same cells', async () => {
    const area = await readGeoTiffHouseholds(`${TIFF}households-3035.tif`, {});
    const point = await readGeoTiffHouseholds(`${TIFF}households-point-3035.tif`, {});
    expect(points(point)).toEqual(points(area));
  });

  it('uses --input-crs only when the GeoKeys carry no EPSG code', async () => {
    const laea = '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs';
    const custom = await readGeoTiffHouseholds(`${TIFF}households-custom-crs.tif`, {
      inputCrs: resolveCrs(laea),
    });
    const epsg = await readGeoTiffHouseholds(`${TIFF}households-3035.tif`, {
      inputCrs: resolveCrs('EPSG:25832'),
    });
    expect(epsg.crs).toBe('EPSG:3035');
    expect(custom.crs).toBe(laea);
    expect(custom.households.count).toBe(7);
    points(custom).forEach((p, k) => {
      expect(p[0]).toBeCloseTo(points(epsg)[k][0], 9);
      expect(p[1]).toBeCloseTo(points(epsg)[k][1], 9);
      expect(p[2]).toBe(points(epsg)[k][2]);
    });
  });

  it('reads BigTIFF, big-endian, alike', async () => {
    const classic = await readGeoTiffHouseholds(`${TIFF}households-3035.tif`, {});
    const big = await readGeoTiffHouseholds(`${TIFF}households-bigtiff-3035.tif`, {});
    expect(points(big)).toEqual(points(classic));
  });

  it('gives the same points whatever the window size', async () => {
    for (const file of ['households-3035.tif', 'population-size-3035.tif']) {
      const whole = await readGeoTiffHouseholds(`${TIFF}${file}`, {});
      const rowByRow = await readGeoTiffHouseholds(`${TIFF}${file}`, {}, 1);
      expect(points(rowByRow)).toEqual(points(whole));
    }
  });
});
