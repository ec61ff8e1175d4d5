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

/**
 * Reads the inputs: the coverage with `readCoverageOn` (a task on the pool) while this thread reads
 * the regions, then the households; the axis checks between them. `onCoverageRead` starts work on
 * the coverage (its index, the tile unions) as soon as it and the regions are read, while the
 * households are still being read. Errors come in the order coverage, regions, households, as if
 * they were read one after another, whichever thread finds one first.
 */
export async function readInputs(
  options: PreparedOptions,
  progress: ProgressCallback,
  readCoverageOn: RunTask,
  onCoverageRead: (coverage: Coverage, regions: RegionsRead) => void = () => {},
): Promise<Inputs> {
  let read = 0;
  const oneRead = () => progress({ stage: 'read', done: ++read, total: 3 });
  progress({ stage: 'read', done: 0, total: 3 });
  const coverageReading = readCoverageWith(readCoverageOn, options);
  let regionsRead: RegionsRead;
  try {
    regionsRead = readRegions(
      options.regions,
      options.regionId ?? DEFAULT_REGION_ID,
      options.regionName,
      readOptionsFor(options.read, 'regions'),
      options.regionsFormat,
      options.regionFilter,
    );
  } catch (error) {
    throw await firstError(coverageReading, error);
  }
  oneRead();
  const extent = extentOf(regionsRead.regions.polygons);
  const checkedCoverage = coverageReading.then((coverageRead) => {
    oneRead();
    checkCoverageAxes(coverageRead.coverage.polygons, extent, options.coverage.join(', '));
    onCoverageRead(coverageRead.coverage, regionsRead);
    return coverageRead;
  });
  checkedCoverage.catch(() => {}); // awaited below; meanwhile its failure must not count as unhandled
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
  const coverageRead = await checkedCoverage;
  oneRead();
  checkHouseholdAxes(householdsRead.households, extent, options.households);
  return inputsOf(options, householdsRead, coverageRead, regionsRead);
}

/** The coverage's error if its read failed, else `error`: the coverage is first in the order of the checks. */
async function firstError(coverage: Promise<unknown>, error: unknown): Promise<unknown> {
  return coverage.then(
    () => error,
    (coverageError: unknown) => coverageError,
  );
}

/** The readers' results as one value: the records for `summary.json` are built here and only here. */
function inputsOf(
  options: PreparedOptions,
  householdsRead: HouseholdsRead,
  coverageRead: CoverageRead,
  regionsRead: RegionsRead,
): Inputs {
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
    warnings: [
      ...readWarnings(coverageRead, regionsRead),
      ...(regionsRead.notice === undefined
        ? []
        : [{ code: 'region-names-are-ids', input: options.regions, message: regionsRead.notice }]),
    ],
    ...(selected ? { selected } : {}),
  };
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
