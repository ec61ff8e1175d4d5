import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { resolveCrs } from '../../src/geometry/crs.js';
import type { MarginLevelFigures } from '../../src/model/summary.js';
import { type AnalyzeOptions, analyze } from '../../src/pipeline/analyze.js';
import { featureCollection, HAND, tempDir, validateSummary } from '../helpers.js';

const TIFF = new URL('../fixtures/geotiff/', import.meta.url).pathname;
const UTM32 = resolveCrs('EPSG:25832');

// vodafone_lte.tif (scripts/fixtures/make-geotiff-fixtures.sh): 5 × 4 cells of 500 m from (400000, 5702000), dBm.
const NODATA = -9999;
const VALUES = [
  [-90, -105, -110, -111, NODATA],
  [-120, -100, -95.5, -110.01, -130],
  [-109.99, -110, -140, -80, -111],
  [-60, NODATA, -112, -105, -110.5],
];
const X0 = 400000;
const Y0 = 5702000;
const CELL = 500;
const THRESHOLDS = { lte: -110, '5g': -100 };
/** West: columns 0–1; east: columns 2–4. */
const regionOf = (c: number) => (c < 2 ? 'W' : 'E');
const weightOf = (c: number, r: number) => 1 + c + 5 * r;

function toLonLat(x: number, y: number): [number, number] {
  const out = new Float64Array([x, y]);
  UTM32.toLonLat(out);
  return [out[0], out[1]];
}

/** The figures at a level, counted cell by cell from the values (the test's own reference). */
function expected(db: number, region?: string): Omit<MarginLevelFigures, 'share_lte' | 'share_5g'> {
  let lte = 0;
  let nr = 0;
  let households = 0;
  for (const [r, row] of VALUES.entries())
    for (const [c, v] of row.entries()) {
      if (region !== undefined && regionOf(c) !== region) continue;
      const w = weightOf(c, r);
      households += w;
      if (v !== NODATA && v >= THRESHOLDS.lte + db) lte += w;
      if (v !== NODATA && v >= THRESHOLDS['5g'] + db) nr += w;
    }
  // One operator: every household it reaches is a grey spot.
  return {
    margin_db: db,
    households_lte: lte,
    households_5g: nr,
    households_no_lte: households - lte,
    households_single_lte: lte,
  };
}

describe('margins on signal-strength rasters', () => {
  const dir = tempDir();
  const files = {
    households: join(dir, 'households.geojson'),
    regions: join(dir, 'regions.geojson'),
    lte: join(dir, 'vodafone_lte.tif'),
    nr: join(dir, 'vodafone_5g.tif'),
  };
  const options = (extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions => ({
    households: files.households,
    coverage: [files.lte, files.nr],
    regions: files.regions,
    read: { thresholds: THRESHOLDS },
    workers: 0,
    ...extra,
  });

  beforeAll(() => {
    copyFileSync(`${TIFF}vodafone_lte.tif`, files.lte);
    // The same values as a 5G layer: operator and technology come from the file name.
    copyFileSync(`${TIFF}vodafone_lte.tif`, files.nr);
    const points = VALUES.flatMap((row, r) =>
      row.map((_, c) => ({
        type: 'Feature',
        properties: { households: weightOf(c, r) },
        geometry: { type: 'Point', coordinates: toLonLat(X0 + (c + 0.5) * CELL, Y0 - (r + 0.5) * CELL) },
      })),
    );
    writeFileSync(files.households, featureCollection(points));
    const [w, s] = toLonLat(X0 - 500, Y0 - 4 * CELL - 500);
    const [e, n] = toLonLat(X0 + 5 * CELL + 500, Y0 + 500);
    const [mid] = toLonLat(X0 + 2 * CELL, Y0 - 2 * CELL);
    const box = (id: string, x0: number, x1: number) => ({
      type: 'Feature',
      properties: { id, name: id },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x0, s],
            [x1, s],
            [x1, n],
            [x0, n],
            [x0, s],
          ],
        ],
      },
    });
    writeFileSync(files.regions, featureCollection([box('W', w, mid), box('E', mid, e)]));
  });

  it('counts each level as the cells at the moved threshold do, monotone, level 0 the nominal run', async () => {
    const plain = await analyze(options());
    const result = await analyze(options({ margin: [6, 3] }));
    const margins = result.summary.margins;
    expect(validateSummary(result.summary)).toBe(true);
    expect(margins?.levels_db).toEqual([-6, -3, 0, 3, 6]);
    expect(margins?.snapshot).toBeNull();
    expect(margins?.inputs).toEqual([
      { path: files.lte, by: 'threshold' },
      { path: files.nr, by: 'threshold' },
    ]);
    const strip = ({ share_lte: _l, share_5g: _n, ...counts }: MarginLevelFigures) => counts;
    expect(margins?.totals.levels.map(strip)).toEqual([-6, -3, 0, 3, 6].map((db) => expected(db)));
    for (const region of margins?.regions ?? [])
      expect(region.levels.map(strip)).toEqual([-6, -3, 0, 3, 6].map((db) => expected(db, region.id)));
    // Looser ⇒ at least as many households covered; the fixture has values in 4 of the 5 steps.
    const lte = margins?.totals.levels.map((l) => l.households_lte) ?? [];
    expect(lte).toEqual([...lte].sort((a, b) => b - a));
    expect(new Set(lte).size).toBe(4);
    const nr = margins?.totals.levels.map((l) => l.households_5g) ?? [];
    expect(nr).toEqual([...nr].sort((a, b) => b - a));
    // Level 0 is the run without a margin, and that run is the same but for `margins`.
    const zero = margins?.totals.levels[2];
    expect(zero).toMatchObject({
      households_lte: plain.summary.totals.households_lte,
      share_lte: plain.summary.totals.share_lte,
      share_5g: plain.summary.totals.share_5g,
      households_no_lte: plain.summary.totals.households_no_lte,
    });
    const { margins: _, generated_at: _t, ...rest } = result.summary;
    const { generated_at: _p, ...plainRest } = plain.summary;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(plainRest));
    expect(result.deadZones).toEqual(plain.deadZones);
  });

  it('gives the same levels on the pool as on one thread', async () => {
    const here = await analyze(options({ margin: [3, 6] }));
    const pooled = await analyze(options({ margin: [3, 6], workers: 2 }));
    expect(pooled.summary.margins).toEqual(here.summary.margins);
  });

  it('with a region filter, has the regions analysed only, in their order', async () => {
    const result = await analyze(options({ regionFilter: ['E'], margin: [3] }));
    const margins = result.summary.margins;
    expect(margins?.regions.map((r) => r.id)).toEqual(['E']);
    expect(margins?.totals.households).toBe(result.summary.totals.households);
    expect(margins?.totals.levels.map((l) => l.households_lte)).toEqual(
      [-3, 0, 3].map((db) => expected(db, 'E').households_lte),
    );
  });

  it('with snapshots, measures the latest one: an earlier snapshot may be any coverage', async () => {
    const result = await analyze(
      options({
        coverage: undefined,
        snapshots: [
          { date: '2024-01-01', coverage: [`${HAND}coverage.geojson`] },
          { date: '2025-01-01', coverage: [files.lte] },
        ],
        margin: [3],
      }),
    );
    expect(result.summary.margins?.snapshot).toBe('2025-01-01');
    expect(result.summary.margins?.totals.levels.map((l) => l.households_lte)).toEqual(
      [-3, 0, 3].map((db) => expected(db).households_lte),
    );
  });
});

describe('margins refused', () => {
  const message = async (options: Partial<AnalyzeOptions>): Promise<string> => {
    try {
      await analyze({
        households: `${HAND}households.geojson`,
        coverage: [`${HAND}coverage.geojson`],
        regions: `${HAND}regions.geojson`,
        workers: 0,
        ...options,
      });
    } catch (error) {
      expect(isInputError(error)).toBe(true);
      return (error as Error).message;
    }
    throw new Error('not refused');
  };

  it('for coverage whose threshold cannot move: vector coverage, a mask raster, in one line', async () => {
    const vector = `${HAND}coverage.geojson`;
    expect(await message({ margin: [3] })).toBe(
      `${vector}, field options.margin: options.margin needs signal strength or predicted levels: no predict.json beside this coverage — ` +
        'give coverage rasters of signal strength (with a threshold), or predict with --margin and give its nominal layers',
    );
    const mask = `${TIFF}coverage-bool-25832.tif`;
    expect(await message({ coverage: [mask], margin: [3] })).toMatch(
      new RegExp(`^${mask}, field options.margin: .*coverage mask \\(unsigned samples\\)`),
    );
  });

  it('for bad amounts: not numbers, not above 0, twice, beyond 30 dB', async () => {
    for (const [margin, problem] of [
      [[], 'a margin is a list of dB amounts'],
      ['3', 'a margin is a list of dB amounts'],
      [['3'], 'each margin must be a number of dB above 0 and at most 30'],
      [[0], 'each margin must be a number of dB above 0 and at most 30'],
      [[-3], 'each margin must be a number of dB above 0 and at most 30'],
      [[31], 'each margin must be a number of dB above 0 and at most 30'],
      [[Number.NaN], 'each margin must be a number of dB above 0 and at most 30'],
      [[3, 6, 3], 'a margin is given twice'],
    ] as const) {
      const text = await message({ margin: margin as unknown as number[] });
      expect(text).toContain(`field options.margin: ${problem}`);
      expect(text).not.toContain('\n');
    }
  });
});
