import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGeoPackageFeatures } from '../../../src/io/gpkg/features-read.js';
import { readRegions } from '../../../src/io/regions.js';
import { handArgs, handArgsWith, runCli } from '../../cli/run-cli.js';
import { itWithGdal, ogrSummary } from '../../gdal.js';
import { tempDir } from '../../helpers.js';
import { handLayer, writeTestGeoPackage } from './build-gpkg.js';

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
const featuresOf = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')).features as { properties: Record<string, unknown> }[];

describe('funkatlas analyze with GeoPackages', () => {
  it('gives the same figures from .gpkg inputs as from the GeoJSON they hold', async () => {
    const dir = tempDir();
    const homes = writeTestGeoPackage(join(dir, 'homes.gpkg'), [handLayer('households')]);
    const both = writeTestGeoPackage(join(dir, 'both.gpkg'), [handLayer('coverage'), handLayer('regions')]);
    const json = join(dir, 'json');
    const gpkg = join(dir, 'gpkg');
    expect((await runCli(handArgs(json))).code).toBe(0);
    const inputs = { households: homes, coverage: `${both}:coverage`, regions: `${both}:regions` };
    const run = await runCli(handArgsWith(inputs, gpkg));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [a, b] = [summaryOf(json), summaryOf(gpkg)];
    expect(b.totals).toEqual(a.totals);
    expect(b.regions).toEqual(a.regions);
    expect(b.inputs.map((i: { path: string; format: string }) => [i.path, i.format])).toEqual([
      [homes, 'gpkg'],
      [`${both}:coverage`, 'gpkg'],
      [`${both}:regions`, 'gpkg'],
    ]);
  });

  it('names the layers when a file has several and none is named (exit 2, one line)', async () => {
    const dir = tempDir();
    const both = writeTestGeoPackage(join(dir, 'both.gpkg'), [handLayer('coverage'), handLayer('regions')]);
    const run = await runCli(handArgsWith({ regions: both }, join(dir, 'out')));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /both\.gpkg: the GeoPackage has 2 feature layers: name one .*both\.gpkg:LAYER, one of coverage, regions/,
    );
  });

  it('--format gpkg writes funkatlas.gpkg with the figures of regions.geojson, read back as regions', async () => {
    const out = join(tempDir(), 'out');
    const run = await runCli(handArgs(out, '--format', 'gpkg'));
    expect(run.code).toBe(0);
    const path = join(out, 'funkatlas.gpkg');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { name: string }) => f.name)).toContain('funkatlas.gpkg');
    const regions = readGeoPackageFeatures(`${path}:regions`).features.map((f) => ({ ...f.properties }));
    expect(regions).toEqual(featuresOf(join(out, 'regions.geojson')).map((f) => f.properties));
    const zones = readGeoPackageFeatures(`${path}:lte_dead_zones`).features.map((f) => ({ ...f.properties }));
    expect(zones).toEqual(featuresOf(join(out, 'lte-dead-zones.geojson')).map((f) => f.properties));
    // The output is an input again: the same regions, ids and names.
    const back = readRegions(`${path}:regions`);
    expect(back.regions.ids).toEqual(regions.map((r) => r.id));
    expect(back.regions.names).toEqual(regions.map((r) => r.name));
    // A forced run without gpkg removes the one the last run wrote.
    expect((await runCli(handArgs(out, '--force'))).code).toBe(0);
    expect(existsSync(path)).toBe(false);
  });

  itWithGdal('ogrinfo reads funkatlas.gpkg: both layers, no warning', async () => {
    const out = join(tempDir(), 'out');
    expect((await runCli(handArgs(out, '--format', 'geojson,gpkg'))).code).toBe(0);
    const expected =
      featuresOf(join(out, 'regions.geojson')).length +
      featuresOf(join(out, 'lte-dead-zones.geojson')).length;
    expect(ogrSummary(join(out, 'funkatlas.gpkg'))).toEqual({ features: expected, stderr: '' });
  });
});
