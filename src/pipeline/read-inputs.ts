import { boundsByOwner } from '../geometry/bounds.js';
import type { CoverageRead } from '../io/coverage.js';
import { type HouseholdsRead, readHouseholds } from '../io/households.js';
import { summaryRecord } from '../io/input-read.js';
import { readOptionsFor } from '../io/read-options.js';
import type { CoverageSemantics } from '../io/read-result.js';
import { type RegionsRead, readRegions } from '../io/regions.js';
import type { Coverage } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import { DEFAULT_REGION_ID } from '../model/region-fields.js';
import type { Regions } from '../model/regions.js';
import type { InputRecord, SummaryWarning } from '../model/summary.js';
import type { RunTask } from '../parallel/scheduler.js';
import { checkCoverageAxes, checkHouseholdAxes, extentOf } from './check-extents.js';
import { readCoverageWith } from './coverage-read.js';
import type { InvalidEntry } from './invalid-summary.js';
import type { PreparedOptions } from './options.js';
import type { ProgressCallback } from './progress.js';
import { coverageWarnings, operatorWarnings } from './warnings.js';

/** The inputs as read, with their records for `summary.json`. */
export interface Inputs {
  households: Households;
  coverage: Coverage;
  coverageSemantics: CoverageSemantics;
  regions: Regions;
  /** One per input file: households, each coverage file, regions. */
  records: InputRecord[];
  /** What the readers skipped and repaired, per input, in the order of `records`. */
  invalid: InvalidEntry[];
  /** Coverage that does not reach the regions (see `coverageWarnings`), region names that are ids. */
  warnings: SummaryWarning[];
  /** With `regionFilter`: the indexes of the regions analysed (file order); the others' households count as outside. */
  selected?: readonly number[];
}

/** Every input as read: households and regions once, each snapshot's coverage (oldest first). */
export interface SnapshotsRead {
  households: HouseholdsRead;
  regions: RegionsRead;
  coverage: CoverageRead[];
}

/** Where snapshot k's coverage is read: a task runner (the pool, or this thread's turns). */
export type CoverageReader = (snapshot: number) => RunTask;

/** Snapshots' coverage read in turns by the pool and the calling thread: with several, neither waits. */
export function inTurns(scheduler: { onPool: RunTask; here: RunTask }): CoverageReader {
  return (k) => (k % 2 === 0 ? scheduler.onPool : scheduler.here);
}

/**
 * Reads the inputs: each snapshot's coverage with `readCoverageOn(k)` (tasks on the pool) while this
 * thread reads the regions, then the households; the axis checks between them. `onCoverageRead`
 * starts work on a snapshot's coverage (its index, the tile unions) as soon as it and the regions
 * are read, while the households are still being read. Errors come in the order coverage (snapshot
 * by snapshot), regions, households, as if read one after another, whichever thread finds one first.
 */
export async function readSnapshots(
  options: PreparedOptions,
  progress: ProgressCallback,
  readCoverageOn: CoverageReader,
  onCoverageRead: (snapshot: number, coverage: Coverage, regions: RegionsRead) => void = () => {},
): Promise<SnapshotsRead> {
  const total = 2 + options.snapshots.length;
  let read = 0;
  const oneRead = () => progress({ stage: 'read', done: ++read, total });
  progress({ stage: 'read', done: 0, total });
  const coverageReads = options.snapshots.map((snapshot, k) =>
    readCoverageWith(readCoverageOn(k), options, snapshot.coverage),
  );
  const coverageReading = Promise.all(coverageReads);
  coverageReading.catch(() => {}); // awaited below; meanwhile a failure must not count as unhandled
  let regionsRead: RegionsRead;
  try {
    regionsRead = readRunRegions(options);
  } catch (error) {
    throw await firstError(coverageReading, error);
  }
  oneRead();
  const extent = extentOf(regionsRead.regions.polygons);
  const checkedCoverage = Promise.all(
    coverageReads.map((reading, k) =>
      reading.then((coverageRead) => {
        oneRead();
        checkCoverageAxes(coverageRead.coverage.polygons, extent, options.snapshots[k].coverage.join(', '));
        onCoverageRead(k, coverageRead.coverage, regionsRead);
        return coverageRead;
      }),
    ),
  );
  checkedCoverage.catch(() => {}); // awaited below; meanwhile a failure must not count as unhandled
  let householdsRead: HouseholdsRead;
  try {
    householdsRead = await readHouseholds(
      options.households,
      readOptionsFor(options.read, 'households'),
      options.householdsFormat,
    );
  } catch (error) {
    throw await firstError(checkedCoverage, error);
  }
  const coverage = await checkedCoverage;
  oneRead();
  checkHouseholdAxes(householdsRead.households, extent, options.households);
  return { households: householdsRead, regions: regionsRead, coverage };
}

/** The run's regions, as the run reads them (with `regionFilter`: those selected). */
export function readRunRegions(options: PreparedOptions): RegionsRead {
  return readRegions(
    options.regions,
    options.regionId ?? DEFAULT_REGION_ID,
    options.regionName,
    readOptionsFor(options.read, 'regions'),
    options.regionsFormat,
    options.regionFilter,
  );
}

/** One snapshot's inputs (the run's only one, by default), read as `readSnapshots` reads them. */
export async function readInputs(
  options: PreparedOptions,
  progress: ProgressCallback,
  readCoverageOn: RunTask,
  onCoverageRead: (coverage: Coverage, regions: RegionsRead) => void = () => {},
): Promise<Inputs> {
  const read = await readSnapshots(
    options,
    progress,
    () => readCoverageOn,
    (_, coverage, regions) => onCoverageRead(coverage, regions),
  );
  return snapshotInputs(options, read, 0);
}

/** The coverage's error if a read of it failed, else `error`: the coverage is first in the order of the checks. */
async function firstError(coverage: Promise<unknown>, error: unknown): Promise<unknown> {
  return coverage.then(
    () => error,
    (coverageError: unknown) => coverageError,
  );
}

/** Snapshot k's inputs as one value: the records for `summary.json` are built here and only here. */
export function snapshotInputs(options: PreparedOptions, read: SnapshotsRead, k: number): Inputs {
  const { households: householdsRead, regions: regionsRead } = read;
  const coverageRead = read.coverage[k];
  // One record per input file, in summary.json's order; each also says what --invalid did to it.
  const reads = [householdsRead.input, ...coverageRead.inputs, regionsRead.input];
  const records: InputRecord[] = reads.map(summaryRecord);
  const invalid: InvalidEntry[] = reads;
  const { regions, selected } = regionsRead;
  return {
    households: householdsRead.households,
    coverage: coverageRead.coverage,
    coverageSemantics: coverageRead.semantics,
    regions,
    records,
    invalid,
    warnings: snapshotWarnings(options, coverageRead, regionsRead),
    ...(selected ? { selected } : {}),
  };
}

/** A snapshot's warnings: they read only its coverage and the regions. */
export function snapshotWarnings(
  options: PreparedOptions,
  coverageRead: CoverageRead,
  regionsRead: RegionsRead,
): SummaryWarning[] {
  return [
    ...readWarnings(coverageRead, regionsRead),
    ...(regionsRead.notice === undefined
      ? []
      : [{ code: 'region-names-are-ids', input: options.regions, message: regionsRead.notice }]),
  ];
}

/** Coverage files that miss the regions (analysed ones), wholly or per operator. */
function readWarnings(coverageRead: CoverageRead, regionsRead: RegionsRead): SummaryWarning[] {
  const coverageFiles = coverageRead.inputs.map((input, k) => ({
    path: input.path,
    features: input.features,
    extent: input.extent ?? null,
    operators: coverageRead.operators[k],
  }));
  const { regions, selected } = regionsRead;
  const bounds = boundsByOwner(regions.polygons, regions.ids.length);
  const regionBoxes = selected ? selected.map((r) => bounds[r]) : bounds;
  const fileWarnings = coverageWarnings(coverageFiles, coverageRead.coverage.layers, regionBoxes);
  // Grids of "at least k operators" have no operator to place.
  const perOperator =
    coverageRead.semantics === 'operators'
      ? operatorWarnings(coverageFiles, coverageRead.coverage, regionBoxes, fileWarnings)
      : [];
  return [...fileWarnings, ...perOperator];
}
