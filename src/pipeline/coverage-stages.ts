import { type FunklochCells, funklochCells } from '../analysis/funkloch-cells.js';
import type { HouseholdCounts } from '../analysis/household-counts.js';
import { whiteSpotsByRegion } from '../analysis/white-spots.js';
import type { Coverage } from '../model/coverage.js';
import { LTE, technologyMask } from '../model/coverage.js';
import type { FixedIndex, GeometryResult } from '../parallel/messages.js';
import type { Scheduler } from '../parallel/scheduler.js';
import type { Base, RegionBase } from './base.js';
import { classify } from './classify.js';
import { type CoveragePlan, estimatedPoints, planCoverage } from './coverage-plan.js';
import type { PreparedOptions } from './options.js';
import { type CoverageIndex, prepareCoverage } from './prepare-coverage.js';
import type { ProgressCallback } from './progress.js';
import type { Inputs } from './read-inputs.js';
import { regionGeometry } from './region-geometry.js';
import { type SnapshotResult, snapshotResult } from './result.js';
import { refinedWithUnions, startTileUnions, type TileUnions, type TileUnionsJob } from './tile-unions.js';

/** A coverage snapshot's stages started as soon as it and the regions are read: its index, then the tile unions. */
export interface CoverageWork {
  indexing: Promise<CoverageIndex>;
  tiling: Promise<TileUnionsJob>;
}

/** `share`: the coverage is a distributed job's share, indexed as the whole run's (coverage-share.ts). */
export function startCoverageWork(
  scheduler: Scheduler,
  options: PreparedOptions,
  coverage: Coverage,
  regionBase: RegionBase,
  progress: ProgressCallback,
  share?: { plan: CoveragePlan; fixed: FixedIndex },
): CoverageWork {
  const plan = share?.plan ?? coveragePlanFor(options, coverage);
  const indexing = prepareCoverage(scheduler.onPool, coverage, plan, share?.fixed);
  const tiling = indexing.then((index) => {
    const job = startTileUnions(scheduler, index, regionBase, progress);
    job.done.catch(() => {}); // awaited by analyzeSnapshot; a failure must not count as unhandled meanwhile
    return job;
  });
  indexing.catch(() => {}); // awaited by analyzeSnapshot
  tiling.catch(() => {});
  return { indexing, tiling };
}

/** The households' count is estimated from their file's size, for the index's sizing. */
export function coveragePlanFor(options: PreparedOptions, coverage: Coverage): CoveragePlan {
  return planCoverage(estimatedPoints(options.households), coverage.polygons.polygonCount);
}

/** A snapshot's stage products before its figures: what a distributed job sends back for its regions. */
export interface SnapshotParts {
  counted: HouseholdCounts;
  /** One per region analysed (`base.selected`, else all), in file order. */
  geometry: GeometryResult[];
  cells?: FunklochCells;
}

/** One snapshot against the base: classify, the rest of the tile unions, region clips, its figures. */
export async function analyzeSnapshot(
  scheduler: Scheduler,
  base: Base,
  work: CoverageWork,
  snapshot: { date: string | null; inputs: Inputs },
  options: PreparedOptions,
  progress: ProgressCallback,
  mark: (stage: string) => void,
): Promise<SnapshotResult> {
  const { counted, geometry, cells } = await snapshotParts(
    scheduler,
    base,
    work,
    snapshot,
    options,
    progress,
    mark,
  );
  const result = snapshotResult(snapshot.date, snapshot.inputs, counted, geometry, options, cells);
  mark('aggregate');
  return result;
}

/**
 * One snapshot's stages: classify, the rest of the tile unions, region clips, Funkloch cells.
 * `cellsIn`: the regions the cells are placed in, when not the base's (a distributed job's share
 * places them among all the regions the run analyses).
 */
export async function snapshotParts(
  scheduler: Scheduler,
  base: Base,
  work: CoverageWork,
  snapshot: { inputs: Inputs },
  options: PreparedOptions,
  progress: ProgressCallback,
  mark: (stage: string) => void,
  cellsIn: Pick<RegionBase, 'selected'> = base,
): Promise<SnapshotParts> {
  progress({ stage: 'index', done: 0, total: 1 });
  let index = await work.indexing;
  const unionsUnderWay = await work.tiling;
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
  const lteMask = technologyMask(snapshot.inputs.coverage.layers, LTE);
  const whiteSpots = whiteSpotsByRegion(counted, lteMask, base.regions.ids.length);
  const geometry = await regionGeometry(scheduler.helpingHere, base, unions, whiteSpots, progress);
  mark('region clips');
  const cells = options.funklochCells
    ? funklochCells(
        {
          ...base,
          ...(cellsIn.selected ? { selected: cellsIn.selected } : { selected: undefined }),
          mask: counted.mask,
          layers: snapshot.inputs.coverage.layers,
        },
        options.funklochCells === true ? {} : options.funklochCells,
      )
    : undefined;
  if (cells) mark('Funkloch cells');
  return { counted, geometry, ...(cells ? { cells } : {}) };
}
