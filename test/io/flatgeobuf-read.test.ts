import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { resolveCrs } from '../../src/geometry/crs.js';
import { FlatPolygons } from '../../src/io/flat-polygons.js';
import { readFlatGeobufFeatures } from '../../src/io/flatgeobuf/features-read.js';
import { HeaderSlot } from '../../src/io/flatgeobuf/format.js';
import { readFlatGeobufHouseholds } from '../../src/io/flatgeobuf/households-read.js';
import { TableView } from '../../src/io/flatgeobuf/table-view.js';
import { readGeoJsonFeatures } from '../../src/io/geojson/features-read.js';
import { readHouseholds } from '../../src/io/households.js';
import { readRegions } from '../../src/io/regions.js';
import { type AnalysisResult, analyze } from '../../src/pipeline/analyze.js';
import { runCli } from '../cli/run-cli.js';
import { itWithGdal } from '../gdal.js';
import { tempDir } from '../helpers.js';

/** Made by GDAL: scripts/fixtures/make-fgb-fixtures.sh. */
const FGB = new URL('../fixtures/fgb/', import.meta.url).pathname;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** What an analysis says, without the input records (paths, formats and digests differ by design). */
function outcome(result: AnalysisResult) {
  const { inputs: _inputs, ...rest } = result.summary as unknown as Record<string, unknown>;
  const { generated_at: _at, tool: _tool, snapshots, ...stable } = rest;
  // The snapshots name their coverage files, as the inputs do: the same but for the paths.
  const figures = (snapshots as { coverage: string[] }[]).map(({ coverage: _files, ...s }) => s);
  return { summary: { ...stable, snapshots: figures }, deadZones: result.deadZones, ids: result.regions.ids };
}

/** Message of the InputError `read` throws (fails the test if it throws anything else or nothing). */
function inputError(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (!isInputError(error)) throw error;
    return error.message;
  }
  throw new Error('expected an InputError');
}

/** A geometry's type and flat rings as plain arrays; throws for anything but flat polygons. */
function flatRings(geometry: unknown): { type: string; polygons: number[][][] } {
  if (!(geometry instanceof FlatPolygons)) throw new Error(`not flat rings: ${JSON.stringify(geometry)}`);
  return { type: geometry.type, polygons: geometry.polygons.map((rings) => rings.map((ring) => [...ring])) };
}

describe('FlatGeobuf written by GDAL', () => {
  it('reads regions in EPSG:25832 with the CRS from the header, as the same GeoJSON', () => {
    const fgb = readFlatGeobufFeatures(`${FGB}kreise3-25832.fgb`);
    const json = readGeoJsonFeatures(`${FGB}kreise3-25832.geojson`);
    expect(fgb.crs?.name).toBe('EPSG:25832');
    expect(fgb.features.map((f) => f.properties.GN)).toEqual(json.features.map((f) => f.properties.GN));
    // Both formats give the checks flat rings.
    expect(fgb.features.map((f) => flatRings(f.geometry))).toEqual(
      json.features.map((f) => flatRings(f.geometry)),
    );
    expect(fgb.digest).toEqual({
      sha256: sha256(`${FGB}kreise3-25832.fgb`),
      bytes: readFileSync(`${FGB}kreise3-25832.fgb`).length,
    });
  });

  it('reads a file without index, and a file without features', () => {
    const indexed = readFlatGeobufFeatures(`${FGB}kreise3-25832.fgb`);
    const plain = readFlatGeobufFeatures(`${FGB}kreise3-noindex.fgb`);
    expect(plain.features.map((f) => f.geometry)).toEqual(indexed.features.map((f) => f.geometry));
    const none = readFlatGeobufFeatures(`${FGB}no-features.fgb`);
    expect(none.features).toEqual([]);
    expect(none.crs?.name).toBe('EPSG:25832');
    expect(inputError(() => readRegions(`${FGB}no-features.fgb`, 'AGS', 'GN'))).toMatch(/no features/);
  });

  it('reads the same whatever the chunk size (features and length prefixes cut across reads)', () => {
    const whole = readFlatGeobufFeatures(`${FGB}coverage-25832.fgb`);
    const households = readFlatGeobufHouseholds(`${FGB}households-25832.fgb`, {});
    for (const chunk of [1, 7, 100, 4096]) {
      const part = readFlatGeobufFeatures(`${FGB}coverage-25832.fgb`, chunk);
      expect(part.features).toEqual(whole.features);
      expect(part.digest).toEqual(whole.digest);
      const h = readFlatGeobufHouseholds(`${FGB}households-25832.fgb`, {}, chunk);
      expect([...h.households.lon]).toEqual([...households.households.lon]);
      expect([...h.households.weight]).toEqual([...households.households.weight]);
    }
  });

  it('reads households straight into columns: the same points and weights as the GeoJSON', async () => {
    const fgb = await readHouseholds(`${FGB}households-25832.fgb`);
    const json = await readHouseholds(`${FGB}households-25832.geojson`);
    expect(fgb.input.format).toBe('fgb');
    expect(fgb.input.crs).toBe('EPSG:25832');
    expect(fgb.input.features).toBe(json.input.features);
    // GDAL writes an indexed file in Hilbert order, so compare as sets of rows.
    const rows = (r: typeof fgb) =>
      Array.from({ length: r.input.features }, (_, k) =>
        [r.households.lon[k], r.households.lat[k], r.households.weight[k]].join(),
      ).sort();
    expect(rows(fgb)).toEqual(rows(json));
    expect(fgb.input.sha256).toBe(sha256(`${FGB}households-25832.fgb`));
  });

  it('takes households from lon/lat, a missing count as 1, and refuses polygons as households', async () => {
    const fgb = await readHouseholds(`${FGB}hand-households.fgb`);
    const json = await readHouseholds('test/fixtures/hand/households.geojson');
    expect([...fgb.households.weight]).toEqual([...json.households.weight]);
    expect([...fgb.households.lon]).toEqual([...json.households.lon]);
    expect(fgb.input.crs).toBeUndefined();
    await expect(readHouseholds(`${FGB}kreise3-25832.fgb`)).rejects.toThrow(
      /households must be Point features/,
    );
  });

  itWithGdal(
    'uses --input-crs for a file without CRS, and says so when projected metres look like lon/lat',
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'h.csv'), 'x,y,households\n370000,5670000,4\n371000,5671000,2\n');
      const path = join(dir, 'h.fgb');
      execFileSync('ogr2ogr', [
        '-f',
        'FlatGeobuf',
        path,
        join(dir, 'h.csv'),
        '-oo',
        'X_POSSIBLE_NAMES=x',
        '-oo',
        'Y_POSSIBLE_NAMES=y',
        '-oo',
        'AUTODETECT_TYPE=YES',
        '-lco',
        'SPATIAL_INDEX=NO',
      ]);
      expect(readFlatGeobufFeatures(path).crs).toBeUndefined();
      const read = await readHouseholds(path, { inputCrs: resolveCrs('EPSG:25832') });
      expect(read.input.crs).toBe('EPSG:25832');
      expect(read.households.lon[0]).toBeCloseTo(7.14, 1);
      expect(read.households.lat[0]).toBeCloseTo(51.17, 1);
      expect([...read.households.weight]).toEqual([4, 2]);
      await expect(readHouseholds(path)).rejects.toThrow(/feature 0.*out of range for WGS84.*read.inputCrs/);
    },
  );

  itWithGdal(
    'names the feature and field of a bad household count or point, as the GeoJSON reader does',
    async () => {
      const dir = tempDir();
      const make = (name: string, csv: string) => {
        writeFileSync(join(dir, `${name}.csv`), csv);
        const path = join(dir, `${name}.fgb`);
        execFileSync('ogr2ogr', [
          '-f',
          'FlatGeobuf',
          '-a_srs',
          'EPSG:4326',
          '-lco',
          'SPATIAL_INDEX=NO',
          path,
          join(dir, `${name}.csv`),
          '-oo',
          'X_POSSIBLE_NAMES=lon',
          '-oo',
          'Y_POSSIBLE_NAMES=lat',
          '-oo',
          'AUTODETECT_TYPE=YES',
        ]);
        return path;
      };
      const fraction = make('fraction', 'lon,lat,households\n7,51,2\n7.1,51.1,2.5\n');
      await expect(readHouseholds(fraction)).rejects.toThrow(
        /fraction\.fgb, feature 1, field properties\.households: households must be an integer from 0 to 4294967295 \(value: 2\.5\)/,
      );
      const outside = make('outside', 'lon,lat,households\n200,51,2\n');
      await expect(readHouseholds(outside)).rejects.toThrow(
        /outside\.fgb, feature 0, field geometry\.coordinates: coordinates out of range/,
      );
    },
  );

  itWithGdal(
    'reads to the end of the file when the header counts 0 features (unknown, as streaming writers leave it)',
    async () => {
      const path = join(tempDir(), 'unknown-count.fgb');
      execFileSync('ogr2ogr', [
        '-f',
        'FlatGeobuf',
        '-lco',
        'SPATIAL_INDEX=NO',
        path,
        `${FGB}households-25832.geojson`,
      ]);
      const bytes = readFileSync(path);
      const view = new TableView(path);
      view.reset(bytes, 12, 12 + bytes.readUInt32LE(8), 0, 'the header');
      bytes.writeBigUInt64LE(0n, view.field(view.root(), HeaderSlot.featuresCount));
      writeFileSync(path, bytes);
      const read = await readHouseholds(path);
      const json = await readHouseholds(`${FGB}households-25832.geojson`);
      expect(read.input.features).toBe(487);
      expect([...read.households.weight]).toEqual([...json.households.weight]);
      expect([...read.households.lon]).toEqual([...json.households.lon]);
    },
  );

  it('gives the same analysis as the equivalent GeoJSON: the hand-built scenario in lon/lat', async () => {
    const run = (ext: string, dir: string, prefix: string) =>
      analyze({
        households: `${dir}${prefix}households.${ext}`,
        coverage: [`${dir}${prefix}coverage.${ext}`],
        regions: `${dir}${prefix}regions.${ext}`,
        workers: 0,
      });
    const json = await run('geojson', 'test/fixtures/hand/', '');
    const fgb = await run('fgb', FGB, 'hand-');
    expect(outcome(fgb)).toEqual(outcome(json));
    expect(fgb.summary.inputs.map((i) => i.format)).toEqual(['fgb', 'fgb', 'fgb']);
  });

  it('gives the same analysis as the equivalent GeoJSON: three Kreise, households and coverage in EPSG:25832', async () => {
    const run = (ext: string) =>
      analyze({
        households: `${FGB}households-25832.${ext}`,
        coverage: [`${FGB}coverage-25832.${ext}`],
        regions: `${FGB}kreise3-25832.${ext}`,
        regionId: 'AGS',
        regionName: 'GN',
        workers: 0,
      });
    const [json, fgb] = [await run('geojson'), await run('fgb')];
    expect(fgb.summary.totals.households).toBeGreaterThan(1000);
    expect(fgb.summary.totals.households_lte).toBeGreaterThan(0);
    expect(outcome(fgb)).toEqual(outcome(json));
  });
});

describe('broken FlatGeobuf', () => {
  const cases: [string, RegExp][] = [
    ['empty.fgb', /empty file \(0 bytes\).*byte 0/],
    ['wrong-magic.fgb', /not a FlatGeobuf file: wrong magic bytes at byte 0/],
    [
      'cut-header.fgb',
      /truncated FlatGeobuf: the header at byte 12 needs \d+ bytes, but the file ends at byte 40/,
    ],
    [
      'cut-index.fgb',
      /truncated FlatGeobuf: the spatial index at byte \d+ needs \d+ bytes, but the file ends at byte/,
    ],
    [
      'cut-feature.fgb',
      /truncated FlatGeobuf: feature 2 at byte \d+ needs \d+ bytes, but the file ends at byte/,
    ],
  ];

  it.each(cases)('%s: one-line InputError with the file and the byte offset', (name, message) => {
    const text = inputError(() => readFlatGeobufFeatures(`${FGB}${name}`));
    expect(text).toMatch(message);
    expect(text).toContain(name);
    expect(text).not.toContain('\n');
  });

  it('says to gunzip a gzipped FlatGeobuf', () => {
    const path = join(tempDir(), 'regions.fgb.gz');
    writeFileSync(path, gzipSync(readFileSync(`${FGB}hand-regions.fgb`)));
    expect(inputError(() => readRegions(path))).toMatch(/wrong magic bytes at byte 0.*gunzip it first/);
  });

  it('households: the same for a cut header, index or feature', () => {
    const whole = readFileSync(`${FGB}households-25832.fgb`);
    const headerEnd = 12 + whole.readUInt32LE(8);
    const path = join(tempDir(), 'households.fgb');
    const cuts: [number, RegExp][] = [
      [0, /empty file/],
      [30, /the header at byte 12/],
      [headerEnd + 100, new RegExp(`the spatial index at byte ${headerEnd} needs`)],
      [whole.length - 10, /feature 486 at byte \d+ needs \d+ bytes, but the file ends at byte/],
    ];
    for (const [size, message] of cuts) {
      writeFileSync(path, whole.subarray(0, size));
      expect(inputError(() => readFlatGeobufHouseholds(path, {}))).toMatch(message);
    }
  });

  it('fails with an InputError, never anything else, at every possible truncation', () => {
    const whole = readFileSync(`${FGB}hand-regions.fgb`);
    const path = join(tempDir(), 'cut.fgb');
    for (let size = 0; size < whole.length; size++) {
      writeFileSync(path, whole.subarray(0, size));
      expect(inputError(() => readFlatGeobufFeatures(path))).toMatch(/byte \d+/);
    }
  });

  it('reports a corrupt byte as an InputError or reads on, never a crash (seeded single-byte changes)', () => {
    const whole = readFileSync(`${FGB}hand-coverage.fgb`);
    const path = join(tempDir(), 'flip.fgb');
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    for (let k = 0; k < 400; k++) {
      const bytes = Buffer.from(whole);
      bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      writeFileSync(path, bytes);
      try {
        readFlatGeobufFeatures(path);
      } catch (error) {
        if (!isInputError(error)) throw error;
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });

  it('stops the CLI with exit code 2 and one line, within a time bound (the npm reader would loop)', async () => {
    for (const [name] of cases) {
      const started = Date.now();
      const run = await runCli([
        'analyze',
        '--households',
        `${FGB}hand-households.fgb`,
        '--coverage',
        `${FGB}hand-coverage.fgb`,
        '--regions',
        `${FGB}${name}`,
        '--out',
        tempDir(),
        '--workers',
        '0',
        '--quiet',
      ]);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(new RegExp(`${name}.*byte \\d+`));
    }
  });
});
