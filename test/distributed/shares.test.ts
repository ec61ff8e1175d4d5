import { describe, expect, it } from 'vitest';
import { mergedResult } from '../../src/distributed/merge.js';
import { decodePartial, encodePartial } from '../../src/distributed/partial-codec.js';
import { type PartialResult, partialResult } from '../../src/distributed/partial-result.js';
import { shareCount, spatialOrder } from '../../src/distributed/region-groups.js';
import { boundsByOwner } from '../../src/geometry/bounds.js';
import { type AnalysisResult, type AnalyzeOptions, analyze } from '../../src/pipeline/analyze.js';
import { analyzeShare } from '../../src/pipeline/analyze-share.js';
import { prepareOptions } from '../../src/pipeline/options.js';
import { readRunRegions } from '../../src/pipeline/read-inputs.js';
import { type Share, stageInputs } from '../../src/pipeline/stage-inputs.js';
import { DATA, HAND, tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

/** Through the job files' format, as the shared folder carries them. */
const viaFile = <T>(value: T): T => decodePartial<T>(Buffer.concat(encodePartial(value)));

/** The run as the queue runs it, in this process: the stage, each share's job, the merge. */
async function onShares(
  options: AnalyzeOptions,
  size: number,
): Promise<{ result: AnalysisResult; shares: Share[] }> {
  const { regions, selected } = readRunRegions(prepareOptions(options));
  const analysed = selected ?? regions.ids.map((_, r) => r);
  const order = spatialOrder(analysed, boundsByOwner(regions.polygons, regions.ids.length));
  const shares: Share[] = [];
  const staged = await stageInputs(options, order, shareCount(analysed.length, size, 1), (g, share) => {
    shares[g] = share;
  });
  const stagedFile = viaFile(staged);
  const partials: PartialResult[] = [];
  for (const share of shares.map(viaFile))
    partials.push(viaFile(partialResult(stagedFile, share, await analyzeShare(options, stagedFile, share))));
  return { result: await mergedResult(options, regions, partials), shares };
}

/** What the outputs are written from (the inputs' columns aside: a merge holds none); the time stamp blanked. */
function comparable(result: AnalysisResult) {
  const { summary, snapshots, ...rest } = result;
  return {
    ...rest,
    summary: { ...summary, generated_at: 'T' },
    snapshots: snapshots.map(({ date, figures, funklochCells }) => ({ date, figures, funklochCells })),
  };
}

const nrw: AnalyzeOptions = {
  households: `${DATA}households.csv.gz`,
  snapshots: [
    { date: '2023-06-30', coverage: [`${DATA}coverage-synthetic-2023-06-30.geojson.gz`] },
    { date: '2024-06-30', coverage: [`${DATA}coverage-synthetic-2024-06-30.geojson.gz`] },
  ],
  regions: `${DATA}kreise.geojson`,
  regionId: 'AGS',
  regionName: 'GN',
  funklochCells: { cellSize: 100 },
  workers: 1,
} as AnalyzeOptions;

describe('a run cut into shares (stage, one job per group of regions, merge)', () => {
  it('gives the single run’s result on the NRW scenario for shares of 1, 7 and 53 Kreise, each reading a part', async () => {
    const single = comparable(await analyze(nrw));
    for (const size of [7, 1, 53]) {
      const { result, shares } = await onShares(nrw, size);
      expect(comparable(result), `shares of ${size}`).toEqual(single);
      if (size === 7) {
        // Each share holds its households and the coverage near them, not the whole input: the
        // eight shares together hold each household about once, and far less coverage than 8 × all.
        const points = shares.map((s) => s.households.count);
        const polygons = shares.map((s) => s.coverage[1].polygons.polygonCount);
        const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
        const all = await analyze({ ...nrw, keepClassification: true });
        const read = all.snapshots[1].inputs;
        expect(sum(points)).toBeLessThan(1.05 * read.households.count);
        expect(Math.max(...points)).toBeLessThan(0.3 * read.households.count);
        // NRW's 0.25° tiles and 10 km sectors are coarse next to 7 Kreise: a share reads 25–70 %.
        expect(sum(polygons)).toBeLessThan(0.5 * shares.length * read.coverage.polygons.polygonCount);
        expect(Math.max(...polygons)).toBeLessThan(0.75 * read.coverage.polygons.polygonCount);
      }
    }
  }, 240_000);

  it('gives the single run’s result where regions overlap and points lie on shared edges', async () => {
    const dir = tempDir();
    const paths = writeScenario(randomScenario(3), dir);
    const options = {
      households: paths.households,
      coverage: [paths.coverage],
      regions: paths.regions,
      funklochCells: { cellSize: 1000 },
      workers: 1,
    } as AnalyzeOptions;
    const single = comparable(await analyze(options));
    for (const size of [1, 2, 4]) expect(comparable((await onShares(options, size)).result)).toEqual(single);
  }, 120_000);

  it('gives the single run’s result on the hand-built scenario, and with a region filter', async () => {
    const hand = {
      households: `${HAND}households.geojson`,
      coverage: [`${HAND}coverage.geojson`],
      regions: `${HAND}regions.geojson`,
      funklochCells: { cellSize: 1000 },
      workers: 1,
    } as AnalyzeOptions;
    for (const options of [
      hand,
      { ...hand, regionFilter: ['R1', 'R3'] },
      { ...nrw, regionFilter: ['05111000', '05315000', '05966000'] },
    ]) {
      const single = comparable(await analyze(options));
      for (const size of [1, 2, 3])
        expect(comparable((await onShares(options, size)).result)).toEqual(single);
    }
  }, 120_000);
});
