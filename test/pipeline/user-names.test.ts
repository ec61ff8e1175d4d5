import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { readCoverage } from '../../src/io/coverage.js';
import { readFeatures } from '../../src/io/feature-read.js';
import { flatGeobufChunks } from '../../src/io/flatgeobuf/flatgeobuf-write.js';
import { polygonsOf } from '../../src/io/geometry-check.js';
import { readRegions } from '../../src/io/regions.js';
import type { OperatorStats } from '../../src/model/stats.js';
import { type AnalysisResult, analyze } from '../../src/pipeline/analyze.js';
import { writeOutputs } from '../../src/pipeline/write-outputs.js';
import { HAND, plainGeometry, tempDir, validateSummary } from '../helpers.js';

/**
 * Operator, technology and property names that are JavaScript's own (`__proto__`, `constructor`, …)
 * are the user's data: the hand-built scenario renamed must give the same figures under those names.
 */
const OPERATORS: Record<string, string> = { A: '__proto__', B: 'constructor', C: 'toString' };
const RENAMED_3G = 'constructor';
/** A fourth operator with C's polygon, under a fifth technology. */
const EXTRA = { operator: 'hasOwnProperty', technology: '__proto__' };

/** An object with these own properties; `__proto__` too (Object.fromEntries defines, never sets). */
const own = (...entries: [string, unknown][]) => Object.fromEntries(entries);

const dir = tempDir();

/** `--threshold` as the CLI parses it. */
function parseThresholds(value: string): Record<string, number> {
  const argv = ['analyze', '--households', 'h', '--coverage', 'c', '--regions', 'r', '--out', 'o'];
  const command = parseCommand([...argv, '--threshold', value]);
  if (command.name !== 'analyze' || !command.args.thresholds) throw new Error('no thresholds parsed');
  return command.args.thresholds;
}
const handJson = (file: string) => JSON.parse(readFileSync(`${HAND}${file}`, 'utf8'));

/** The hand-built coverage with the operators and the technology 3G renamed, plus EXTRA. */
function renamedCoverage(): string {
  const doc = handJson('coverage.geojson');
  const features = doc.features.map((f: { properties: { operator: string; technology: string } }) => ({
    ...f,
    properties: own(
      ['operator', OPERATORS[f.properties.operator]],
      ['technology', f.properties.technology === '3G' ? RENAMED_3G : f.properties.technology],
    ),
  }));
  const c = features.find((f: { properties: { operator: string } }) => f.properties.operator === 'toString');
  features.push({ ...c, properties: own(['operator', EXTRA.operator], ['technology', EXTRA.technology]) });
  const path = join(dir, 'coverage-renamed.geojson');
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
  return path;
}

/** The hand-built regions with their key in `idKey` and their name in `nameKey`. */
function renamedRegions(idKey: string, nameKey: string): string {
  const doc = handJson('regions.geojson');
  for (const f of doc.features) f.properties = own([idKey, f.properties.id], [nameKey, f.properties.name]);
  const path = join(dir, `regions-${idKey}-${nameKey}.geojson`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const base = { households: `${HAND}households.geojson`, regions: `${HAND}regions.geojson` };
let reference: AnalysisResult;
let coverage: string;
beforeAll(async () => {
  reference = await analyze({ ...base, coverage: [`${HAND}coverage.geojson`], workers: 0 });
  coverage = renamedCoverage();
});

describe('prototype names as operators and technologies', () => {
  it.each([0, 1])('keeps every name and its figures, --workers %i, in every output', async (workers) => {
    const result = await analyze({ ...base, coverage: [coverage], workers });
    const out = join(dir, `out-${workers}`);
    writeOutputs(result, out, { formats: ['geojson', 'fgb'] });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(validateSummary(summary)).toBe(true);
    for (const stats of [summary.totals, ...summary.regions]) {
      const ref =
        stats.id === undefined
          ? reference.summary.totals
          : reference.summary.regions.find((r) => r.id === stats.id)!;
      expect(Object.keys(stats.operators).sort()).toEqual(
        [...Object.values(OPERATORS), EXTRA.operator].sort(),
      );
      for (const [was, name] of Object.entries(OPERATORS))
        expect(Object.getOwnPropertyDescriptor(stats.operators, name)?.value).toEqual(ref.operators[was]);
      const extra: OperatorStats = stats.operators[EXTRA.operator];
      expect(extra.households_lte).toBe(0);
      expect(Object.keys(stats.other_technologies).sort()).toEqual([EXTRA.technology, RENAMED_3G].sort());
      for (const technology of [RENAMED_3G, EXTRA.technology])
        expect(Object.getOwnPropertyDescriptor(stats.other_technologies, technology)?.value).toEqual(
          ref.other_technologies?.['3g'],
        );
    }
    const header = readFileSync(join(out, 'regions.csv'), 'utf8').split(/\r?\n/)[0].split(',');
    const wanted = [
      '__proto___households_5g',
      'constructor_share_lte',
      'toString_households_lte',
      'hasOwnProperty_share_5g',
      'households_constructor',
      'share___proto__',
    ];
    expect(header).toEqual(expect.arrayContaining(wanted));
    expect(header.join(',')).not.toMatch(/function|native code|undefined|object/i);
    for (const format of ['geojson', 'fgb'] as const) {
      const { features } = readFeatures(join(out, `regions.${format}`), format, {});
      const r1 = features.find((f) => f.properties.id === 'R1')!.properties;
      expect(Object.keys(r1)).toEqual(expect.arrayContaining(wanted));
      expect(r1.__proto___households_lte).toBe(reference.summary.regions[0].operators.A.households_lte);
      expect(r1.households_constructor).toBe(
        reference.summary.regions[0].other_technologies?.['3g']?.households ?? 0,
      );
    }
  });

  it('reads the names from FlatGeobuf properties and GeoTIFF file names', async () => {
    const doc = JSON.parse(readFileSync(coverage, 'utf8'));
    const features = doc.features.map(
      (f: { geometry: unknown; properties: Record<string, unknown> }, k: number) => ({
        polygons: polygonsOf(plainGeometry(f.geometry), { file: coverage, feature: k }),
        properties: f.properties,
      }),
    );
    const fgb = join(dir, 'coverage-renamed.fgb');
    writeFileSync(
      fgb,
      Buffer.concat([...flatGeobufChunks(features, { name: 'coverage' })].map((c) => Buffer.from(c))),
    );
    const fromFgb = await readCoverage([fgb]);
    // FlatGeobuf keeps features in the order of its spatial index.
    expect(fromFgb.coverage.layers.map((l) => `${l.operator}/${l.technology}`).sort()).toEqual([
      '__proto__/5g',
      '__proto__/lte',
      'constructor/5g',
      'constructor/lte',
      'hasOwnProperty/__proto__',
      'toString/constructor',
    ]);
    const tiff = join(dir, '__proto___constructor.tif');
    copyFileSync(new URL('../fixtures/geotiff/vodafone_lte.tif', import.meta.url), tiff);
    // A signal-strength raster: its threshold is looked up by the technology `constructor`.
    const thresholds = parseThresholds('__proto__=-100,constructor=-200');
    expect(Object.entries(thresholds)).toEqual([
      ['__proto__', -100],
      ['constructor', -200],
    ]);
    const fromTiff = await readCoverage([tiff], { thresholds });
    expect(fromTiff.coverage.layers).toEqual([{ operator: '__proto__', technology: 'constructor' }]);
  });
});

describe('prototype names as region properties', () => {
  it.each([
    ['constructor', '__proto__'],
    ['__proto__', 'toString'],
    ['toString', 'constructor'],
  ])('--region-id %s --region-name %s', async (idKey, nameKey) => {
    const regions = renamedRegions(idKey, nameKey);
    for (const workers of [0, 1]) {
      const result = await analyze({
        ...base,
        regions,
        coverage: [coverage],
        regionId: idKey,
        regionName: nameKey,
        workers,
      });
      expect(result.summary.regions.map((r) => [r.id, r.name])).toEqual([
        ['R1', 'West'],
        ['R2', 'East'],
        ['R3', 'Empty'],
      ]);
      expect(result.summary.options).toEqual({ region_id: idKey, region_name: nameKey });
    }
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses --region-id or --region-name %s that no region has, listing the properties there are',
    (key) => {
      const path = `${HAND}regions.geojson`;
      expect(() => readRegions(path, key)).toThrow(
        new RegExp(
          `field properties.${key}: no region has this property — .*--region-id \\(properties: id, name\\)$`,
        ),
      );
      expect(() => readRegions(path, 'id', key)).toThrow(
        new RegExp(
          `field properties.${key}: no region has this property — .*--region-name \\(properties: id, name\\)$`,
        ),
      );
    },
  );

  it('a FlatGeobuf column named __proto__ or constructor is a property like any other', () => {
    const doc = handJson('regions.geojson');
    const features = doc.features.map(
      (f: { geometry: unknown; properties: { id: string; name: string } }, k: number) => ({
        polygons: polygonsOf(f.geometry, { file: 'regions', feature: k }),
        properties: own(['__proto__', f.properties.id], ['constructor', f.properties.name]),
      }),
    );
    const fgb = join(dir, 'regions-proto.fgb');
    writeFileSync(
      fgb,
      Buffer.concat([...flatGeobufChunks(features, { name: 'regions' })].map((c) => Buffer.from(c))),
    );
    const { regions } = readRegions(fgb, '__proto__', 'constructor');
    expect(regions.ids).toEqual(['R1', 'R2', 'R3']);
    expect(regions.names).toEqual(['West', 'East', 'Empty']);
  });
});

describe('operator and technology names that would share a column', () => {
  it('are refused across files, naming the later file, feature and field', async () => {
    const first = join(dir, 'technology-households-5g.geojson');
    const second = join(dir, 'operator-households.geojson');
    const layer = (operator: string, technology: string) =>
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { operator, technology },
            geometry: handJson('coverage.geojson').features[0].geometry,
          },
        ],
      });
    writeFileSync(first, layer('X', 'households_5g'));
    writeFileSync(second, layer('households', 'LTE'));
    await expect(readCoverage([first, second])).rejects.toThrow(
      `${second}, feature 0, field properties.operator: operator "households" would write the column households_households_5g, which technology "households_5g" writes too (value: "households")`,
    );
    await expect(readCoverage([second, first])).rejects.toThrow(
      `${first}, feature 0, field properties.technology: technology "households_5g" would write the column households_households_5g, which operator "households" writes too (value: "households_5g")`,
    );
  });

  it('are refused for GeoTIFF names too (field OPERATOR), compared ignoring case', async () => {
    const lte = join(dir, 'vodafone_lte.tif');
    const nr = join(dir, 'VODAFONE_5g.tif');
    copyFileSync(new URL('../fixtures/geotiff/vodafone_lte.tif', import.meta.url), lte);
    copyFileSync(new URL('../fixtures/geotiff/vodafone_lte.tif', import.meta.url), nr);
    const thresholds = parseThresholds('lte=-200,5g=-200');
    await expect(readCoverage([lte, nr], { thresholds })).rejects.toThrow(
      /VODAFONE_5g.tif, feature 0, field OPERATOR: operator "VODAFONE" would write the column VODAFONE_households_5g, which operator "vodafone" writes too \(value: "VODAFONE"\)/,
    );
  });
});
