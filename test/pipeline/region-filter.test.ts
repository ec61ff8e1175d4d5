import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRegions } from '../../src/io/regions-read.js';
import { type AnalysisResult, analyze } from '../../src/pipeline/analyze.js';
import { boxRing, DATA, HAND, tempDir, validateSummary } from '../helpers.js';

/** `--region`: the selected regions' figures are those of the full run; the others' households are outside. */
const hand = {
  households: `${HAND}households.geojson`,
  coverage: [`${HAND}coverage.geojson`],
  regions: `${HAND}regions.geojson`,
};
let full: AnalysisResult;
beforeAll(async () => {
  full = await analyze({ ...hand, workers: 0 });
});

/** The households of the regions left out are outside the regions, and the balance adds up. */
function expectOthersOutside(
  summary: AnalysisResult['summary'],
  selected: readonly { households: number }[],
) {
  const inSelected = selected.reduce((n, s) => n + s.households, 0);
  const outside = full.summary.households_balance.read - full.summary.households_balance.skipped - inSelected;
  expect(summary.totals.households).toBe(inSelected);
  expect(summary.outside_regions.households).toBe(outside);
  expect(summary.households_balance).toEqual({
    ...full.summary.households_balance,
    in_regions: inSelected,
    outside_regions: outside,
  });
}

describe('--region (regionFilter)', () => {
  it.each([
    [['R1', 'R3'], 0],
    [['R1', 'R3'], 1],
    [['R3', 'R1', 'R3'], 0],
  ])('%j, --workers %i: the figures of the full run, the others outside', async (filter, workers) => {
    const { summary } = await analyze({ ...hand, workers, regionFilter: filter });
    const selected = full.summary.regions.filter((r) => filter.includes(r.id));
    expect(summary.regions).toEqual(selected);
    expectOthersOutside(summary, selected);
    expect(summary.options).toEqual({
      region_id: 'id',
      region_name: 'name',
      region_filter: [...new Set(filter)],
    });
    expect(validateSummary(JSON.parse(JSON.stringify(summary)))).toBe(true);
  });

  it('counts a household on the border with a region left out in the selected region', async () => {
    // h3 (5 households, B-LTE) lies on the R1/R2 border: the full run gives it to R1, the first in file order.
    const { summary } = await analyze({ ...hand, workers: 0, regionFilter: ['R2'] });
    const r2 = full.summary.regions[1];
    expect(summary.regions.map((r) => r.id)).toEqual(['R2']);
    expect(summary.regions[0]).toMatchObject({
      households: r2.households + 5,
      households_lte: r2.households_lte + 5,
      households_single_lte: r2.households_single_lte + 5,
      households_5g: r2.households_5g,
      area_km2: r2.area_km2,
    });
    expectOthersOutside(summary, summary.regions);
  });

  it('refuses an unknown id with one line naming the ids there are', async () => {
    await expect(analyze({ ...hand, workers: 0, regionFilter: ['R9'] })).rejects.toThrow(
      /^.*regions.geojson, field --region: no region has this id \(value: "R9"\) — ids \(property id\) are e.g. "R1", "R2", "R3"$/,
    );
    expect(() => readRegions(hand.regions, 'id', 'name', {}, undefined, ['R1', 'x', 'y'])).toThrow(
      /field --region: no region has these ids \(value: \["x","y"\]\)/,
    );
    expect(() => readRegions(`${DATA}kreise.geojson`, 'AGS', 'GN', {}, undefined, ['5315000'])).toThrow(
      /no region has this id \(value: "5315000"\) — ids \(property AGS\) are e.g. "05\d+", "05\d+", "05\d+", "05\d+", "05\d+", … \(\d+ regions\)$/,
    );
    expect(() => readRegions(hand.regions, 'id', 'name', {}, undefined, [])).toThrow(
      /field --region: the region selection is empty/,
    );
  });

  it('does not read the geometry of a region left out (as ogr2ogr -where), but still refuses a duplicate id', () => {
    const doc = JSON.parse(readFileSync(hand.regions, 'utf8'));
    const bowtie = [
      [7, 51],
      [7.1, 51.1],
      [7.1, 51],
      [7, 51.1],
      [7, 51],
    ];
    doc.features.push({
      type: 'Feature',
      properties: { id: 'R4' },
      geometry: { type: 'Polygon', coordinates: [bowtie] },
    });
    const path = join(tempDir(), 'regions-with-bowtie.geojson');
    writeFileSync(path, JSON.stringify(doc));
    expect(() => readRegions(path)).toThrow(/feature 3, id "R4", .*self intersection/);
    expect(readRegions(path, 'id', undefined, {}, undefined, ['R1']).regions.ids).toEqual(['R1']);
    doc.features.push({
      type: 'Feature',
      properties: { id: 'R1' },
      geometry: { type: 'Polygon', coordinates: [boxRing(7, 51, 8, 52)] },
    });
    writeFileSync(path, JSON.stringify(doc));
    expect(() => readRegions(path, 'id', undefined, {}, undefined, ['R2'])).toThrow(
      /feature 4, field properties.id: duplicate region id \(also feature 0\) \(value: "R1"\)/,
    );
  });
});

/** A regions file of two boxes with these properties. */
function regionsWith(...properties: Record<string, unknown>[]): string {
  const features = properties.map((p, k) => ({
    type: 'Feature',
    properties: p,
    geometry: { type: 'Polygon', coordinates: [boxRing(7 + k, 51, 8 + k, 52)] },
  }));
  const path = join(tempDir(), 'regions.geojson');
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
  return path;
}

describe('region names without --region-name', () => {
  it.each([
    [
      'name',
      [
        { id: 'a', name: 'A', GN: 'x' },
        { id: 'b', GN: 'y' },
      ],
      ['A', 'b'],
    ],
    [
      'GN',
      [
        { id: 'a', GEN: 'x', GN: 'A' },
        { id: 'b', GN: 'B', NAME: 'y' },
      ],
      ['A', 'B'],
    ],
    [
      'GEN',
      [
        { id: 'a', GEN: 'A', NAME: 'x' },
        { id: 'b', GEN: 'B' },
      ],
      ['A', 'B'],
    ],
    [
      'NAME',
      [
        { id: 'a', NAME: 'A' },
        { id: 'b', Name: 'x' },
      ],
      ['A', 'b'],
    ],
  ])('takes %s, the first of name, GN, GEN, NAME there is', (field, properties, names) => {
    const read = readRegions(regionsWith(...properties));
    expect(read.regions.names).toEqual(names);
    expect(read.regions.nameField).toBe(field);
    expect(read.notice).toBeUndefined();
  });

  it('uses the ids as names when there is none, and says so once', async () => {
    const path = regionsWith({ AGS: '05762000', Bez: 'Kreis' }, { AGS: '05766000' });
    const read = readRegions(path, 'AGS');
    expect(read.regions.names).toEqual(['05762000', '05766000']);
    expect(read.regions.nameField).toBeUndefined();
    expect(read.notice).toBe(
      `${path}: the regions have no name, GN, GEN, NAME property, so their ids (AGS) are used as names; name the property with --region-name`,
    );
    const { summary } = await analyze({ ...hand, regions: path, regionId: 'AGS', workers: 0 });
    expect(summary.options).toEqual({ region_id: 'AGS', region_name: 'AGS' });
  });

  it('refuses an --region-id that no region has, listing the properties there are', () => {
    expect(() => readRegions(hand.regions, 'AGS')).toThrow(
      /regions.geojson, field properties.AGS: no region has this property — name the property with the region's key with --region-id \(properties: id, name\)$/,
    );
    const path = regionsWith({ AGS: '1', GN: 'A' }, { GN: 'B' });
    expect(() => readRegions(path, 'AGS')).toThrow(
      /feature 1, field properties.AGS: region has no id \(value: undefined\) — name the id property with --region-id \(properties: GN\)$/,
    );
    expect(() => readRegions(regionsWith({}, {}), 'id')).toThrow(/--region-id \(properties: none\)$/);
  });
});
