import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../src/geometry/crs.js';
import { analyze, checkOutputs, type Summary, writeOutputs } from '../../src/index.js';
import { HAND, tempDir } from '../helpers.js';

const UTM = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

/** The hand-built households in EPSG:25832 metres, in a GeoJSON file that declares no CRS. */
function householdsInUtm(): string {
  const collection = JSON.parse(readFileSync(`${HAND}households.geojson`, 'utf8'));
  const utm = resolveCrs('EPSG:25832');
  for (const f of collection.features) {
    const xy = [...f.geometry.coordinates];
    utm.fromLonLat(xy);
    f.geometry.coordinates = xy;
  }
  const path = join(tempDir(), 'households-25832.geojson');
  writeFileSync(path, JSON.stringify(collection));
  return path;
}

/** A hand-built file that declares lon/lat, so that read.inputCrs does not apply to it. */
function declaredLonLat(name: string): string {
  const collection = JSON.parse(readFileSync(`${HAND}${name}`, 'utf8'));
  collection.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
  const path = join(tempDir(), name);
  writeFileSync(path, JSON.stringify(collection));
  return path;
}

const [coverage, regions] = [declaredLonLat('coverage.geojson'), declaredLonLat('regions.geojson')];

const run = (households: string, inputCrs: unknown) =>
  analyze({
    households,
    coverage: [coverage],
    regions,
    workers: 0,
    read: { inputCrs: inputCrs as string },
  });

/** A summary without the parts that differ between runs of the same inputs. */
const comparable = ({ generated_at: _, ...rest }: Summary) => rest;

describe('the library takes CRS names as the CLI does', () => {
  it('read.inputCrs: EPSG and proj4 strings give what the resolved Crs gives', async () => {
    const households = householdsInUtm();
    const resolved = comparable((await run(households, resolveCrs('EPSG:25832'))).summary);
    expect(resolved.inputs[0].crs).toBe('EPSG:25832');
    expect(resolved.totals.households).toBe(31);
    expect(comparable((await run(households, 'EPSG:25832')).summary)).toEqual(resolved);
    expect(comparable((await run(households, '25832')).summary)).toEqual(resolved);
    const proj4 = comparable((await run(households, UTM)).summary);
    expect(proj4.totals).toEqual(resolved.totals);
    expect(proj4.regions).toEqual(resolved.regions);
  });

  it('read.inputCrs: a name it cannot use is an InputError naming the option', async () => {
    const households = `${HAND}households.geojson`;
    await expect(run(households, 'EPSG:99999')).rejects.toThrow(
      /^field read\.inputCrs: unknown CRS EPSG:99999 \(value: "EPSG:99999"\) — known: .*; or give read\.inputCrs a proj4 string/,
    );
    await expect(run(households, 'UTM 32')).rejects.toThrow(
      'field read.inputCrs: unrecognised CRS (value: "UTM 32") — use EPSG:<code>',
    );
    await expect(run(households, 25832)).rejects.toThrow(
      'field read.inputCrs: a CRS must be a name such as EPSG:25832, a proj4 string or a resolved Crs (value: 25832)',
    );
    // Degrees under a projected CRS: the message names the option it came from.
    await expect(run(households, 'EPSG:25832')).rejects.toThrow(
      /coordinates look like lon\/lat degrees, but read\.inputCrs says EPSG:25832 .* — read\.inputCrs applies to every input/,
    );
  });

  it('outputCrs: a string gives the same FlatGeobuf files as the resolved Crs', async () => {
    const result = await run(`${HAND}households.geojson`, undefined);
    const [byName, byCrs] = [join(tempDir(), 'a'), join(tempDir(), 'b')];
    writeOutputs(result, byName, { formats: ['geojson', 'fgb'], outputCrs: 'EPSG:25832' });
    writeOutputs(result, byCrs, { formats: ['geojson', 'fgb'], outputCrs: resolveCrs('EPSG:25832') });
    for (const file of ['regions.fgb', 'lte-dead-zones.fgb', 'regions.csv'])
      expect(readFileSync(join(byName, file))).toEqual(readFileSync(join(byCrs, file)));
  });

  it('outputCrs: a bad name is an InputError naming the option, and leaves no folder', async () => {
    const result = await run(`${HAND}households.geojson`, undefined);
    const out = join(tempDir(), 'out');
    expect(() => writeOutputs(result, out, { formats: ['geojson', 'fgb'], outputCrs: 'EPSG:0' })).toThrow(
      /^field outputCrs: unknown CRS EPSG:0/,
    );
    expect(existsSync(out)).toBe(false);
    expect(() => checkOutputs(out, [], false, { formats: ['geojson', 'fgb'], outputCrs: UTM })).toThrow(
      /^field outputCrs: FlatGeobuf outputs need a CRS with an EPSG code/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
