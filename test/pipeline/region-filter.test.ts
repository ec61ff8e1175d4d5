import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { COL_POINTS } from '../../src/analysis/household-counts.js';
import { summaryText } from '../../src/cli/summary-text.js';
import { boundsByOwner } from '../../src/geometry/bounds.js';
import { readRegions } from '../../src/io/regions.js';
import type { Regions } from '../../src/model/regions.js';
import { createScheduler } from '../../src/parallel/scheduler.js';
import { type AnalysisResult, type AnalyzeOptions, analyze } from '../../src/pipeline/analyze.js';
import { prepareBase } from '../../src/pipeline/base.js';
import { classify } from '../../src/pipeline/classify.js';
import { planCoverage } from '../../src/pipeline/coverage-plan.js';
import { prepareOptions } from '../../src/pipeline/options.js';
import { prepareCoverage } from '../../src/pipeline/prepare-coverage.js';
import { readInputs } from '../../src/pipeline/read-inputs.js';
import { boxRing, DATA, HAND_INPUTS, tempDir, validateSummary } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

/** `--region`: every selected region's figures are the full run's; the others' households are outside. */
const hand = HAND_INPUTS;
const nrw = {
  households: `${DATA}households.csv.gz`,
  coverage: [`${DATA}coverage-synthetic.geojson.gz`],
  regions: `${DATA}kreise.geojson`,
  regionId: 'AGS',
  regionName: 'GN',
};
type Scenario = Omit<AnalyzeOptions, 'workers' | 'regionFilter'>;

/** The full run, and the household points it gives each region (by id) and outside (''). */
interface FullRun {
  result: AnalysisResult;
  points: Map<string, number>;
}
const fullRuns = new Map<Scenario, Promise<FullRun>>();
function fullRun(scenario: Scenario): Promise<FullRun> {
  let run = fullRuns.get(scenario);
  if (!run) {
    run = (async () => {
      const result = await analyze({ ...scenario, workers: 0 });
      // The stages one by one on this thread: the points each region gets before any filter.
      const silent = () => {};
      const thread = createScheduler(0);
      const inputs = await readInputs(prepareOptions(scenario), silent, thread.here);
      const plan = planCoverage(inputs.households.count, inputs.coverage.polygons.polygonCount);
      const { counts, layout } = await prepareCoverage(thread.here, inputs.coverage, plan)
        .then((index) => classify(thread.here, prepareBase(inputs), index, silent))
        .finally(() => thread.close());
      const points = new Map<string, number>();
      const ids = [...inputs.regions.ids, ''];
      ids.forEach((id, r) => {
        points.set(id, counts[r * layout.stride + COL_POINTS]);
      });
      return { result, points };
    })();
    fullRuns.set(scenario, run);
  }
  return run;
}

/** Runs `filter` and checks it against the full run: stats, dead zones, outside, balance, summary schema. */
async function expectFullRunFigures(scenario: Scenario, filter: readonly string[], workers: number) {
  const { result: full, points } = await fullRun(scenario);
  const run = await analyze({ ...scenario, workers, regionFilter: filter });
  const wanted = new Set(filter);
  const selected = full.summary.regions.filter((r) => wanted.has(r.id));
  const others = full.summary.regions.filter((r) => !wanted.has(r.id));
  expect(run.summary.regions).toEqual(selected);
  expect(run.regions.ids).toEqual(selected.map((r) => r.id));
  const zones = (result: AnalysisResult) =>
    result.deadZones
      .map((z) => ({ ...z, region: result.regions.ids[z.region] }))
      .filter((z) => wanted.has(z.region));
  expect(zones(run)).toEqual(zones(full));
  expect(run.deadZones.length).toBe(zones(run).length);
  const outside = {
    points: others.reduce((n, r) => n + (points.get(r.id) ?? 0), full.summary.outside_regions.points),
    households: others.reduce((n, r) => n + r.households, full.summary.outside_regions.households),
  };
  expect(run.summary.outside_regions).toEqual(outside);
  const inSelected = selected.reduce((n, r) => n + r.households, 0);
  expect(run.summary.totals.households).toBe(inSelected);
  expect(run.summary.totals.households_no_lte).toBe(selected.reduce((n, r) => n + r.households_no_lte, 0));
  expect(run.summary.households_balance).toEqual({
    ...full.summary.households_balance,
    in_regions: inSelected,
    outside_regions: outside.households,
  });
  expect(run.summary.options.region_filter).toEqual([...new Set(filter)]);
  expect(validateSummary(JSON.parse(JSON.stringify(run.summary)))).toBe(true);
}

/** `count` ids of regions whose boxes touch one another (a chain of neighbours), drawn by `rnd`. */
function neighbours(regions: Regions, count: number, rnd: () => number): string[] {
  const boxes = boundsByOwner(regions.polygons, regions.ids.length);
  const touch = (a: number, b: number) => {
    const [p, q] = [boxes[a], boxes[b]];
    return p !== null && q !== null && p[0] <= q[2] && q[0] <= p[2] && p[1] <= q[3] && q[1] <= p[3];
  };
  const picked = [Math.floor(rnd() * regions.ids.length)];
  while (picked.length < count) {
    const near = regions.ids
      .map((_, r) => r)
      .filter((r) => !picked.includes(r) && picked.some((p) => touch(p, r)));
    picked.push(near[Math.floor(rnd() * near.length)]);
  }
  return picked.map((r) => regions.ids[r]);
}

describe("--region (regionFilter): the full run's figures for the regions selected", () => {
  const subsets = [['R1'], ['R2'], ['R3'], ['R1', 'R2'], ['R1', 'R3'], ['R2', 'R3'], ['R3', 'R1', 'R3']];
  it.each(subsets.flatMap((s) => [0, 1].map((w) => [s, w] as const)))(
    'hand %j, --workers %i',
    async (filter, workers) => {
      await expectFullRunFigures(hand, filter, workers);
    },
  );

  it.each([1, 2])(
    'seeded random scenario %i (a 3×3 grid of regions, one overlapping the rest last)',
    async (seed) => {
      const paths = writeScenario(randomScenario(seed), tempDir());
      const scenario = { ...paths, coverage: [paths.coverage] };
      const rnd = seededRandom(seed);
      const { regions } = readRegions(scenario.regions);
      // G11 alone: the tiles at its edge come from the extent of all regions, as in the full run.
      for (const filter of [['OVERLAP'], ['G11'], ['G00', 'OVERLAP']])
        await expectFullRunFigures(scenario, filter, 0);
      for (const workers of [0, 1])
        await expectFullRunFigures(scenario, neighbours(regions, 3, rnd), workers);
    },
  );

  it('NRW: three Kreise that are neighbours, three times, --workers 0 and 1', async () => {
    const rnd = seededRandom(11);
    const { regions } = readRegions(nrw.regions, nrw.regionId, nrw.regionName);
    for (let k = 0; k < 3; k++)
      for (const workers of [0, 1]) await expectFullRunFigures(nrw, neighbours(regions, 3, rnd), workers);
  }, 60_000);

  it('counts a household on the border with an earlier region left out in that region, so outside', async () => {
    // h3 (5 households, B-LTE) lies on the R1/R2 border: the full run gives it to R1, the first in file order.
    const run = await analyze({ ...hand, workers: 0, regionFilter: ['R2'] });
    const full = (await fullRun(hand)).result.summary;
    expect(run.summary.regions).toEqual([full.regions[1]]);
    const outside = full.outside_regions.households + full.regions[0].households + full.regions[2].households;
    expect(run.summary.outside_regions.households).toBe(outside);
    expect(summaryText(run, 'out', [])).toContain(`outside the selected regions: ${outside} households`);
  });

  it('refuses an unknown id with one line naming the ids there are', async () => {
    await expect(analyze({ ...hand, workers: 0, regionFilter: ['R9'] })).rejects.toThrow(
      /^.*regions.geojson, field options\.regionFilter: no region has this id \(value: "R9"\) — ids \(property id\) are e.g. "R1", "R2", "R3"$/,
    );
    expect(() => readRegions(hand.regions, 'id', 'name', {}, undefined, ['R1', 'x', 'y'])).toThrow(
      /field options\.regionFilter: no region has these ids \(value: \["x","y"\]\)/,
    );
    expect(() => readRegions(`${DATA}kreise.geojson`, 'AGS', 'GN', {}, undefined, ['5315000'])).toThrow(
      /no region has this id \(value: "5315000"\) — ids \(property AGS\) are e.g. "05\d+", "05\d+", "05\d+", "05\d+", "05\d+", … \(\d+ regions\)$/,
    );
    expect(() => readRegions(hand.regions, 'id', 'name', {}, undefined, [])).toThrow(
      /field options\.regionFilter: the region selection is empty/,
    );
  });

  it('reads every region, as the full run does: a bad one left out is refused (skipped under skip), a duplicate id too', () => {
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
    expect(() => readRegions(path, 'id', undefined, {}, undefined, ['R1'])).toThrow(
      /feature 3, id "R4", .*self intersection/,
    );
    const skipped = readRegions(path, 'id', undefined, { invalid: 'skip' }, undefined, ['R3', 'R1']);
    expect(skipped.regions.ids).toEqual(['R1', 'R2', 'R3']);
    expect(skipped.selected).toEqual([0, 2]);
    expect(() => readRegions(path, 'id', undefined, { invalid: 'skip' }, undefined, ['R4'])).toThrow(
      /regions-with-bowtie.geojson, field options\.regionFilter: no selected region is left: all were invalid and skipped \(value: \["R4"\]\)$/,
    );
    doc.features.pop();
    doc.features.push({
      type: 'Feature',
      properties: { id: 'R1' },
      geometry: { type: 'Polygon', coordinates: [boxRing(7, 51, 8, 52)] },
    });
    writeFileSync(path, JSON.stringify(doc));
    expect(() => readRegions(path, 'id', undefined, {}, undefined, ['R2'])).toThrow(
      /feature 3, field properties.id: duplicate region id \(also feature 0\) \(value: "R1"\)/,
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
