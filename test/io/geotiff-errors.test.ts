import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { readCoverage } from '../../src/io/coverage.js';
import { readHouseholds } from '../../src/io/households.js';
import type { ResolvedReadOptions as ReadOptions } from '../../src/io/read-options.js';
import { itWithGdal } from '../gdal.js';
import { tempDir } from '../helpers.js';

const TIFF = new URL('../fixtures/geotiff/', import.meta.url).pathname;
const REWRITE = 'rewrite it: gdal_translate -co COMPRESS=DEFLATE in.tif out.tif';
const TRUNCATED = 'the file is truncated; copy or download it again';
/** A bad file must fail fast, not hang on a missing block. */
const BOUND_MS = 5000;

async function failure(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isInputError(error), String(error)).toBe(true);
  const message = (error as Error).message;
  expect(message).not.toMatch(/\n/);
  return message;
}

const households = (path: string, options: ReadOptions = {}) => failure(readHouseholds(path, options));
const coverage = (path: string, options: ReadOptions = {}) => failure(readCoverage([path], options));

/** The first `bytes` bytes of a fixture, as a new file. */
function cut(fixture: string, bytes: number): string {
  const path = join(tempDir(), fixture);
  writeFileSync(path, readFileSync(`${TIFF}${fixture}`).subarray(0, bytes));
  return path;
}

describe('GeoTIFF inputs refused with one line', () => {
  it('unsupported or lossy compression', { timeout: BOUND_MS }, async () => {
    let p = `${TIFF}lzma.tif`;
    expect(await coverage(p)).toBe(
      `${p}, field Compression: unsupported compression LZMA (value: 34925) — ${REWRITE}`,
    );
    p = `${TIFF}jpeg.tif`;
    expect(await coverage(p)).toBe(
      `${p}, field Compression: lossy JPEG compression changes cell values (value: 7) — ${REWRITE}`,
    );
  });

  it('no georeferencing, or a rotated grid', { timeout: BOUND_MS }, async () => {
    let p = `${TIFF}no-georef.tif`;
    expect(await coverage(p)).toBe(
      `${p}: no georeferencing (needs ModelTiepoint and ModelPixelScale) — georeference it: ` +
        'gdal_translate -a_srs EPSG:25832 -a_ullr <ulx> <uly> <lrx> <lry> in.tif out.tif',
    );
    p = `${TIFF}rotated.tif`;
    expect(await coverage(p)).toBe(
      `${p}, field ModelTransformation: rotated or sheared grid (value: [480,100,100,-480]) — ` +
        'resample it to a north-up grid: gdalwarp -t_srs EPSG:25832 in.tif out.tif',
    );
  });

  it('a truncated strip or tile: an error naming the block, not zeros', { timeout: BOUND_MS }, async () => {
    let p = `${TIFF}truncated.tif`;
    expect(await households(p)).toBe(
      `${p}, field StripOffsets: block 2 at offset 430 (16 bytes) ends past the end of the file (440 bytes) — ${TRUNCATED}`,
    );
    // Tiles at 546 583 635 660 686 732, of 37 52 25 26 46 23 bytes: cut inside tile 4.
    p = cut('coverage-tiled-deflate-25832.tif', 700);
    expect(await coverage(p)).toBe(
      `${p}, field TileOffsets: block 4 at offset 686 (46 bytes) ends past the end of the file (700 bytes) — ${TRUNCATED}`,
    );
  });

  it('a truncated BigTIFF', { timeout: BOUND_MS }, async () => {
    const size = readFileSync(`${TIFF}households-bigtiff-3035.tif`).length;
    const p = cut('households-bigtiff-3035.tif', size - 6);
    expect(await households(p)).toMatch(
      new RegExp(
        `^${p}, field StripOffsets: block \\d+ at offset \\d+ \\(\\d+ bytes\\) ends past the end of the file \\(${size - 6} bytes\\)`,
      ),
    );
  });

  it('a truncated header or directory', { timeout: BOUND_MS }, async () => {
    let p = cut('households-3035.tif', 60);
    expect(await households(p)).toBe(
      `${p}: the image directory (16 tags) at offset 10 (196 bytes) ends past the end of the file (60 bytes) — ${TRUNCATED}`,
    );
    p = cut('households-3035.tif', 5);
    expect(await households(p)).toBe(`${p}: too short to be a TIFF file (5 bytes)`);
    p = join(tempDir(), 'text.tif');
    writeFileSync(p, 'lon,lat\n7,51\n');
    expect(await households(p)).toBe(`${p}: not a TIFF file`);
  });

  it('a gzipped GeoTIFF', { timeout: BOUND_MS }, async () => {
    const p = join(tempDir(), 'h.tif.gz');
    writeFileSync(p, gzipSync(readFileSync(`${TIFF}households-3035.tif`)));
    expect(await households(p)).toBe(
      `${p}: a gzipped GeoTIFF cannot be read in windows — gunzip it, or compress inside the TIFF: gdal_translate -co COMPRESS=DEFLATE`,
    );
  });

  it('a household raster that does not say what it counts, or lacks a household size', {
    timeout: BOUND_MS,
  }, async () => {
    let p = `${TIFF}unmarked-float-3035.tif`;
    expect(await households(p)).toBe(
      `${p}, field QUANTITY: a Float32 raster must say whether it counts households or persons — ` +
        'mark it: gdal_translate -mo QUANTITY=households (or QUANTITY=population with read.householdSize)',
    );
    p = `${TIFF}population-3035.tif`;
    expect(await households(p)).toBe(
      `${p}, field read.householdSize: a population raster needs persons per household — ` +
        'give read.householdSize (e.g. 2.0), or add persons per household as band 2',
    );
    p = `${TIFF}population-size-3035.tif`;
    expect(await households(p, { householdSize: 2 })).toBe(
      `${p}, field read.householdSize: has a band of persons per household and read.householdSize was given (value: 2) — ` +
        'drop read.householdSize to use the band, or keep only persons: gdal_translate -b 1',
    );
  });

  it('a fractional household count, a CRS without EPSG code', { timeout: BOUND_MS }, async () => {
    let p = `${TIFF}households-fractional-3035.tif`;
    expect(await households(p)).toBe(
      `${p}, field band 1: households must be a whole number from 0 to 4294967295 at column 0, row 0 (value: 2.5) — ` +
        'if it counts persons: gdal_translate -mo QUANTITY=population, and give read.householdSize',
    );
    p = `${TIFF}households-custom-crs.tif`;
    expect(await households(p)).toBe(
      `${p}, field ProjectedCSTypeGeoKey: no EPSG code in the GeoKeys (value: "user-defined") — ` +
        'assign one: gdal_translate -a_srs EPSG:25832 in.tif out.tif, or give read.inputCrs',
    );
  });

  it('a signal-strength raster without a threshold, a raster without operator', {
    timeout: BOUND_MS,
  }, async () => {
    let p = `${TIFF}vodafone_lte.tif`;
    expect(await coverage(p, { thresholds: { '5g': -105 } })).toBe(
      `${p}, field read.thresholds: signal strength in dBm (Float32 raster) needs a threshold for lte — ` +
        'give read.thresholds lte=-110; a 0/1 coverage mask must be unsigned: gdal_translate -ot Byte',
    );
    p = `${TIFF}signal-int16-25832.tif`;
    expect(await coverage(p)).toMatch(/signal strength in dBm \(Int16 raster\) needs a threshold for lte/);
    p = join(tempDir(), 'signal.tif');
    copyFileSync(`${TIFF}vodafone_lte.tif`, p);
    expect(await coverage(p, { thresholds: { lte: -110 } })).toBe(
      `${p}, field OPERATOR: no operator for this coverage raster — ` +
        'name the file <operator>_<technology>.tif or set gdal_translate -mo OPERATOR=telekom -mo TECHNOLOGY=5g',
    );
  });
});

describe('GeoTIFF placement', () => {
  itWithGdal(
    'refuses a raster in metres tagged as lon/lat, and degrees under a projected --input-crs',
    async () => {
      const { execFileSync } = await import('node:child_process');
      const { join } = await import('node:path');
      const { tempDir } = await import('../helpers.js');
      const { resolveCrs } = await import('../../src/geometry/crs.js');
      const { readGeoTiffHouseholds } = await import('../../src/io/geotiff/households-read.js');
      const dir = tempDir();
      const fixtures = new URL('../fixtures/geotiff/', import.meta.url).pathname;
      const mislabelled = join(dir, 'metres-as-4326.tif');
      execFileSync('gdal_translate', [
        '-q',
        '-a_srs',
        'EPSG:4326',
        `${fixtures}households-3035.tif`,
        mislabelled,
      ]);
      await expect(readGeoTiffHouseholds(mislabelled, {})).rejects.toThrow(
        /metres-as-4326.tif, field georeferencing: the raster's extent cannot be placed in lon\/lat from EPSG:4326/,
      );
      await expect(
        readGeoTiffHouseholds(`${fixtures}households-custom-crs.tif`, {
          inputCrs: resolveCrs('EPSG:25832', { field: '--input-crs' }),
        }),
      ).resolves.toBeDefined();
    },
  );
});
