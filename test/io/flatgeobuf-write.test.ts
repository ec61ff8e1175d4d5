import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveCrs } from '../../src/geometry/crs.js';
import { AtomicFileSet } from '../../src/io/files/atomic-write.js';
import { readFlatGeobufFeatures } from '../../src/io/flatgeobuf/features-read.js';
import { flatGeobufChunks } from '../../src/io/flatgeobuf/flatgeobuf-write.js';
import { ColumnType } from '../../src/io/flatgeobuf/format.js';
import { decodeHeader } from '../../src/io/flatgeobuf/header.js';
import { searchTree, treeBytes } from '../../src/io/flatgeobuf/packed-rtree.js';
import { TableView } from '../../src/io/flatgeobuf/table-view.js';
import { readGeoJsonFeatures } from '../../src/io/geojson/features-read.js';
import type { OutputFeature } from '../../src/io/geojson/write.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { checkOutputs, writeOutputs } from '../../src/pipeline/write-outputs.js';
import { handArgs, runCli } from '../cli/run-cli.js';
import { itWithGdal, ogrinfo } from '../gdal.js';
import { HAND_INPUTS, plainGeometry, tempDir } from '../helpers.js';

type Box = [number, number, number, number];

/** Values of one attribute of the features `ogrinfo -al` lists, in its order. */
function attribute(stdout: string, name: string): string[] {
  return [...stdout.matchAll(new RegExp(`^ {2}${name} \\([A-Za-z]+\\) = (.*)$`, 'gm'))].map((m) => m[1]);
}

/** Header and index of a FlatGeobuf file we wrote. */
function structure(path: string) {
  const bytes = readFileSync(path);
  const headerSize = bytes.readUInt32LE(8);
  const view = new TableView(path);
  view.reset(bytes, 12, 12 + headerSize, 0, 'the header');
  const header = decodeHeader(view);
  const indexAt = 12 + headerSize;
  const tree = bytes.subarray(indexAt, indexAt + treeBytes(header.featuresCount, header.indexNodeSize));
  return { bytes, header, tree, indexAt, featuresAt: indexAt + tree.length };
}

const intersects = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Seeded boxes as one-polygon features, spread over part of Germany. */
function boxFeatures(n: number): OutputFeature[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  return Array.from({ length: n }, (_, k) => {
    const x = 6 + 3 * random();
    const y = 50 + 2 * random();
    const w = 0.01 + 0.05 * random();
    const ring = Float64Array.of(x, y, x + w, y, x + w, y + w, x, y + w, x, y);
    return { polygons: [[ring]], properties: { k, name: `box ${k}` } };
  });
}

function writeFgb(features: OutputFeature[], crs?: string): string {
  const path = join(tempDir(), 'boxes.fgb');
  const set = new AtomicFileSet();
  set.write(path, flatGeobufChunks(features, { name: 'boxes', crs: crs ? resolveCrs(crs) : undefined }));
  set.commit();
  return path;
}

describe('FlatGeobuf outputs of a run', () => {
  let out: string;
  beforeAll(async () => {
    const result = await analyze({ ...HAND_INPUTS, workers: 0 });
    out = tempDir();
    writeOutputs(result, out, { formats: ['geojson', 'fgb'] });
  });

  it('are read back with the same properties and geometry as the GeoJSON', async () => {
    for (const name of ['regions', 'lte-dead-zones']) {
      const fgb = readFlatGeobufFeatures(join(out, `${name}.fgb`));
      const json = readGeoJsonFeatures(join(out, `${name}.geojson`));
      expect(fgb.crs?.name).toBe('EPSG:4326');
      // The .fgb is in Hilbert order; match features by their properties.
      const key = (p: Record<string, unknown>) => JSON.stringify(p);
      expect(fgb.features.map((f) => key(f.properties)).sort()).toEqual(
        json.features.map((f) => key(f.properties)).sort(),
      );
      for (const f of fgb.features) {
        const twin = json.features.find((j) => key(j.properties) === key(f.properties));
        const g = plainGeometry(f.geometry) as { type: string; coordinates: number[][][][] };
        const t = plainGeometry(twin?.geometry) as { type: string; coordinates: unknown };
        expect(g.type).toBe('MultiPolygon');
        const coordinates = t.type === 'Polygon' ? [t.coordinates] : t.coordinates;
        // GeoJSON rounds to 7 decimals; FlatGeobuf keeps the doubles.
        const round = (v: unknown): unknown =>
          Array.isArray(v) ? v.map(round) : Math.round((v as number) * 1e7) / 1e7;
        expect(round(g.coordinates)).toEqual(coordinates);
      }
    }
  });

  itWithGdal(
    'are read by GDAL (ogrinfo -al -so) with the same feature count as the GeoJSON, and no errors or warnings',
    async () => {
      for (const name of ['regions', 'lte-dead-zones']) {
        const fgb = ogrinfo('-al', '-so', join(out, `${name}.fgb`));
        const json = ogrinfo('-al', '-so', join(out, `${name}.geojson`));
        expect(fgb.code).toBe(0);
        expect(fgb.stderr).toBe('');
        expect(json.stderr).toBe('');
        const count = (s: string) => /Feature Count: (\d+)/.exec(s)?.[1];
        expect(count(fgb.stdout)).toBe(count(json.stdout));
        expect(fgb.stdout).toContain('Geometry: Multi Polygon');
      }
      const regions = ogrinfo('-al', '-so', join(out, 'regions.fgb')).stdout;
      expect(regions).toMatch(/^households: Integer/m);
      expect(regions).toMatch(/^share_5g: Real/m);
      expect(regions).toMatch(/^share_lte: Real/m); // whole numbers in this run, still a share
      expect(regions).toMatch(/^name: String/m);
    },
  );

  itWithGdal('answer a GDAL bbox query (ogrinfo -spat) with exactly the intersecting regions', async () => {
    const regions = readGeoJsonFeatures(join(out, 'regions.geojson')).features;
    const boxes = regions.map((f) => {
      const xs =
        JSON.stringify(plainGeometry(f.geometry))
          .match(/-?\d+\.?\d*/g)
          ?.map(Number) ?? [];
      const x = xs.filter((_, k) => k % 2 === 0);
      const y = xs.filter((_, k) => k % 2 === 1);
      return [Math.min(...x), Math.min(...y), Math.max(...x), Math.max(...y)] as Box;
    });
    for (const query of [boxes[0], boxes[2], [7.0, 51.0, 7.01, 51.01] as Box, [0, 0, 1, 1] as Box]) {
      const expected = regions.filter((_, k) => intersects(boxes[k], query)).map((f) => f.properties.id);
      const run = ogrinfo('-al', '-q', '-spat', ...query.map(String), join(out, 'regions.fgb'));
      expect(run.stderr).toBe('');
      expect(attribute(run.stdout, 'id').sort()).toEqual((expected as string[]).sort());
    }
  });

  it('takes an output CRS without FlatGeobuf outputs (GeoJSON stays lon/lat), refuses one without an EPSG code', async () => {
    const dir = tempDir();
    expect(() => checkOutputs(dir, [], false, { outputCrs: resolveCrs('EPSG:25832') })).not.toThrow();
    const proj4 = resolveCrs('+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs');
    expect(() => checkOutputs(dir, [], false, { formats: ['geojson', 'fgb'], outputCrs: proj4 })).toThrow(
      /need a CRS with an EPSG code/,
    );
  });

  it('checks the .fgb files before the run: an existing one needs --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'regions.fgb'), '');
    expect(() => checkOutputs(dir, [], false, { formats: ['geojson', 'fgb'] })).toThrow(
      /output exists already/,
    );
    expect(() => checkOutputs(dir, [], false, { formats: ['geojson'] })).not.toThrow();
  });
});

describe('funkatlas analyze --format geojson,fgb --output-crs EPSG:25832', () => {
  itWithGdal('writes both formats, the .fgb in EPSG:25832 and the GeoJSON still in lon/lat', async () => {
    const out = tempDir();
    const run = await runCli(
      handArgs(out, '--format', 'geojson,fgb', '--output-crs', 'EPSG:25832', '--workers', '0'),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const fgb = readFlatGeobufFeatures(join(out, 'regions.fgb'));
    expect(fgb.crs?.name).toBe('EPSG:25832');
    expect(JSON.stringify(plainGeometry(fgb.features[0].geometry))).toMatch(/\[3\d{5}\.\d+,5\d{6}\.\d+\]/);
    expect(
      JSON.stringify(plainGeometry(readGeoJsonFeatures(join(out, 'regions.geojson')).features[0].geometry)),
    ).toMatch(/\[7(\.\d+)?,51(\.\d+)?\]/);
    expect(ogrinfo('-al', '-so', join(out, 'lte-dead-zones.fgb')).stdout).toMatch(
      /ID\["EPSG",25832\]\]\s*$/m,
    );
  });

  it('refuses an --output-crs without an EPSG code before reading anything', async () => {
    const run = await runCli([
      'analyze',
      '--households',
      'x.csv',
      '--coverage',
      'y.geojson',
      '--regions',
      'z.geojson',
      '--out',
      tempDir(),
      '--output-crs',
      '+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--output-crs.*need a CRS with an EPSG code/);
  });
});

describe('FlatGeobuf writer', () => {
  const features = boxFeatures(300);

  it('writes a packed Hilbert R-tree, root first, whose leaves point at their features', async () => {
    const path = writeFgb(features);
    const { bytes, header, tree, featuresAt } = structure(path);
    expect(header.featuresCount).toBe(300);
    expect(header.indexNodeSize).toBe(16);
    // 300 leaves, 19 + 2 + 1 parents: 322 nodes of 40 bytes.
    expect(tree.length).toBe(322 * 40);
    const all = searchTree(tree, 300, 16, [-180, -90, 180, 90]);
    expect(all.map((r) => r.item)).toEqual(Array.from({ length: 300 }, (_, k) => k));
    // Leaf offsets are the byte offsets of the length-prefixed features, back to back, in leaf order.
    let offset = 0;
    for (const { offset: leaf } of all) {
      expect(leaf).toBe(offset);
      offset += 4 + bytes.readUInt32LE(featuresAt + offset);
    }
    expect(featuresAt + offset).toBe(bytes.length);
  });

  itWithGdal(
    'finds exactly the intersecting features through the index (ours and GDAL), in the output CRS',
    async () => {
      const path = writeFgb(features, 'EPSG:25832');
      const read = readFlatGeobufFeatures(path);
      expect(read.crs?.name).toBe('EPSG:25832');
      expect(ogrinfo('-so', '-al', path).stdout).toMatch(/ID\["EPSG",25832\]\]\s*$/m);
      const boxOf = (f: (typeof read.features)[number]) => {
        const ring = (plainGeometry(f.geometry) as { coordinates: number[][][][] }).coordinates[0][0];
        const x = ring.map((p) => p[0]);
        const y = ring.map((p) => p[1]);
        return [Math.min(...x), Math.min(...y), Math.max(...x), Math.max(...y)] as Box;
      };
      const { tree } = structure(path);
      for (const query of [
        [420000, 5600000, 480000, 5660000],
        [300000, 5500000, 350000, 5800000],
        [0, 0, 1, 1],
      ] as Box[]) {
        const expected = read.features.filter((f) => intersects(boxOf(f), query)).map((f) => f.properties.k);
        const ours = searchTree(tree, 300, 16, query).map((r) => read.features[r.item].properties.k);
        expect(ours.sort()).toEqual(expected.sort());
        const run = ogrinfo('-al', '-q', '-spat', ...query.map(String), path);
        expect(run.stderr).toBe('');
        expect(attribute(run.stdout, 'k').map(Number).sort()).toEqual((expected as number[]).sort());
      }
    },
  );

  itWithGdal(
    'is what GDAL searches: with every leaf box moved away, its bbox query finds nothing',
    async () => {
      const path = writeFgb(features);
      const { bytes, header, featuresAt } = structure(path);
      const query = ['7', '50.5', '8', '51.5'];
      expect(attribute(ogrinfo('-al', '-q', '-spat', ...query, path).stdout, 'k').length).toBeGreaterThan(0);
      // Leaves are the last level, just before the features.
      const leavesAt = featuresAt - 40 * header.featuresCount;
      for (let k = 0; k < header.featuresCount; k++) {
        for (let j = 0; j < 4; j++) bytes.writeDoubleLE(-170, leavesAt + 40 * k + 8 * j);
      }
      const tampered = join(tempDir(), 'tampered.fgb');
      writeFileSync(tampered, bytes);
      expect(attribute(ogrinfo('-al', '-q', '-spat', ...query, tampered).stdout, 'k')).toEqual([]);
      // Without a filter GDAL reads the features, not the index: all are still there.
      expect(ogrinfo('-al', '-so', tampered).stdout).toContain('Feature Count: 300');
    },
  );

  itWithGdal(
    'types columns from all features: null first, whole then fractional, booleans, large integers, mixed',
    async () => {
      const ring = Float64Array.of(7, 51, 7.1, 51, 7.1, 51.1, 7, 51.1, 7, 51);
      const rows: Record<string, unknown>[] = [
        { a: null, b: 1, c: true, d: 1, e: 'x', f: null },
        { a: 5, b: 1.5, c: false, d: 2 ** 40, e: 3, f: null },
      ];
      const path = writeFgb(rows.map((properties) => ({ polygons: [[ring]], properties })));
      const types = Object.fromEntries(structure(path).header.columns.map((c) => [c.name, c.type]));
      expect(types).toEqual({
        a: ColumnType.Int,
        b: ColumnType.Double,
        c: ColumnType.Bool,
        d: ColumnType.Long,
        e: ColumnType.Json,
        f: ColumnType.String,
      });
      const read = readFlatGeobufFeatures(path).features.map((f) => f.properties);
      expect(read).toContainEqual({ a: null, b: 1, c: true, d: 1, e: 'x', f: null });
      expect(read).toContainEqual({ a: 5, b: 1.5, c: false, d: 2 ** 40, e: 3, f: null });
      const info = ogrinfo('-al', '-so', path);
      expect(info.stderr).toBe('');
      expect(info.stdout).toMatch(/^d: Integer64/m);
    },
  );

  itWithGdal('writes a valid file without features (and without index)', async () => {
    const path = writeFgb([]);
    expect(structure(path).header).toMatchObject({ featuresCount: 0, indexNodeSize: 0 });
    expect(readFlatGeobufFeatures(path).features).toEqual([]);
    const info = ogrinfo('-al', '-so', path);
    expect(info.stderr).toBe('');
    expect(info.stdout).toContain('Feature Count: 0');
  });

  it('goes through AtomicFileSet, which now takes bytes as well as text, in order, across its 1 MB writes', async () => {
    const path = join(tempDir(), 'mixed.bin');
    const big = Buffer.alloc(1_500_000, 7);
    const chunks: (string | Uint8Array)[] = ['ä', Buffer.from('b'), 'c'.repeat(1_100_000), big, 'z'];
    const set = new AtomicFileSet();
    set.write(path, chunks);
    set.commit();
    expect(readFileSync(path).equals(Buffer.concat(chunks.map((c) => Buffer.from(c))))).toBe(true);
  });

  itWithGdal('is converted by ogr2ogr to GeoJSON without complaint', async () => {
    const path = writeFgb(features.slice(0, 40));
    const target = join(tempDir(), 'back.geojson');
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', target, path], { stdio: 'pipe' });
    expect(readGeoJsonFeatures(target).features).toHaveLength(40);
  });
});
