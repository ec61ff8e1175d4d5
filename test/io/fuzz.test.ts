import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { isInputError } from '../../src/errors.js';
import { readCoverage } from '../../src/io/coverage-read.js';
import { readHouseholds } from '../../src/io/households-read.js';
import type { InvalidPolicy } from '../../src/io/read-options.js';
import { readRegions } from '../../src/io/regions-read.js';
import { HAND, tempDir } from '../helpers.js';

/** Mutations of real inputs: flipped bytes, cut tails, repeated and deleted spans, stray tokens. */
function mutate(text: string, rnd: () => number): string {
  const tokens = [
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
  let s = text;
  const steps = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < steps; k++) {
    const at = Math.floor(rnd() * s.length);
    const op = Math.floor(rnd() * 5);
    if (op === 0) s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(rnd() * 95)) + s.slice(at + 1);
    else if (op === 1) s = s.slice(0, at);
    else if (op === 2) s = s.slice(0, at) + s.slice(at, at + 20) + s.slice(at);
    else if (op === 3) s = s.slice(0, at) + s.slice(at + Math.floor(rnd() * 30));
    else s = s.slice(0, at) + tokens[Math.floor(rnd() * tokens.length)] + s.slice(at);
  }
  return s;
}

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
      const rnd = seededRandom(name.length * 7919);
      const failures: string[] = [];
      const attempt = async (content: string | Buffer, label: string) => {
        const path = join(dir, name);
        writeFileSync(path, content);
        const started = performance.now();
        try {
          await read(path);
        } catch (error) {
          if (!isInputError(error))
            failures.push(`${label}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
          else if ((error as Error).message.includes('\n')) failures.push(`${label}: multi-line message`);
        }
        if (performance.now() - started > 2000)
          failures.push(`${label}: took ${performance.now() - started} ms`);
      };
      for (let k = 0; k < 300; k++) await attempt(mutate(original, rnd), `mutation ${k}`);
      for (let k = 0; k < 50; k++) {
        const bytes = Buffer.alloc(Math.floor(rnd() * 200));
        for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rnd() * 256);
        await attempt(bytes, `random ${k}`);
      }
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
