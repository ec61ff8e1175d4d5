import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { isInputError } from '../../src/errors.js';
import { readCoverage } from '../../src/io/coverage-read.js';
import { readHouseholds } from '../../src/io/households-read.js';
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

const readers: [string, string, (path: string) => unknown][] = [
  ['households.geojson', `${HAND}households.geojson`, (p) => readHouseholds(p)],
  ['households.csv', '', (p) => readHouseholds(p)],
  ['coverage.geojson', `${HAND}coverage.geojson`, (p) => readCoverage([p])],
  ['regions.geojson', `${HAND}regions.geojson`, (p) => readRegions(p)],
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
