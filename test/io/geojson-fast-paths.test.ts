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
  bom = '',
) {
  const path = join(dir, name);
  writeFileSync(path, bom + collection(features, false, crs));
  const fast = await outcome(() => read(path));
  writeFileSync(path, bom + collection(features, true, crs));
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

/** A closed ring of `n` positions on a circle around (7, 51). */
function circle(n: number): string {
  const positions = Array.from({ length: n }, (_, k) => {
    const a = (2 * Math.PI * k) / n;
    return `[${(7 + 0.1 * Math.cos(a)).toFixed(7)},${(51 + 0.1 * Math.sin(a)).toFixed(7)}]`;
  });
  return `[${[...positions, positions[0]].join(',')}]`;
}

describe('the fast paths at their edges', () => {
  it('reads features of one layout, and of others between them, as the exact path does', async () => {
    const point = (properties: string, coordinates: string) =>
      `{"type":"Feature","properties":{${properties}},"geometry":{"type":"Point","coordinates":${coordinates}}}`;
    const features = [
      point('"households":3', '[7,51]'),
      point('"households":5', '[7.5,51.5]'),
      point('"households":"9"', '[7.1,51.1]'),
      point('"households":"8"', '[7.2,51.1]'),
      point('"households":null', '[7.3,51.1]'),
      point('"households":2e0', '[7.3,51.1]'),
      point('', '[7.4,51.2]'),
      point('', '[7.45,51.25]'),
      point('', '[7.4,51.2,3]'),
      point('', '[ 7.4 , 51.2 ]'),
      point('"households":1', '[7.4,91]'),
      point('"households":1.5', '[7.4,51]'),
    ];
    for (const invalid of ['fail', 'skip'] as InvalidPolicy[]) {
      const { fast, exact } = await bothPaths('layouts.geojson', features, (p) =>
        readHouseholds(p, { invalid }),
      );
      expect(fast).toEqual(exact);
    }
  });

  it('reads rings across the pooled blocks, and one longer than a block, as the exact path does', async () => {
    const polygon = (ring: string, k: number) =>
      `{"type":"Feature","properties":{"operator":"o${k % 3}","technology":"LTE"},"geometry":{"type":"Polygon","coordinates":[${ring}]}}`;
    const features = [
      ...Array.from({ length: 300 }, (_, k) => polygon(circle(997 + k), k)),
      polygon(circle(300_000), 1),
    ];
    const { fast, exact } = await bothPaths('rings.geojson', features, (p) => readCoverage([p]));
    expect(fast).toEqual(exact);
  });

  it('reads coverage features of one layout, and of others between them, as the exact path does', async () => {
    const square = '[[7,51],[7.1,51],[7.1,51.1],[7,51]]';
    const feature = (properties: string, geometry: string) =>
      `{"type":"Feature","properties":{${properties}},"geometry":{${geometry}}}`;
    const lte = '"operator":"a","technology":"LTE"';
    const features = [
      feature(lte, `"coordinates":[${square}],"type":"Polygon"`),
      feature(lte, `"coordinates":[${circle(12)}],"type":"Polygon"`),
      feature(lte, `"coordinates":[[${square}]],"type":"MultiPolygon"`),
      feature(lte, `"coordinates":[[${square}]],"type":"Polygon"`),
      feature(lte, `"coordinates":[${square}],"type":"Point"`),
      feature(lte, `"coordinates":[${square},${circle(5)}],"type":"Polygon"`),
      feature(lte, `"coordinates":[${square}],"type":"Polygon","bbox":[7,51,7.1,51.1]`),
      `{"id":7,"type":"Feature","properties":{${lte},"synthetic":true},"geometry":{"type":"Polygon","coordinates":[${square}]}}`,
      `{"id":7,"type":"Feature","properties":{${lte},"synthetic":true},"geometry":{"type":"Polygon","coordinates":[${circle(7)}]}}`,
      `{"id":[7],"type":"Feature","properties":{${lte},"synthetic":true},"geometry":{"type":"Polygon","coordinates":[${circle(7)}]}}`,
    ];
    for (const invalid of ['fail', 'skip'] as InvalidPolicy[]) {
      const { fast, exact } = await bothPaths('layouts-coverage.geojson', features, (p) =>
        readCoverage([p], { invalid }),
      );
      expect(fast).toEqual(exact);
    }
  });

  it('reads text after a byte order mark, and names and values beyond ASCII, as the exact path does', async () => {
    const households = [
      '{"type":"Feature","properties":{"Gemeinde":"Köln","households":3},"geometry":{"type":"Point","coordinates":[6.95,50.94]}}',
      '{"type":"Feature","properties":{"households":"Ⅳ"},"geometry":{"type":"Point","coordinates":[6.95,50.94]}}',
      '{"type":"Feature","properties":{"höuseholds":2},"geometry":{"type":"Point","coordinates":[6.95,50.94]}}',
    ];
    const coverage = [
      `{"type":"Feature","properties":{"operator":"Telefónica","technology":"5G"},"geometry":{"type":"Polygon","coordinates":[${circle(40)}]}}`,
      `{"type":"Feature","properties":{"operator":"Telef\\u00f3nica","technology":"5G","Straße":1},"geometry":{"type":"Polygon","coordinates":[${circle(40)}]}}`,
    ];
    for (const invalid of ['fail', 'skip'] as InvalidPolicy[]) {
      for (const bom of ['', '\ufeff']) {
        const read = (path: string) => readHouseholds(path, { invalid });
        const { fast, exact } = await bothPaths('bom.geojson', households, read, '', bom);
        expect(fast).toEqual(exact);
        const covered = await bothPaths('bom-coverage.geojson', coverage, (p) => readCoverage([p]), '', bom);
        expect(covered.fast).toEqual(covered.exact);
      }
    }
  });
});
