import { defaultWorkerCount } from '../parallel/pool.js';
import { createScheduler } from '../parallel/scheduler.js';
import { type Base, prepareRegionBase, type RegionBase } from './base.js';
import { analyzeSnapshot, type CoverageWork, startCoverageWork } from './coverage-stages.js';
import { marginFigures } from './margin-figures.js';
import { planMargins } from './margin-inputs.js';
import { type AnalyzeOptions, prepareOptions } from './options.js';
import type { ProgressCallback } from './progress.js';
import { readSnapshots, snapshotInputs } from './read-inputs.js';
import type { AnalysisResult, SnapshotResult } from './result.js';
import { combinedResult } from './snapshots-result.js';
import { StageClock } from './stage-profile.js';

export type { AnalyzeOptions } from './options.js';
export type { AnalysisResult } from './result.js';

const silent: ProgressCallback = () => {};

/**
 * The whole analysis: read (each snapshot's coverage on the pool, regions and households here) →
 * per snapshot: index and tile unions (on the pool, while the households are still read) →
 * classify → region clips → figures; then the goals over the snapshots and the dead zones followed.
 */
export async function analyze(given: AnalyzeOptions): Promise<AnalysisResult> {
  const options = prepareOptions(given);
  const progress = options.onProgress ?? silent;
  // Checked before anything is read: a coverage file whose threshold cannot move fails at once.
  const margins = options.margin === undefined ? undefined : await planMargins(options);
  // Workers start (and load their modules) while this thread reads the inputs.
  const scheduler = createScheduler(options.workers ?? defaultWorkerCount());
  const clock = options.profile ? new StageClock(scheduler.busyMs) : undefined;
  const mark = (stage: string) => clock?.mark(stage);
  try {
    const work: CoverageWork[] = [];
    let regionBase: RegionBase | undefined;
    // Snapshots' coverage read in turns by the pool and this thread: with several, neither waits.
    const read = await readSnapshots(
      options,
      progress,
      (k) => (k % 2 === 0 ? scheduler.onPool : scheduler.here),
      (k, coverage, regionsRead) => {
        regionBase ??= prepareRegionBase(regionsRead);
        work[k] = startCoverageWork(scheduler, options, coverage, regionBase, progress);
      },
    );
    mark('read inputs (coverage on the pool)');
    const base: Base = { ...(regionBase as RegionBase), households: read.households.households };
    const results: SnapshotResult[] = [];
    for (const [k, { date }] of options.snapshots.entries()) {
      const snapshot = { date, inputs: snapshotInputs(options, read, k) };
      results.push(await analyzeSnapshot(scheduler, base, work[k], snapshot, options, progress, mark));
    }
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
    return clock ? { ...combined, profile: clock.profile() } : combined;
  } finally {
    await scheduler.close();
  }
}
