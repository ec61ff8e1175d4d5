import { describe, expect, it } from 'vitest';
import { ringAreaM2 } from '../../src/geometry/area.js';
import { readCoverage } from '../../src/io/coverage.js';
import { readHouseholds } from '../../src/io/households.js';
import { readRegions } from '../../src/io/regions.js';
import type { InvalidPolicy } from '../../src/io/skipped.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { HAND } from '../helpers.js';

const BAD = new URL('../fixtures/bad/', import.meta.url).pathname;
type Role = 'households' | 'coverage' | 'regions';

/** One reader's view of a file: features read, kept (points or polygons), skipped by reason, repairs. */
async function read(role: Role, file: string, invalid: InvalidPolicy) {
  const path = BAD + file;
  if (role === 'households') {
    const r = await readHouseholds(path, { invalid });
    const { features, skipped, repairs } = r.input;
    return { features, kept: r.households.count, skipped, repairs };
  }
  if (role === 'coverage') {
    const r = await readCoverage([path], { invalid });
    const { features, skipped, repairs } = r.inputs[0];
    return { features, kept: r.coverage.polygons.polygonCount, skipped, repairs };
  }
  const r = readRegions(path, 'id', 'name', { invalid });
  const { features, skipped, repairs } = r.input;
  return { features, kept: r.regions.ids.length, skipped, repairs };
}

/**
 * The corpus: one file per kind of broken input, what `fail` (the default) says, and what `skip`
 * keeps and counts. A file-level problem fails under every policy.
 */
const cases: [file: string, role: Role, fail: RegExp | 'accepted', skip?: Record<string, number>][] = [
  ['invalid-json.geojson', 'households', /invalid-json.geojson: invalid JSON: .*is the file complete/],
  ['truncated.geojson', 'households', /truncated.geojson: invalid JSON: .*is the file complete/],
  ['empty-file.geojson', 'households', /empty-file.geojson: invalid JSON: .* — the file is empty/],
  [
    'not-a-feature-collection.geojson',
    'regions',
    /field type: not a GeoJSON FeatureCollection \(value: "Topology"\)/,
  ],
  ['features-missing.geojson', 'coverage', /field features: a FeatureCollection needs a "features" array/],
  ['corrupt.geojson.gz', 'households', /corrupt.geojson.gz: not a valid gzip file/],
  ['no-features.geojson', 'households', 'accepted'],
  [
    'linestring-household.geojson',
    'households',
    /feature 2, field geometry.type: expected a Point \(value: "LineString"\)/,
    { 'wrong-geometry-type': 1 },
  ],
  [
    'null-geometry.geojson',
    'households',
    /feature 2, field geometry: feature has no geometry \(value: null\)/,
    { 'no-geometry': 1 },
  ],
  [
    'empty-point.geojson',
    'households',
    /feature 2, field geometry.coordinates: a position must be \[lon, lat\] \(value: \[\]\)/,
    { 'bad-coordinates': 1 },
  ],
  [
    'string-coordinates.geojson',
    'households',
    /feature 2, field geometry.coordinates: coordinates must be finite numbers \(value: \["7.1","51.05"\]\)/,
    { 'bad-coordinates': 1 },
  ],
  [
    'infinity-coordinate.geojson',
    'households',
    /feature 2, field geometry.coordinates: coordinates must be finite numbers/,
    { 'bad-coordinates': 1 },
  ],
  [
    'huge-coordinate.geojson',
    'households',
    /feature 2, field geometry.coordinates: coordinates out of range for WGS84 lon\/lat \(value: \[1e\+308,51.05\]\) — expected \[longitude, latitude\]/,
    { 'out-of-range': 1 },
  ],
  [
    'out-of-range.geojson',
    'households',
    /feature 2, field geometry.coordinates: coordinates out of range .*\(value: \[200,51.05\]\)/,
    { 'out-of-range': 1 },
  ],
  [
    'metres-as-degrees.geojson',
    'households',
    /feature 0, .*out of range .* — these look like metres in a projected CRS: give their CRS \(read.householdsCrs, read.coverageCrs or read.regionsCrs for this input alone, read.inputCrs for every input without one/,
    { 'projected-coordinates': 2 },
  ],
  [
    'households-negative.geojson',
    'households',
    /feature 2, field properties.households: households must be an integer from 0 to 4294967295 \(value: -3\)/,
    { 'bad-households': 1 },
  ],
  [
    'households-fractional.geojson',
    'households',
    /feature 2, field properties.households: households must be an integer .*\(value: 2.5\)/,
    { 'bad-households': 1 },
  ],
  [
    'households-string.geojson',
    'households',
    /feature 2, field properties.households: .*\(value: "viele"\)/,
    { 'bad-households': 1 },
  ],
  [
    'households-huge.geojson',
    'households',
    /feature 2, field properties.households: .*\(value: 1000000000000\)/,
    { 'bad-households': 1 },
  ],
  [
    'csv-missing-columns.csv',
    'households',
    /csv-missing-columns.csv, line 1: CSV header must name the columns lon and lat/,
  ],
  ['csv-bom.csv', 'households', 'accepted'],
  ['csv-windows-1252.csv', 'households', 'accepted'],
  ['csv-semicolon.csv', 'households', 'accepted'],
  [
    'csv-cr-only.csv',
    'households',
    /csv-cr-only.csv, line 4, field lat: coordinate must be a finite number \(value: "nördlich"\)/,
    { 'bad-coordinates': 1 },
  ],
  [
    'csv-mixed-line-ends.csv',
    'households',
    /csv-mixed-line-ends.csv, line 4, field households: households must be an integer .*\(value: "x"\)/,
    { 'bad-households': 1 },
  ],
  [
    'csv-quoted-newline.csv',
    'households',
    /csv-quoted-newline.csv, line 6, field households: households must be an integer .*\(value: "-3"\)/,
    { 'bad-households': 1 },
  ],
  [
    'csv-unclosed-quote.csv',
    'households',
    /csv-unclosed-quote.csv, line 2: a quoted field is not closed before the end of the file/,
  ],
  ['csv-ogr2ogr-xy.csv', 'households', 'accepted'],
  [
    'csv-ogr2ogr-xy-metres.csv',
    'households',
    /csv-ogr2ogr-xy-metres.csv, line 2, field X: coordinates out of range .*metres .* give their CRS with read.householdsCrs/,
    { 'projected-coordinates': 3 },
  ],
  [
    'households-string-number.geojson',
    'households',
    /feature 2, field properties.households: households must be an integer .*\(value: "9.5"\) — a string is taken when it holds only digits/,
    { 'bad-households': 1 },
  ],
  [
    'households-string-empty.geojson',
    'households',
    /feature 1, field properties.households: households must be an integer .*\(value: ""\)/,
    { 'bad-households': 1 },
  ],
  [
    'csv-bad-row.csv',
    'households',
    /csv-bad-row.csv, line 3, field lat: coordinate must be a finite number \(value: "nördlich"\)/,
    { 'bad-coordinates': 1 },
  ],
  [
    'point-coverage.geojson',
    'coverage',
    /feature 1, field geometry.type: expected a Polygon or MultiPolygon \(value: "Point"\)/,
    { 'wrong-geometry-type': 1 },
  ],
  [
    'missing-operator.geojson',
    'coverage',
    /feature 1, field properties.operator: missing or empty/,
    { 'missing-operator': 1 },
  ],
  [
    'missing-technology.geojson',
    'coverage',
    /feature 1, field properties.technology: missing or empty; .*\(value: ""\)/,
    { 'missing-technology': 1 },
  ],
  [
    'empty-polygon.geojson',
    'coverage',
    /feature 1, field geometry.coordinates: a polygon needs at least one ring/,
    { 'empty-geometry': 1 },
  ],
  [
    'unclosed-ring.geojson',
    'coverage',
    /feature 0, field geometry.coordinates\[0\]: ring is not closed .* — repeat the first position/,
    { 'unclosed-ring': 1 },
  ],
  [
    'short-ring.geojson',
    'coverage',
    /feature 1, field geometry.coordinates\[0\]: a ring needs at least 4 positions, has 3/,
    { 'too-few-points': 1 },
  ],
  [
    'bowtie.geojson',
    'coverage',
    /feature 0, field geometry.coordinates\[0\]: invalid polygon: self intersection \(value: \[7.05,51.05\]\) — fix it/,
    { 'self-intersection': 1 },
  ],
  [
    'spike.geojson',
    'coverage',
    /feature 0, field geometry.coordinates\[0\]: invalid polygon: self intersection/,
    { 'self-intersection': 1 },
  ],
  [
    'hole-outside-shell.geojson',
    'coverage',
    /feature 0, field geometry.coordinates\[1\]: invalid polygon: hole outside shell/,
    { 'hole-outside-shell': 1 },
  ],
  ['wrong-winding.geojson', 'coverage', 'accepted'],
  ['duplicate-vertices.geojson', 'coverage', 'accepted'],
  ['overlapping-multipolygon.geojson', 'coverage', 'accepted'],
  [
    'duplicate-region-ids.geojson',
    'regions',
    /feature 1, field properties.id: duplicate region id \(also feature 0\) \(value: "R1"\)/,
    { 'duplicate-region-id': 1 },
  ],
  [
    'region-without-id.geojson',
    'regions',
    /feature 1, field properties.id: region has no id .* — name the id property with --region-id/,
    { 'no-region-id': 1 },
  ],
  ['empty-regions.geojson', 'regions', /empty-regions.geojson: the regions file has no features/],
  [
    'column-technology-no-lte.geojson',
    'coverage',
    /no-lte.geojson, feature 1, field properties.technology: technology "no_lte" would write the column households_no_lte, a column of its own \(value: "no_lte"\) — .*reserved: technologies no_lte, single_lte, area_5g/,
  ],
  [
    'column-technology-single-lte.geojson',
    'coverage',
    /single-lte.geojson, feature 2, field properties.technology: technology "single_lte" would write the column households_single_lte, a column of its own \(value: "single_lte"\)/,
  ],
  [
    'column-technology-area-5g.geojson',
    'coverage',
    /area-5g.geojson, feature 1, field properties.technology: technology "area_5g" would write the column share_area_5g, a column of its own/,
  ],
  [
    'column-operator-technology.geojson',
    'coverage',
    /feature 1, field properties.technology: technology "households_lte" would write the column households_households_lte, which operator "households" writes too \(value: "households_lte"\)/,
  ],
  [
    'column-operator-case.geojson',
    'coverage',
    /feature 1, field properties.operator: operator "telekom" would write the column telekom_households_5g, which operator "Telekom" writes too \(value: "telekom"\) — rename it in the input; column names are compared ignoring case/,
  ],
  ['overlapping-regions.geojson', 'regions', 'accepted'],
];

describe('the bad-input corpus (test/fixtures/bad)', () => {
  it.each(cases)('%s as %s: fail', async (file, role, fail) => {
    if (fail === 'accepted') await expect(read(role, file, 'fail')).resolves.toBeDefined();
    else await expect(read(role, file, 'fail')).rejects.toThrow(fail);
  });

  it.each(cases)('%s as %s: skip', async (file, role, fail, skip) => {
    if (fail !== 'accepted' && !skip) {
      // A broken file cannot be read feature by feature: it fails under every policy.
      await expect(read(role, file, 'skip')).rejects.toThrow(fail);
      return;
    }
    const skippedFeatures = Object.values(skip ?? {}).reduce((a, b) => a + b, 0);
    const reading = read(role, file, 'skip');
    if (Object.keys(skip ?? {}).length === 1 && (await reading.catch(() => undefined)) === undefined) {
      // A file whose every feature is skipped fails: nothing of it is left to analyse.
      const [reason] = Object.keys(skip ?? {});
      await expect(reading).rejects.toThrow(
        `every feature was skipped (${skippedFeatures} of ${skippedFeatures}), most for ${reason} (${skippedFeatures})`,
      );
      return;
    }
    const result = await reading;
    expect(result.skipped?.reasons).toEqual(skip);
    if (role !== 'coverage') expect(result.kept).toBe(result.features - skippedFeatures);
  });

  it('a ";"-separated CSV takes decimal commas (a German spreadsheet export)', async () => {
    const { households } = await readHouseholds(`${BAD}csv-semicolon.csv`);
    expect([...households.lon]).toEqual([7.01, 7.2]);
    expect([...households.lat]).toEqual([51.01, 51.1]);
    expect([...households.weight]).toEqual([2, 3]);
  });

  it('skipped households are counted with the households they held (unless that value was the problem)', async () => {
    expect((await read('households', 'linestring-household.geojson', 'skip')).skipped?.households).toBe(5);
    expect((await read('households', 'csv-bad-row.csv', 'skip')).skipped?.households).toBe(4);
    expect((await read('households', 'households-negative.geojson', 'skip')).skipped?.households).toBe(0);
  });

  it('repair closes rings, drops short ones, makes bowties, spikes and stray holes valid, and reports the area', async () => {
    const unclosed = await read('coverage', 'unclosed-ring.geojson', 'repair');
    expect(unclosed.repairs?.map((r) => r.reason)).toEqual(['unclosed-ring']);
    expect(unclosed.kept).toBe(1);

    const short = await read('coverage', 'short-ring.geojson', 'repair');
    expect(short.skipped?.reasons).toEqual({ 'too-few-points': 1 });
    expect(short.kept).toBe(1);

    // The bowtie's two triangles: half its box (0.1° × 0.1°), where its signed area as given is 0.
    const bowtie = await read('coverage', 'bowtie.geojson', 'repair');
    expect(bowtie.kept).toBe(2);
    const [repair] = bowtie.repairs ?? [];
    expect(repair).toMatchObject({ feature: 0, reason: 'self-intersection' });
    expect(repair.areaBeforeM2).toBeLessThan(0.01 * repair.areaAfterM2);
    expect(repair.areaAfterM2 / 1e6).toBeCloseTo(0.5 * 7.0 * 11.1, 0);

    const spike = await read('coverage', 'spike.geojson', 'repair');
    expect(spike.kept).toBe(1);
    expect(spike.repairs?.[0].areaAfterM2).toBeCloseTo(spike.repairs?.[0].areaBeforeM2 ?? 0, -2);

    // The stray hole becomes a polygon of its own: the area grows by twice the hole.
    const hole = await read('coverage', 'hole-outside-shell.geojson', 'repair');
    expect(hole.kept).toBe(2);
    const h = hole.repairs?.[0];
    expect(h?.reason).toBe('hole-outside-shell');
    const strayHole = new Float64Array([7.15, 51, 7.2, 51, 7.2, 51.05, 7.15, 51.05, 7.15, 51]);
    const growth = (h?.areaAfterM2 ?? 0) - (h?.areaBeforeM2 ?? 0);
    expect(growth / (2 * ringAreaM2(strayHole, 0, 5))).toBeCloseTo(1, 6);
  });

  it('swapped lon/lat in households or coverage is refused, not answered with zero households', async () => {
    const base = { coverage: [`${HAND}coverage.geojson`], regions: `${HAND}regions.geojson`, workers: 0 };
    await expect(analyze({ ...base, households: `${BAD}swapped-axes.geojson` })).rejects.toThrow(
      /swapped-axes.geojson, field coordinates: longitude and latitude look swapped: 3 of 3 points lie far from the regions/,
    );
  });

  it('overlapping regions: a household in both counts in the first region only, so regions add up to the total', async () => {
    const result = await analyze({
      households: `${BAD}csv-bom.csv`,
      coverage: [`${HAND}coverage.geojson`],
      regions: `${BAD}overlapping-regions.geojson`,
      workers: 0,
    });
    const [r1, r2] = result.summary.regions;
    // (7.01, 51.01) holds 2 households and lies in R1 only; (7.2, 51.1) holds 3 and lies in R2 only.
    expect([r1.households, r2.households]).toEqual([2, 3]);
    expect(result.summary.totals.households).toBe(5);
  });
});
