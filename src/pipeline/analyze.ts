import type { HouseholdCounts } from '../analysis/household-counts.js';
import type { Coverage } from '../model/coverage.js';
import { defaultWorkerCount } from '../parallel/pool.js';
import { createScheduler, type Scheduler } from '../parallel/scheduler.js';
import { type Base, prepareRegionBase, type RegionBase } from './base.js';
import { classify } from './classify.js';
import { estimatedPoints, planCoverage } from './coverage-plan.js';
import { type AnalyzeOptions, type PreparedOptions, prepareOptions } from './options.js';
import { type CoverageIndex, prepareCoverage } from './prepare-coverage.js';
import type { ProgressCallback } from './progress.js';
import { readInputs } from './read-inputs.js';
import { regionGeometry } from './region-geometry.js';
import { type AnalysisResult, resultOf } from './result.js';
import { StageClock } from './stage-profile.js';
import { refinedWithUnions, startTileUnions, type TileUnions, type TileUnionsJob } from './tile-unions.js';

export type { AnalyzeOptions } from './options.js';
export type { AnalysisResult } from './result.js';

const silent: ProgressCallback = () => {};

/**
 * The whole analysis: read (coverage on the pool, regions and households here) → index and tile
 * unions (on the pool, while the households are still read) → classify → region clips → aggregate.
 */
export async function analyze(given: AnalyzeOptions): Promise<AnalysisResult> {
  const options = prepareOptions(given);
  const progress = options.onProgress ?? silent;
  // Workers start (and load their modules) while this thread reads the inputs.
  const scheduler = createScheduler(options.workers ?? defaultWorkerCount());
  const clock = options.profile ? new StageClock(scheduler.busyMs) : undefined;
  const mark = (stage: string) => clock?.mark(stage);
  try {
    let coverageWork: CoverageWork | undefined;
    const inputs = await readInputs(options, progress, scheduler.onPool, (coverage, regionsRead) => {
      coverageWork = startCoverageWork(
        scheduler,
        options,
        coverage,
        prepareRegionBase(regionsRead),
        progress,
      );
    });
    mark('read inputs (coverage on the pool)');
    progress({ stage: 'index', done: 0, total: 1 });
    const { regionBase, indexing, tiling } = coverageWork as CoverageWork;
    const base: Base = { ...regionBase, households: inputs.households };
    let index = await indexing;
    const unionsUnderWay = await tiling;
    progress({ stage: 'index', done: 1, total: 1 });
    mark('coverage index (rest)');
    let counted: HouseholdCounts;
    let unions: TileUnions;
    if (index.perLayer) {
      // The classification needs the unions: this thread takes tiles too, then chunks.
      await unionsUnderWay.helpHere();
      unions = await unionsUnderWay.done;
      mark('tile unions (rest)');
      index = refinedWithUnions(index, unions);
      counted = await classify(scheduler.helpingHere, base, index, progress);
      mark('refine grid, classify');
    } else {
      // Without per-layer unions the grid is final: this thread classifies while the pool is on the
      // unions, then takes the tiles still left.
      counted = await classify(scheduler.here, base, index, progress);
      mark('classify');
      await unionsUnderWay.helpHere();
      unions = await unionsUnderWay.done;
      mark('tile unions (rest)');
    }
    // The region clips come last: this thread would only wait, so it clips regions too.
    const geometry = await regionGeometry(scheduler.helpingHere, base, unions, progress);
    mark('region clips');
    const result = resultOf(inputs, counted, geometry, options);
    mark('aggregate');
    return clock ? { ...result, profile: clock.profile() } : result;
  } finally {
    await scheduler.close();
  }
}

/** The coverage's stages started as soon as it and the regions are read: its index, then the tile unions. */
interface CoverageWork {
  regionBase: RegionBase;
  indexing: Promise<CoverageIndex>;
  tiling: Promise<TileUnionsJob>;
}

function startCoverageWork(
  scheduler: Scheduler,
  options: PreparedOptions,
  coverage: Coverage,
  regionBase: RegionBase,
  progress: ProgressCallback,
): CoverageWork {
  // The households' count is estimated from their file's size, for the index's sizing.
  const plan = planCoverage(estimatedPoints(options.households), coverage.polygons.polygonCount);
  const indexing = prepareCoverage(scheduler.onPool, coverage, plan);
  const tiling = indexing.then((index) => {
    const job = startTileUnions(scheduler, index, regionBase, progress);
    job.done.catch(() => {}); // awaited by the caller; a failure must not count as unhandled meanwhile
    return job;
  });
  tiling.catch(() => {}); // awaited by the caller
  return { regionBase, indexing, tiling };
}
