import { defaultWorkerCount } from '../parallel/pool.js';
import { createScheduler } from '../parallel/scheduler.js';
import { type Base, prepareRegionBase, type RegionBase } from './base.js';
import {
  analyzeSnapshot,
  type CoverageWork,
  type SnapshotParts,
  snapshotParts,
  startCoverageWork,
} from './coverage-stages.js';
import { marginFigures } from './margin-figures.js';
import { planMargins } from './margin-inputs.js';
import { type AnalyzeOptions, type PreparedOptions, prepareOptions } from './options.js';
import type { ProgressCallback } from './progress.js';
import { type Inputs, inTurns, readSnapshots, snapshotInputs } from './read-inputs.js';
import type { AnalysisResult, SnapshotResult } from './result.js';
import { combinedResult } from './snapshots-result.js';
import { StageClock } from './stage-profile.js';

export type { AnalyzeOptions } from './options.js';
export type { AnalysisResult } from './result.js';

const silent: ProgressCallback = () => {};

/** One snapshot's turn: its base, its coverage work under way, and the run's tools. */
type SnapshotStep<T> = (step: {
  scheduler: ReturnType<typeof createScheduler>;
  base: Base;
  work: CoverageWork;
  snapshot: { date: string | null; inputs: Inputs };
  progress: ProgressCallback;
  mark: (stage: string) => void;
}) => Promise<T>;

/**
 * The whole analysis: read (each snapshot's coverage on the pool, regions and households here) →
 * per snapshot: index and tile unions (on the pool, while the households are still read) →
 * classify → region clips → figures; then the goals over the snapshots and the dead zones followed.
 */
export async function analyze(given: AnalyzeOptions): Promise<AnalysisResult> {
  const options = prepareOptions(given);
  // Checked before anything is read: a coverage file whose threshold cannot move fails at once.
  const margins = options.margin === undefined ? undefined : await planMargins(options);
  const { value, clock } = await eachSnapshot(
    options,
    (s) => analyzeSnapshot(s.scheduler, s.base, s.work, s.snapshot, options, s.progress, s.mark),
    async (results: SnapshotResult[], mark, { scheduler, base }) => {
      const combined = await combinedResult(options, results);
      if (options.snapshots.length > 1) mark('goals, dead zones followed');
      if (margins) {
        combined.summary.margins = await marginFigures(
          scheduler,
          base,
          options,
          margins,
          results[margins.snapshot],
        );
        mark('margins');
      }
      return combined;
    },
  );
  return clock ? { ...value, profile: clock.profile() } : value;
}

/** A snapshot's inputs and its stage products: a distributed job's share of them (analyzeShare). */
export interface SnapshotPartsRead extends SnapshotParts {
  date: string | null;
  inputs: Inputs;
}

/**
 * The stages without the figures, reading the whole input, for all the regions analysed: a
 * distributed run's one job when it has only one (no stage, no shares: see analyzeShare).
 */
export async function analyzeParts(given: AnalyzeOptions): Promise<SnapshotPartsRead[]> {
  const options = prepareOptions(given);
  const { value } = await eachSnapshot(
    options,
    async (s) => ({
      date: s.snapshot.date,
      inputs: s.snapshot.inputs,
      ...(await snapshotParts(s.scheduler, s.base, s.work, s.snapshot, options, s.progress, s.mark)),
    }),
    async (parts: SnapshotPartsRead[]) => parts,
  );
  return value;
}

/** Reads the inputs, runs `step` per snapshot (oldest first), then `finish` while the pool is still up. */
async function eachSnapshot<T, R>(
  options: PreparedOptions,
  step: SnapshotStep<T>,
  finish: (
    results: T[],
    mark: (stage: string) => void,
    run: { scheduler: ReturnType<typeof createScheduler>; base: Base },
  ) => Promise<R>,
): Promise<{ value: R; clock?: StageClock }> {
  const progress = options.onProgress ?? silent;
  // Workers start (and load their modules) while this thread reads the inputs.
  const scheduler = createScheduler(options.workers ?? defaultWorkerCount());
  const clock = options.profile ? new StageClock(scheduler.busyMs) : undefined;
  const mark = (stage: string) => clock?.mark(stage);
  try {
    const work: CoverageWork[] = [];
    let regionBase: RegionBase | undefined;
    const read = await readSnapshots(options, progress, inTurns(scheduler), (k, coverage, regionsRead) => {
      regionBase ??= prepareRegionBase(regionsRead);
      work[k] = startCoverageWork(scheduler, options, coverage, regionBase, progress);
    });
    mark('read inputs (coverage on the pool)');
    const base: Base = { ...(regionBase as RegionBase), households: read.households.households };
    const results: T[] = [];
    for (const [k, { date }] of options.snapshots.entries()) {
      const snapshot = { date, inputs: snapshotInputs(options, read, k) };
      results.push(await step({ scheduler, base, work: work[k], snapshot, progress, mark }));
    }
    return { value: await finish(results, mark, { scheduler, base }), ...(clock ? { clock } : {}) };
  } finally {
    await scheduler.close();
  }
}
