import type { InputRead } from '../io/input-read.js';
import type { CoverageSemantics } from '../io/read-result.js';
import type { Layer } from '../model/coverage.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { SummaryWarning } from '../model/summary.js';
import { createScheduler } from '../parallel/scheduler.js';
import type { GridSpec } from '../spatial/grid-raster.js';
import { gridSpecFor } from '../spatial/polygon-grid.js';
import { checkCoverageAxes, extentOf } from './check-extents.js';
import type { CoveragePlan } from './coverage-plan.js';
import { readCoverageWith } from './coverage-read.js';
import { coveragePlanFor } from './coverage-stages.js';
import { type AnalyzeOptions, prepareOptions } from './options.js';
import { readRunRegions, snapshotWarnings } from './read-inputs.js';

/**
 * One snapshot's coverage read by a distributed run's coverage job, while other jobs read the
 * households: what the run's figures need of it (small), and the polygons every share job cuts its
 * own part from (`polygons`).
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
}

/**
 * Snapshot k's coverage read as a run reads it (the same checks and errors), with the grid the run
 * lays over it; the union culling on that grid is the culling jobs' (culling-stripe.ts).
 */
export async function readCoveragePart(
  given: AnalyzeOptions,
  k: number,
): Promise<{ part: CoveragePart; polygons: PolygonSet; grid: GridSpec }> {
  const options = prepareOptions(given);
  const snapshot = options.snapshots[k];
  // The read on this thread: no pool to start for it.
  const scheduler = createScheduler(0);
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
    return {
      part: {
        date: snapshot.date,
        inputs: coverageRead.inputs,
        semantics: coverageRead.semantics,
        layers: coverage.layers.map((l) => ({ operator: l.operator, technology: l.technology })),
        warnings: snapshotWarnings(options, coverageRead, regionsRead),
        plan,
      },
      polygons: coverage.polygons,
      grid: gridSpecFor(coverage.polygons, plan.cellsAcross),
    };
  } finally {
    await scheduler.close();
  }
}
