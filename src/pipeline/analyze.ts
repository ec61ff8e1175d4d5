import type { HouseholdCounts } from '../analysis/household-counts.js';
import { defaultWorkerCount } from '../parallel/pool.js';
import { createScheduler } from '../parallel/scheduler.js';
import { prepareBase } from './base.js';
import { classify } from './classify.js';
import { estimatedPoints, planCoverage } from './coverage-plan.js';
import { type AnalyzeOptions, prepareOptions } from './options.js';
import { type CoverageIndex, prepareCoverage } from './prepare-coverage.js';
import type { ProgressCallback } from './progress.js';
import { readInputs } from './read-inputs.js';
import { regionGeometry } from './region-geometry.js';
import { type AnalysisResult, resultOf } from './result.js';
import { refinedWithUnions, startTileUnions, type TileUnions } from './tile-unions.js';

export type { AnalyzeOptions } from './options.js';
export type { AnalysisResult } from './result.js';

const silent: ProgressCallback = () => {};

/** The whole analysis: read → index → classify and tile unions (on the pool) → region clips → aggregate. */
export async function analyze(given: AnalyzeOptions): Promise<AnalysisResult> {
  const options = prepareOptions(given);
  const progress = options.onProgress ?? silent;
  // Workers start (and load their modules) while this thread reads the inputs.
  const scheduler = createScheduler(options.workers ?? defaultWorkerCount());
  try {
    // The coverage is indexed on the pool while this thread reads the regions and the households,
    // whose count is estimated from the file's size for the index's sizing.
    let indexing: Promise<CoverageIndex> | undefined;
    const inputs = await readInputs(options, progress, (coverage) => {
      const plan = planCoverage(estimatedPoints(options.households), coverage.polygons.polygonCount);
      indexing = prepareCoverage(scheduler.onPool, coverage, plan);
      indexing.catch(() => {}); // awaited below; a read error must not leave it unhandled meanwhile
    });
    progress({ stage: 'index', done: 0, total: 1 });
    const base = prepareBase(inputs);
    let index = await (indexing as Promise<CoverageIndex>);
    // The unions use the coverage grid: its full cells stand in for the sectors inside them.
    const tiling = startTileUnions(scheduler, index, base, progress);
    tiling.done.catch(() => {}); // awaited below
    progress({ stage: 'index', done: 1, total: 1 });
    let counted: HouseholdCounts;
    let unions: TileUnions;
    if (index.perLayer) {
      // The classification needs the unions: this thread takes tiles too, then chunks.
      await tiling.helpHere();
      unions = await tiling.done;
      index = refinedWithUnions(index, unions);
      counted = await classify(scheduler.helpingHere, base, index, progress);
    } else {
      // Without per-layer unions the grid is final: this thread classifies while the pool is on the
      // unions, then takes the tiles still left.
      counted = await classify(scheduler.here, base, index, progress);
      await tiling.helpHere();
      unions = await tiling.done;
    }
    // The region clips come last: this thread would only wait, so it clips regions too.
    const geometry = await regionGeometry(scheduler.helpingHere, base, unions, progress);
    return resultOf(inputs, counted, geometry, options);
  } finally {
    await scheduler.close();
  }
}
