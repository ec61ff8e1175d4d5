import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { resolveCrs } from '../../src/geometry/crs.js';
import { readDem } from '../../src/io/geotiff/dem-read.js';
import { tempDir } from '../helpers.js';

const UTM32 = resolveCrs('EPSG:25832');

/** A 4 × 3 Float32 DEM in EPSG:25832 with 100 m cells, north-west corner at (400000, 5710000). */
function writeDem(name: string, values: number[], extra: Record<string, unknown> = {}): string {
  const path = join(tempDir(), name);
  const buffer = writeArrayBuffer(Float32Array.from(values), {
    width: 4,
    height: 3,
    ModelPixelScale: [100, 100, 0],
    ModelTiepoint: [0, 0, 0, 400000, 5710000, 0],
    GTModelTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 25832,
    GTRasterTypeGeoKey: 1,
    ...extra,
  });
  writeFileSync(path, Buffer.from(buffer));
  return path;
}

const lonLat = (x: number, y: number): [number, number] => {
  const xy = [x, y];
  UTM32.toLonLat(xy);
  return [xy[0], xy[1]];
};

async function failure(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isInputError(error), String(error)).toBe(true);
  expect((error as Error).message).not.toMatch(/\n/);
  return (error as Error).message;
}

describe('readDem', () => {
  const heights = [100, 110, 120, 130, 200, 210, 220, 230, 300, 310, 320, 330];
  const replaced = (k: number, v: number) => heights.map((h, i) => (i === k ? v : h));

  it('reads heights in a projected CRS, bilinear between cell centres, with the file digest', async () => {
    const dem = await readDem(writeDem('dem.tif', heights));
    expect(dem.grid.crs.name).toBe('EPSG:25832');
    expect(dem.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Centre of cell (column 1, row 1): 400150, 5709850.
    expect(dem.heightAt(...lonLat(400150, 5709850))).toBeCloseTo(210, 3);
    // Half way between the centres of (1, 1) and (2, 2): the mean of four cells.
    expect(dem.heightAt(...lonLat(400200, 5709800))).toBeCloseTo((210 + 220 + 310 + 320) / 4, 3);
    // Within the outer half cell the edge holds; beyond the raster nothing is known.
    expect(dem.heightAt(...lonLat(400010, 5709990))).toBeCloseTo(100, 3);
    expect(dem.heightAt(...lonLat(399990, 5709990))).toBeNaN();
    expect(dem.minHeightM).toBe(100);
  });

  it('reads a DEM in EPSG:3035 (LAEA Europe) too', async () => {
    const path = writeDem('laea.tif', heights, {
      ModelTiepoint: [0, 0, 0, 4100000, 3100000, 0],
      ProjectedCSTypeGeoKey: 3035,
    });
    const dem = await readDem(path);
    const centre = [4100150, 3099850];
    resolveCrs('EPSG:3035').toLonLat(centre);
    expect(dem.grid.crs.name).toBe('EPSG:3035');
    expect(dem.heightAt(centre[0], centre[1])).toBeCloseTo(210, 3);
  });

  it('keeps nodata cells as NaN, and the heights beside them unknown', async () => {
    const dem = await readDem(writeDem('nodata.tif', replaced(5, -9999), { GDAL_NODATA: '-9999' }));
    expect(dem.heightAt(...lonLat(400150, 5709850))).toBeNaN();
    expect(dem.heightAt(...lonLat(400200, 5709800))).toBeNaN();
    expect(dem.heightAt(...lonLat(400350, 5709750))).toBeCloseTo(330, 3);
  });

  it('refuses a DEM that is not in metres, or not a TIFF, in one line naming the file and value', async () => {
    const path = writeDem('centimetres.tif', replaced(7, 23000));
    expect(await failure(readDem(path))).toBe(
      `${path}, field height: height 23000 at row 1, column 3 is not metres above sea level (value: 23000) — heights must lie within -500 … 9000 m; set the nodata value (gdal_edit -a_nodata) or convert the units`,
    );
    const text = join(tempDir(), 'dem.tif');
    writeFileSync(text, 'not a tiff at all');
    expect(await failure(readDem(text))).toContain(text);
    expect(await failure(readDem(join(tempDir(), 'missing.tif')))).toContain('missing.tif');
  });
});
