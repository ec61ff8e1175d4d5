import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCoverage } from '../../src/io/coverage.js';
import { readZensusHouseholds } from '../../src/io/zensus/grid-read.js';
import { fuzzFailures } from '../fuzz.js';
import { tempDir } from '../helpers.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const bremenHead = gunzipSync(fixture('bnetza/mobilfunk-monitoring-2024-01-bremen-100m.csv.gz'))
  .subarray(0, 8000)
  .toString('latin1')
  .replace(/\n[^\n]*$/, '\n');

/** Stray tokens for grid CSVs. */
const TOKENS = [
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
    const failures = await fuzzFailures(
      read,
      join(dir, 'grid.csv'),
      original,
      TOKENS,
      name.length * 104729,
      'latin1',
    );
    expect(failures).toEqual([]);
  });
});
