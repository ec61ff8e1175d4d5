import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCoverage } from '../../src/io/coverage.js';
import { readHouseholds } from '../../src/io/households.js';
import type { InvalidPolicy } from '../../src/io/skipped.js';
import { tempDir } from '../helpers.js';

/**
 * The scanners' fast paths against the exact path (JSON.parse of the whole text) on the same
 * features: a duplicate top-level "type" makes every scanner give up, and JSON.parse keeps the last.
 */
const dir = tempDir();

function collection(features: readonly string[], exact: boolean, crs = ''): string {
  const head = exact ? '"type":"x","type":"FeatureCollection"' : '"type":"FeatureCollection"';
  return `{${head}${crs},"features":[\n${features.join(',\n')}\n]}`;
}

/** A read's outcome without what differs by the bytes alone (digest, size): its data, or the error. */
async function outcome(read: () => Promise<unknown>): Promise<unknown> {
  try {
    const result = JSON.parse(
      JSON.stringify(await read(), (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)),
    );
    for (const input of [result.input, ...(result.inputs ?? [])])
      if (input) for (const key of ['sha256', 'bytes']) delete input[key];
    return result;
  } catch (error) {
    return (error as Error).message;
  }
}

async function bothPaths(
  name: string,
  features: string[],
  read: (path: string) => Promise<unknown>,
  crs = '',
) {
  const path = join(dir, name);
  writeFileSync(path, collection(features, false, crs));
  const fast = await outcome(() => read(path));
  writeFileSync(path, collection(features, true, crs));
  const exact = await outcome(() => read(path));
  return { fast, exact };
}

/** Members written as text, so duplicates and escaped keys can be had. */
const member = (key: string, value: string) => `"${key}":${value}`;

const households = fc.constantFrom(
  '',
  member('households', '9'),
  member('households', 'null'),
  member('households', '0'),
  member('households', '-0'),
  member('households', '-1'),
  member('households', '1.5'),
  member('households', '1e2'),
  member('households', '4294967295'),
  member('households', '4294967296'),
  member('households', '"9"'),
  member('households', '" 9 "'),
  member('households', '"007"'),
  member('households', '"x"'),
  member('households', '"12\\u0033"'),
  member('households', 'true'),
  member('households', '[1]'),
  `${member('households', '1')},${member('households', '2')}`,
  member('h\\u006fuseholds', '3'),
  member('name', '"A"'),
);

const position = fc.constantFrom(
  '[7.1,51.2]',
  '[ 7 , 51 ]',
  '[-180,-90]',
  '[180.0000001,51]',
  '[7,90.5]',
  '[7,51,100]',
  '[7]',
  '["7",51]',
  '[7,null]',
  'null',
  '[400000,5700000]',
  '[1e1,5.1E1]',
);

const geometry = fc
  .tuple(fc.constantFrom('"Point"', '"MultiPoint"', '"Polygon"', 'null'), position, fc.boolean())
  .map(([type, coordinates, bbox]) =>
    [
      member('type', type),
      member('coordinates', coordinates),
      ...(bbox ? [member('bbox', '[1,2,3,4]')] : []),
    ].join(','),
  );

const feature = fc
  .tuple(
    fc.constantFrom('"Feature"', '"feature"', '"Feature"', '"Feature"'),
    fc.oneof(
      households.map((h) => `{${h}}`),
      fc.constantFrom('null', '[]', '"p"'),
    ),
    fc.oneof(
      geometry.map((g) => `{${g}}`),
      fc.constantFrom('null', '[7,51]'),
    ),
    fc.constantFrom(
      '',
      member('id', '"a"'),
      member('id', '7'),
      member('id', '{"x":1}'),
      member('geometry', 'null'),
    ),
    fc.boolean(),
  )
  .map(([type, properties, geometry, extra, reversed]) => {
    const members = [member('type', type), member('properties', properties), member('geometry', geometry)];
    if (extra) members.push(extra);
    return `{${(reversed ? members.reverse() : members).join(',')}}`;
  });

describe('the households fast path', () => {
  it.each(['fail', 'skip'] as InvalidPolicy[])(
    'reads as the exact path does, under %s (fast-check)',
    async (invalid) => {
      await fc.assert(
        fc.asyncProperty(fc.array(feature, { minLength: 1, maxLength: 6 }), async (features) => {
          const { fast, exact } = await bothPaths('households.geojson', features, (p) =>
            readHouseholds(p, { invalid }),
          );
          expect(fast).toEqual(exact);
        }),
        { numRuns: 400, seed: 5 },
      );
    },
  );

  it('reads projected points as the exact path does', async () => {
    const crs = ',"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::25832"}}';
    const features = ['[400000,5700000]', '[7,51]', '[410000,5710000]'].map(
      (p) =>
        `{"type":"Feature","properties":{"households":2},"geometry":{"type":"Point","coordinates":${p}}}`,
    );
    for (const invalid of ['fail', 'skip'] as InvalidPolicy[]) {
      const { fast, exact } = await bothPaths(
        'projected.geojson',
        features,
        (p) => readHouseholds(p, { invalid }),
        crs,
      );
      expect(fast).toEqual(exact);
    }
  });
});

const ring = fc.constantFrom(
  '[[7,51],[7.1,51],[7.1,51.1],[7,51]]',
  '[[7,51],[7.1,51],[7.1,51.1],[7,51.1],[7,51]]',
  '[[7,51],[7.1,51.1],[7.1,51],[7,51.1],[7,51]]',
  '[[7,51],[7.1,51],[7.1,51.1]]',
  '[[7,51,3],[7.1,51,3],[7.1,51.1,3],[7,51,3]]',
  '[[7,51],[7.1,"x"],[7.1,51.1],[7,51]]',
  '[]',
);

const coverageFeature = fc
  .tuple(
    fc.constantFrom('"Polygon"', '"MultiPolygon"', '"Point"'),
    fc.array(ring, { minLength: 1, maxLength: 2 }),
    fc.constantFrom('"a"', '"b"', '" "', '7', 'null', '"a","operator":"b"'),
    fc.constantFrom('"LTE"', '"5G"', '"nr"', '""'),
    fc.constantFrom('', ',"synthetic":true', ',"synthetic":false', ',"extra":{"deep":[1,2,{"x":null}]}'),
  )
  .map(([type, rings, operator, technology, more]) => {
    const polygon = `[${rings.join(',')}]`;
    const coordinates = type === '"MultiPolygon"' ? `[${polygon}]` : polygon;
    return `{"type":"Feature","properties":{"operator":${operator},"technology":${technology}${more}},"geometry":{"type":${type},"coordinates":${coordinates}}}`;
  });

describe('the coverage fast path', () => {
  it.each(['fail', 'skip', 'repair'] as InvalidPolicy[])(
    'reads as the exact path does, under %s (fast-check)',
    async (invalid) => {
      await fc.assert(
        fc.asyncProperty(fc.array(coverageFeature, { minLength: 1, maxLength: 4 }), async (features) => {
          const { fast, exact } = await bothPaths('coverage.geojson', features, (p) =>
            readCoverage([p], { invalid }),
          );
          expect(fast).toEqual(exact);
        }),
        { numRuns: 300, seed: 9 },
      );
    },
  );
});
