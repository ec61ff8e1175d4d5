import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, showValue } from '../../src/errors.js';
import { readCoverage } from '../../src/io/coverage.js';
import { readHouseholds } from '../../src/io/households.js';
import { readRegions } from '../../src/io/regions.js';
import { handArgsWith, runCli } from '../cli/run-cli.js';
import { boxRing, featureCollection, tempDir } from '../helpers.js';

const BAD = new URL('../fixtures/bad/', import.meta.url).pathname;
const dir = tempDir();

/** `levels` nested arrays as JSON text: [[[…]]]. */
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
/** `levels` nested objects as JSON text: {"a":{"a":…1}}. */
const nestedObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** A file whose "PLACEHOLDER" string (quotes included) is replaced by the raw JSON `value`. */
function fileWith(name: string, features: unknown[], value: string): string {
  const path = join(dir, name);
  writeFileSync(path, featureCollection(features).replace('"PLACEHOLDER"', value));
  return path;
}

const region = (properties: Record<string, unknown>, ring: unknown = boxRing(7, 51, 7.1, 51.1)) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [ring] },
});
const household = (households: unknown, coordinates: unknown = [7.05, 51.05]) => ({
  type: 'Feature',
  properties: { households },
  geometry: { type: 'Point', coordinates },
});

const failure = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
};
const failureAsync = async (read: () => Promise<unknown>): Promise<string> => {
  const error = await read().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
};

describe('showValue', () => {
  it('shows plain values as JSON, as before', async () => {
    expect(showValue([7, 51])).toBe('[7,51]');
    expect(showValue({ a: [1, 'x'], b: null })).toBe('{"a":[1,"x"],"b":null}');
    expect(showValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(showValue(undefined)).toBe('undefined');
    expect(showValue('x'.repeat(200))).toBe(`"${'x'.repeat(76)}...`);
  });

  it('cuts deep and long values without recursing through them', async () => {
    for (const levels of [100_000, 1_000_000]) {
      expect(showValue(JSON.parse(nested(levels)))).toBe('[[[[[[[[[…]]]]]]]]]');
      expect(showValue(JSON.parse(nestedObject(levels)))).toMatch(/^\{"a":\{"a":.*\{…\}\}+$/);
    }
    const shown = showValue(Array.from({ length: 1_000_000 }, (_, k) => k));
    expect(shown).toHaveLength(80);
    expect(shown.endsWith('...')).toBe(true);
  });
});

describe.each([100_000, 1_000_000])('values nested %i levels deep', (levels) => {
  const deep = nested(levels);

  it('in a region name: refused in one line', async () => {
    const path = fileWith(`name-${levels}.geojson`, [region({ id: 'R1', name: 'PLACEHOLDER' })], deep);
    expect(failure(() => readRegions(path))).toBe(
      `${path}, feature 0, id "R1", field properties.name: a region name must be a string or a number (value: [[[[[[[[[…]]]]]]]]]) — name the property with the region names with --region-name`,
    );
  });

  it('in a region id: refused in one line', async () => {
    const path = fileWith(`id-${levels}.geojson`, [region({ id: 'PLACEHOLDER', name: 'N' })], deep);
    expect(failure(() => readRegions(path))).toBe(
      `${path}, feature 0, field properties.id: region has no id (value: [[[[[[[[[…]]]]]]]]]) — name the id property with --region-id (properties: id, name)`,
    );
  });

  it('in a region coordinate: refused in one line', async () => {
    const ring = boxRing(7, 51, 7.1, 51.1) as unknown[];
    ring[1] = [7.1, 'PLACEHOLDER'];
    const path = fileWith(`coordinate-${levels}.geojson`, [region({ id: 'R1' }, ring)], deep);
    expect(failure(() => readRegions(path))).toMatch(
      /feature 0, id "R1", field geometry.coordinates\[0\]\[1\]: coordinates must be finite numbers \(value: \[7\.1,\[\[\[\[\[\[\[\[…\]+\)$/,
    );
  });

  it("in a household's households and coordinate: refused in one line", async () => {
    const count = fileWith(`households-${levels}.geojson`, [household(1), household('PLACEHOLDER')], deep);
    expect(await failureAsync(() => readHouseholds(count))).toBe(
      `${count}, feature 1, field properties.households: households must be an integer from 0 to 4294967295 (value: [[[[[[[[[…]]]]]]]]])`,
    );
    const point = fileWith(`point-${levels}.geojson`, [household(1, 'PLACEHOLDER')], `[7, ${deep}]`);
    expect(await failureAsync(() => readHouseholds(point))).toMatch(
      /feature 0, field geometry.coordinates: coordinates must be finite numbers \(value: \[7,\[\[\[\[\[\[\[\[…\]+\)$/,
    );
  });

  it('as a whole coordinates member, and in a crs member: refused in one line', async () => {
    const point = fileWith(`coordinates-${levels}.geojson`, [household(1, 'PLACEHOLDER')], deep);
    expect(await failureAsync(() => readHouseholds(point))).toBe(
      `${point}, feature 0, field geometry.coordinates: a position must be [lon, lat] (value: [[[[[[[[[…]]]]]]]]])`,
    );
    const crs = join(dir, `crs-${levels}.geojson`);
    writeFileSync(crs, `{"type":"FeatureCollection","crs":${nestedObject(levels)},"features":[]}`);
    expect(await failureAsync(() => readHouseholds(crs))).toMatch(
      /crs-\d+\.geojson, field crs: .*\(value: \{"a":\{"a":.*\{…\}\}+\)$/,
    );
  });

  it("in a coverage feature's operator: refused in one line", async () => {
    const feature = { ...region({ operator: 'PLACEHOLDER', technology: '5g' }) };
    const path = fileWith(`operator-${levels}.geojson`, [feature], nestedObject(levels));
    expect(await failureAsync(() => readCoverage([path]))).toMatch(
      /feature 0, field properties.operator: .*\(value: \{"a":\{"a":.*\{…\}\}+\)/,
    );
  });
});

describe('deep values at the CLI', () => {
  it('exit 2 and one line for a region name nested 100,000 deep', async () => {
    const regions = fileWith(
      'cli-name.geojson',
      [region({ id: 'R1', name: 'PLACEHOLDER' })],
      nested(100_000),
    );
    const out = join(dir, 'out');
    const run = await runCli(handArgsWith({ regions }, out));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `funkatlas: ${regions}, feature 0, id "R1", field properties.name: a region name must be a string or a number (value: [[[[[[[[[…]]]]]]]]]) — name the property with the region names with --region-name\n`,
    );
  });

  it('the small corpus files: an object as a name, a deep coordinate', async () => {
    expect(failure(() => readRegions(`${BAD}region-name-object.geojson`))).toMatch(
      /feature 1, id "R2", field properties.name: a region name must be a string or a number \(value: \{"de":"Nord","en":"North"\}\)/,
    );
    expect(failure(() => readRegions(`${BAD}deep-coordinate.geojson`))).toMatch(
      /feature 0, id "R1", field geometry.coordinates\[0\]\[2\]: a position must be \[lon, lat\] \(value: \[{9}…\]{9}\)$/,
    );
  });
});
