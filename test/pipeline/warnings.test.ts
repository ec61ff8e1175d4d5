import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AnalyzeOptions, analyze } from '../../src/pipeline/analyze.js';
import { HAND, HAND_INPUTS, validateSummary } from '../helpers.js';

const BAD = new URL('../fixtures/bad/', import.meta.url).pathname;
const TIFF = new URL('../fixtures/geotiff/', import.meta.url).pathname;
const BREMEN = new URL('../fixtures/bnetza/mobilfunk-monitoring-2024-01-bremen-100m.csv.gz', import.meta.url)
  .pathname;

/** The hand-built scenario (near 7°E 51°N, in NRW) with other coverage. */
const hand = (coverage: string[], more: Partial<AnalyzeOptions> = {}) =>
  analyze({
    ...HAND_INPUTS,
    coverage,
    workers: 0,
    ...more,
  });

const codes = (warnings: { code: string; input: string }[]) => warnings.map((w) => [w.code, w.input]);

describe('summary warnings: coverage that does not reach the regions', () => {
  it('none for the hand-built scenario, with the coverage extent on the record', async () => {
    const { summary } = await hand([`${HAND}coverage.geojson`]);
    expect(summary.warnings).toEqual([]);
    expect(summary.inputs[1].extent).toEqual([7, 51, 7.25, 51.125]);
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
  });

  it('NRW households against the Bremen grid: the grid lies outside the regions', async () => {
    const { summary } = await hand([BREMEN]);
    expect(codes(summary.warnings)).toEqual([['coverage-outside-regions', BREMEN]]);
    expect(summary.warnings[0].message).toMatch(
      /bremen-100m\.csv\.gz: its coverage \[8\.48\d*, 53\.01\d*, 8\.99\d*, 53\.61\d*\] lies outside the regions \[7, 51, 7\.6875, 51\.6875\]/,
    );
    expect((summary.inputs[1].extent as number[]).map((v) => Math.round(v * 10) / 10)).toEqual([
      8.5, 53, 9, 53.6,
    ]);
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
  });

  it('a GeoJSON coverage file elsewhere, beside one that reaches the regions', async () => {
    const outside = `${BAD}coverage-outside-regions.geojson`;
    const { summary } = await hand([`${HAND}coverage.geojson`, outside]);
    expect(codes(summary.warnings)).toEqual([['coverage-outside-regions', outside]]);
    expect(summary.inputs[2].extent).toEqual([8.5, 53, 8.625, 53.125]);
  });

  it('a coverage file that reaches a corner of the regions only', async () => {
    const partial = `${BAD}coverage-partial.geojson`;
    const { summary } = await hand([partial]);
    expect(codes(summary.warnings)).toEqual([['coverage-partial', partial]]);
    expect(summary.warnings[0].message).toContain("reaches only 3 % of the regions' area (1 of 3 regions)");
  });

  it('a raster with no covered cell: extent null, its operator gets no coverage', async () => {
    const raster = `${TIFF}vodafone_lte.tif`;
    const { summary } = await hand([`${HAND}coverage.geojson`, raster], { read: { thresholds: { lte: 0 } } });
    expect(summary.inputs[2].extent).toBeNull();
    expect(codes(summary.warnings)).toEqual([['coverage-empty', raster]]);
    expect(summary.warnings[0].message).toMatch(
      /vodafone_lte\.tif: no coverage in it \(none of its 20 features or cells is valid and covered\); operator "vodafone" gets no coverage$/,
    );
    expect(Object.keys(summary.totals.operators)).not.toContain('vodafone');
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
  });

  it("an operator whose every feature was skipped, and a warning for the file's skips", async () => {
    const file = `${BAD}coverage-operator-invalid.geojson`;
    const { summary } = await hand([file], { read: { invalid: 'skip' } });
    expect(codes(summary.warnings)).toEqual([
      ['operator-without-coverage', file],
      ['skipped', file],
    ]);
    expect(summary.warnings[0].message).toBe(
      `${file}: operator "B" is named, but none of its features was valid: it gets no coverage`,
    );
    expect(summary.warnings[1].message).toBe(
      `${file}: 1 of 2 features skipped as invalid, most for self-intersection (1); see invalid in summary.json`,
    );
  });
});

/** The hand coverage with some operators' features moved east by `shift` degrees, as a temp file. */
const work = mkdtempSync(join(tmpdir(), 'funkatlas-operator-extent-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
function moved(operators: string[], shift: number, name: string, north = 0): string {
  const collection = JSON.parse(readFileSync(`${HAND}coverage.geojson`, 'utf8'));
  const move = (c: unknown): unknown =>
    typeof (c as number[])[0] === 'number'
      ? [(c as number[])[0] + shift, (c as number[])[1] + north]
      : (c as unknown[]).map(move);
  for (const f of collection.features)
    if (operators.includes(f.properties.operator)) f.geometry.coordinates = move(f.geometry.coordinates);
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(collection));
  return path;
}

describe('summary warnings: an operator whose coverage lies outside the regions', () => {
  it('operator C moved 20° east while A and B cover the regions', async () => {
    const file = moved(['C'], 20, 'c-east.geojson');
    const { summary } = await hand([file]);
    expect(codes(summary.warnings)).toEqual([['operator-outside-regions', file]]);
    expect(summary.warnings[0].message).toBe(
      `${file}: operator "C" has coverage only in [27.1875, 51.0625, 27.25, 51.125], which meets none of the regions (in [7, 51, 7.6875, 51.6875]): it covers no household in them (its features misplaced, or in another CRS?)`,
    );
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
  });

  it('B and C moved (20° east, 10° north): one warning each, in the order of their layers', async () => {
    const bEast = JSON.parse(readFileSync(moved(['B'], 20, 'b-east.geojson'), 'utf8'));
    const cNorth = JSON.parse(readFileSync(moved(['C'], 0, 'c-north.geojson', 10), 'utf8'));
    bEast.features = bEast.features.map((f: { properties: { operator: string } }, k: number) =>
      f.properties.operator === 'C' ? cNorth.features[k] : f,
    );
    const file = join(work, 'b-east-c-north.geojson');
    writeFileSync(file, JSON.stringify(bEast));
    const { summary } = await hand([file]);
    expect(summary.warnings.map((w) => w.message.replace(/^.*?: /, ''))).toEqual([
      expect.stringMatching(/^operator "B" has coverage only in \[27\.0313, 51, 27\.25, 51\.0625\]/),
      expect.stringMatching(/^operator "C" has coverage only in \[7\.1875, 61\.0625, 7\.25, 61\.125\]/),
    ]);
    expect(codes(summary.warnings)).toEqual([
      ['operator-outside-regions', file],
      ['operator-outside-regions', file],
    ]);
  });

  it('C moved into the gap between the regions (inside their common box, in none of theirs)', async () => {
    const file = moved(['C'], 0.25, 'c-gap.geojson');
    const { summary } = await hand([file]);
    expect(codes(summary.warnings)).toEqual([['operator-outside-regions', file]]);
  });

  it('C moved in one of two files: its layer still reaches the regions through the other, no warning', async () => {
    const { summary } = await hand([`${HAND}coverage.geojson`, moved(['C'], 20, 'c-east-too.geojson')]);
    expect(summary.warnings).toEqual([]);
  });

  it('every operator moved: the file warning says it, no warning per operator', async () => {
    const file = moved(['A', 'B', 'C'], 20, 'all-east.geojson');
    const { summary } = await hand([file]);
    expect(codes(summary.warnings)).toEqual([['coverage-outside-regions', file]]);
  });

  it('an operator moved only a little (into another region): no warning', async () => {
    const file = moved(['C'], -0.0625, 'c-near.geojson');
    const { summary } = await hand([file]);
    expect(summary.warnings).toEqual([]);
  });

  it('the unmodified hand scenario: no warning', async () => {
    const { summary } = await hand([`${HAND}coverage.geojson`]);
    expect(summary.warnings).toEqual([]);
  });
});
