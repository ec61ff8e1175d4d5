import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { isInputError } from '../../src/errors.js';
import { readCoverage } from '../../src/io/coverage-read.js';
import { readZensusHouseholds } from '../../src/io/zensus-grid-read.js';
import { tempDir } from '../helpers.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const bremenHead = gunzipSync(fixture('bnetza/mobilfunk-monitoring-2024-01-bremen-100m.csv.gz'))
  .subarray(0, 8000)
  .toString('latin1')
  .replace(/\n[^\n]*$/, '\n');

/** Mutations of grid CSVs: flipped bytes, cut tails, repeated and deleted spans, grid-specific stray tokens. */
function mutate(text: string, rnd: () => number): string {
  const tokens = [
    '',
    '-',
    '-1',
    '\x96',
    '–',
    ',',
    ';',
    '\n',
    '\r\n',
    '"',
    '100mN',
    'E',
    '99999999999',
    '1e9',
    '0,5',
    '.',
    'NaN',
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

const cases: [string, string, (path: string) => unknown][] = [
  [
    'zensus 100 m cp1252',
    fixture('zensus/zensus2022-100m-cp1252.csv').toString('latin1'),
    (p) => readZensusHouseholds(p, {}),
  ],
  [
    'zensus 1 km',
    fixture('zensus/zensus2011-1km.csv').toString('latin1'),
    (p) => readZensusHouseholds(p, { householdSize: 2 }),
  ],
  ['bnetza', bremenHead, (p) => readCoverage([p], {}, 'bnetza')],
];

describe('grid readers on broken input end in a result or a one-line InputError, never another exception', () => {
  it.each(cases)('%s: 300 mutations and 50 random byte strings', async (name, original, read) => {
    const dir = tempDir();
    const rnd = seededRandom(name.length * 104729);
    const failures: string[] = [];
    const attempt = async (content: Buffer, label: string) => {
      const path = join(dir, 'grid.csv');
      writeFileSync(path, content);
      try {
        await read(path);
      } catch (error) {
        if (!isInputError(error))
          failures.push(`${label}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
        else if ((error as Error).message.includes('\n')) failures.push(`${label}: multi-line message`);
      }
    };
    for (let k = 0; k < 300; k++)
      await attempt(Buffer.from(mutate(original, rnd), 'latin1'), `mutation ${k}`);
    for (let k = 0; k < 50; k++) {
      const bytes = Buffer.alloc(Math.floor(rnd() * 200));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rnd() * 256);
      await attempt(bytes, `random ${k}`);
    }
    expect(failures).toEqual([]);
  });
});
