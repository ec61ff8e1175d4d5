import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { readCoverage } from '../../src/io/coverage.js';
import { readHouseholds } from '../../src/io/households.js';
import { readRegions } from '../../src/io/regions.js';
import type { InvalidPolicy } from '../../src/io/skipped.js';
import { fuzzFailures } from '../fuzz.js';
import { HAND, tempDir } from '../helpers.js';

/** Stray tokens for JSON and CSV readers. */
const TOKENS = [
  '',
  '-',
  'NaN',
  '1e308',
  '"x"',
  'null',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  '\n',
  '\ufeff',
  '0x10',
  'Infinity',
  '""',
];

const readers: [string, string, (path: string, invalid?: InvalidPolicy) => unknown][] = [
  ['households.geojson', `${HAND}households.geojson`, (p, invalid) => readHouseholds(p, { invalid })],
  ['households.csv', '', (p, invalid) => readHouseholds(p, { invalid })],
  ['coverage.geojson', `${HAND}coverage.geojson`, (p, invalid) => readCoverage([p], { invalid })],
  ['regions.geojson', `${HAND}regions.geojson`, (p, invalid) => readRegions(p, 'id', 'name', { invalid })],
];
const CSV = 'lon,lat,households\n7.1,51.2,3\n7.2,51.3,\n6.9,50.8,12\n';

describe('readers on broken input end in a result or an InputError, never another exception', () => {
  it.each(readers)(
    '%s: 300 mutations of a real file and 50 random byte strings',
    async (name, source, read) => {
      const dir = tempDir();
      const original = source ? readFileSync(source, 'utf8') : CSV;
      const failures = await fuzzFailures(read, join(dir, name), original, TOKENS, name.length * 7919);
      expect(failures).toEqual([]);
    },
  );
});

describe('readers on arbitrary GeoJSON-shaped values (fast-check)', () => {
  const geometry = fc.oneof(
    fc.constant(null),
    fc.record({
      type: fc.constantFrom('Point', 'Polygon', 'MultiPolygon', 'LineString', 'GeometryCollection', 'point'),
      coordinates: fc.anything({ maxDepth: 4 }),
    }),
    fc.anything({ maxDepth: 3 }),
  );
  const feature = fc.oneof(
    fc.record({
      type: fc.constant('Feature'),
      properties: fc.oneof(
        fc.anything({ maxDepth: 2 }),
        fc.record({
          households: fc.anything(),
          operator: fc.anything(),
          technology: fc.anything(),
          id: fc.anything(),
        }),
      ),
      geometry,
    }),
    fc.anything({ maxDepth: 2 }),
  );
  it.each(readers.filter(([name]) => name.endsWith('.geojson')))(
    '%s: each value ends in a result or an InputError',
    async (name, _source, read) => {
      const dir = tempDir();
      await fc.assert(
        fc.asyncProperty(
          fc.array(feature, { maxLength: 5 }),
          fc.constantFrom('fail', 'skip', 'repair'),
          async (features, invalid) => {
            const path = join(dir, name);
            writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
            try {
              await read(path, invalid);
            } catch (error) {
              if (!isInputError(error)) throw error;
              expect(error.message).not.toContain('\n');
            }
          },
        ),
        { numRuns: 200, seed: 5 },
      );
    },
  );
});
