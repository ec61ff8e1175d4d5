import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { HAND, tempDir } from '../helpers.js';

const SITES = 'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm\n';

/** A lon/lat DEM over 6.9–7.25° E, 50.95–51.2° N in 0.0025° cells: 100 m, and 300 m from 51.08° to 51.085° N. */
function writeRidgeDem(dir: string): string {
  const columns = 140;
  const rows = 100;
  const heights = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    const lat = 51.2 - (r + 0.5) * 0.0025;
    heights.fill(lat > 51.08 && lat < 51.085 ? 300 : 100, r * columns, (r + 1) * columns);
  }
  const path = join(dir, 'dem.tif');
  const buffer = writeArrayBuffer(heights, {
    width: columns,
    height: rows,
    ModelPixelScale: [0.0025, 0.0025, 0],
    ModelTiepoint: [0, 0, 0, 6.9, 51.2, 0],
    GTModelTypeGeoKey: 2,
    GeographicTypeGeoKey: 4326,
    GTRasterTypeGeoKey: 1,
  });
  writeFileSync(path, Buffer.from(buffer));
  return path;
}

describe('funkatlas predict --dem', () => {
  it('cuts the shadow of a ridge out of the footprint, says so in predict.json, and analyze takes it', async () => {
    const dir = tempDir();
    const dem = writeRidgeDem(dir);
    const sites = join(dir, 'sites.csv');
    // The first CLI test's site (edge ≈ 2.59 km on flat earth); the ridge stands 1.9–2.5 km north of it.
    writeFileSync(sites, `${SITES}P1,7.0625,51.0625,30,P,LTE,800,25\n`);
    const out = join(dir, 'predicted');
    const run = await runCli(['predict', '--sites', sites, '--out', out, '--dem', dem]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const layer = JSON.parse(readFileSync(join(out, 'coverage-p-lte.geojson'), 'utf8'));
    const [feature] = layer.features;
    expect(feature.properties).toMatchObject({ predicted: true, terrain: true, dem_cut_radials: 0 });
    // Flat to the south (2.59 km ± a step), short of the ridge's far side to the north.
    expect(feature.properties.edge_max_m).toBeGreaterThan(2550);
    expect(feature.properties.edge_max_m).toBeLessThan(2650);
    const north = Math.max(
      ...(feature.geometry.type === 'Polygon'
        ? feature.geometry.coordinates[0]
        : feature.geometry.coordinates.flat()
      ).map(([, lat]: number[]) => lat),
    );
    expect(north).toBeLessThan(51.085);
    const metadata = JSON.parse(readFileSync(join(out, 'predict.json'), 'utf8'));
    expect(metadata.terrain.method).toBe('Bullington, ITU-R P.526-15 §4.5.1, k=4/3 (a_e = 8500 km)');
    expect(metadata.terrain.dem).toMatchObject({
      path: dem,
      crs: 'EPSG:4326',
      sha256: createHash('sha256').update(readFileSync(dem)).digest('hex'),
    });

    const analysed = join(dir, 'analysed');
    const analyse = await runCli([
      'analyze',
      '--households',
      `${HAND}households.geojson`,
      '--coverage',
      join(out, 'coverage-p-lte.geojson'),
      '--regions',
      `${HAND}regions.geojson`,
      '--out',
      analysed,
      '--quiet',
    ]);
    expect(analyse.stderr).toBe('');
    expect(analyse.code).toBe(0);
  });

  it('refuses a site off the DEM and a file that is not a DEM, in one line', async () => {
    const dir = tempDir();
    const dem = writeRidgeDem(dir);
    const sites = join(dir, 'sites.csv');
    writeFileSync(sites, `${SITES}P1,7.0625,51.0625,30,P,LTE,800,25\nFAR,8.5,51.5,30,P,LTE,800,25\n`);
    const off = await runCli(['predict', '--sites', sites, '--out', join(dir, 'a'), '--dem', dem]);
    expect(off.code).toBe(2);
    expect(off.stderr.trim().split('\n')).toHaveLength(1);
    expect(off.stderr).toContain(
      `${sites}, line 3, id "FAR", field lon/lat: the site stands outside the DEM ${dem} or on a cell without data (value: [8.5,51.5])`,
    );
    const notTiff = join(dir, 'dem.csv');
    writeFileSync(notTiff, 'x,y,z\n');
    const bad = await runCli(['predict', '--sites', sites, '--out', join(dir, 'b'), '--dem', notTiff]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(notTiff);
  });
});
