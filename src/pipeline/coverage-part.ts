import type { InputRead } from '../io/input-read.js';
import type { CoverageSemantics } from '../io/read-result.js';
import type { Layer } from '../model/coverage.js';
import type { SummaryWarning } from '../model/summary.js';
import { defaultWorkerCount } from '../parallel/pool.js';
import { createScheduler } from '../parallel/scheduler.js';
import { checkCoverageAxes, extentOf } from './check-extents.js';
import type { CoveragePlan } from './coverage-plan.js';
import { readCoverageWith } from './coverage-read.js';
import type { CoverageShare } from './coverage-share.js';
import { coveragePlanFor } from './coverage-stages.js';
import { type AnalyzeOptions, prepareOptions } from './options.js';
import { prepareCoverage } from './prepare-coverage.js';
import { readRunRegions, snapshotWarnings } from './read-inputs.js';
import { wholeCoverage } from './stage-inputs.js';

/**
 * One snapshot's coverage read and indexed by a distributed run's coverage job, while other jobs
 * read the households: what the run's figures need of it (small), and the indexed polygons every
 * share job cuts its own part from (`polygons`).
 */
export interface CoveragePart {
  date: string | null;
  /** One record per coverage file, in the order given (with what `--invalid` did). */
  inputs: InputRead[];
  semantics: CoverageSemantics;
  layers: Layer[];
  /** The snapshot's warnings (they read only its coverage and the regions). */
  warnings: SummaryWarning[];
  plan: CoveragePlan;
  culledLayers: number;
}

/** Snapshot k's coverage read as a run reads it (the same checks and errors), indexed as the run indexes it. */
export async function readCoveragePart(
  given: AnalyzeOptions,
  k: number,
): Promise<{ part: CoveragePart; polygons: CoverageShare }> {
  const options = prepareOptions(given);
  const snapshot = options.snapshots[k];
  const scheduler = createScheduler(options.workers ?? defaultWorkerCount());
  try {
    const coverageRead = await readCoverageWith(scheduler.here, options, snapshot.coverage);
    const regionsRead = readRunRegions(options);
    const { coverage } = coverageRead;
    checkCoverageAxes(
      coverage.polygons,
      extentOf(regionsRead.regions.polygons),
      snapshot.coverage.join(', '),
    );
    const plan = coveragePlanFor(options, coverage);
    const index = await prepareCoverage(scheduler.onPool, coverage, plan);
    return {
      part: {
        date: snapshot.date,
        inputs: coverageRead.inputs,
        semantics: coverageRead.semantics,
        layers: coverage.layers.map((l) => ({ operator: l.operator, technology: l.technology })),
        warnings: snapshotWarnings(options, coverageRead, regionsRead),
        plan,
        culledLayers: index.culling.culledLayers,
      },
      polygons: wholeCoverage(index),
    };
  } finally {
    await scheduler.close();
  }
}
