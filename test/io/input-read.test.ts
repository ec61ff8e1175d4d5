import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCoverage } from '../../src/io/coverage.js';
import { readHouseholds } from '../../src/io/households.js';
import { summaryRecord } from '../../src/io/input-read.js';
import { readRegions } from '../../src/io/regions.js';
import { HAND, tempDir } from '../helpers.js';

const KEYS = ['role', 'path', 'sha256', 'bytes', 'features', 'format'];

describe('InputRead: one record per input file, built in one place', () => {
  it('gives every role the keys of summary.json, in its order, and coverage its extent', async () => {
    const households = await readHouseholds(`${HAND}households.geojson`);
    const coverage = await readCoverage([`${HAND}coverage.geojson`, `${HAND}coverage.geojson`]);
    const regions = readRegions(`${HAND}regions.geojson`, 'id', 'name');
    expect(Object.keys(summaryRecord(households.input))).toEqual(KEYS);
    expect(coverage.inputs).toHaveLength(2);
    for (const input of coverage.inputs) {
      expect(Object.keys(summaryRecord(input))).toEqual([...KEYS, 'extent']);
      expect(input.extent).toHaveLength(4);
    }
    expect(Object.keys(summaryRecord(regions.input))).toEqual(KEYS);
    expect(households.input).toMatchObject({ role: 'households', format: 'geojson', features: 9 });
  });

  it('keeps skips and repairs on the read, out of the summary record', async () => {
    const path = join(tempDir(), 'households.geojson');
    const point = (coordinates: unknown) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates },
    });
    writeFileSync(
      path,
      JSON.stringify({ type: 'FeatureCollection', features: [point([7, 51]), point([700, 51])] }),
    );
    const { input } = await readHouseholds(path, { invalid: 'skip' });
    expect(input.skipped?.reasons).toEqual({ 'out-of-range': 1 });
    expect(summaryRecord(input)).not.toHaveProperty('skipped');
    expect(summaryRecord(input)).not.toHaveProperty('repairs');
    expect(summaryRecord(input).features).toBe(2);
  });
});
