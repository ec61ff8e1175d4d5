import type { FunklochCellsOptions } from '../analysis/funkloch-cells.js';
import { parseRollupLevels } from '../analysis/rollup-levels.js';
import { InputError } from '../errors.js';
import { isCalendarDate } from '../goals/calendar-date.js';
import type { Goal } from '../goals/goal.js';
import { type ReadOptions, type ResolvedReadOptions, resolveReadOptions } from '../io/read-options.js';
import type { RegionStats, Stats } from '../model/stats.js';
import { checkOptionKeys } from './option-keys.js';
import type { ProgressCallback } from './progress.js';

/** A dated coverage snapshot: the coverage files of one date. */
export interface SnapshotInput {
  /** `YYYY-MM-DD`, a real calendar date. */
  date: string;
  coverage: readonly string[];
}

export interface AnalyzeOptions {
  households: string;
  /** One undated coverage snapshot (its files); or give `snapshots` instead. */
  coverage?: readonly string[];
  /** Dated coverage snapshots, instead of `coverage`: households and regions are read and indexed once. */
  snapshots?: readonly SnapshotInput[];
  /** The goals to judge (default: the NRW Digitalstrategie 2.0 / Mobilfunkpakt set, `DEFAULT_GOALS`). */
  goals?: readonly Goal[];
  /** The goals file they came from, for errors and `summary.json`. */
  goalsFile?: string;
  /** `YYYY-MM-DD`: the day goals are judged as of (default: the latest snapshot's date, never the clock). */
  asOf?: string;
  /**
   * Figures of snapshots analysed before (a history's `read()`): the goals are judged over them and
   * this run's snapshots together (a date this run analyses again is its own). Not analysed again.
   */
  earlierSnapshots?: readonly { date: string; totals: Stats; regions: readonly RegionStats[] }[];
  /**
   * The dead zones of the last snapshot analysed before (a history's `readDeadZones`), with their ids:
   * this run's dead zones are followed on from them (dated snapshots after `date` only).
   */
  earlierDeadZones?: {
    date: string;
    /** As a history stored them (its `StoredDeadZone`s): id, region id, figures, shell then holes. */
    zones: readonly {
      id: string;
      regionId: string;
      households: number;
      area_km2: number;
      rings: Float64Array[];
    }[];
  };
  /**
   * Measure the Mobilfunkpakt's Funkloch cells (inhabited grid cells where fewer than half the
   * households have LTE): `true` for the Pakt's rule (100 m cells in EPSG:25832), or its options.
   */
  funklochCells?: boolean | FunklochCellsOptions;
  /** AGS levels to add rows for by key prefix (2 Land, 3 Regierungsbezirk, 5 Kreis, 8 Gemeinde): `[5, 2]`. */
  rollup?: readonly number[];
  regions: string;
  /** Property with a region's key (default `id`) and name (default: the first of `name`, `GN`, `GEN`, `NAME`, else the id). */
  regionId?: string;
  regionName?: string;
  /** Only these regions (by id), with the full run's figures; the households of the others count as outside. */
  regionFilter?: readonly string[];
  /** Worker threads; 0 runs everything on the calling thread. Default: the number of CPUs but one. */
  workers?: number;
  /** Formats, when not to be told from the files (see `detectFormat`). */
  householdsFormat?: string;
  coverageFormat?: string;
  regionsFormat?: string;
  /** How inputs are read: invalid features and how many may be skipped, the CRS of files that declare none, household size, thresholds. */
  read?: ReadOptions;
  onProgress?: ProgressCallback;
  /** Measure each stage's wall time and each thread's busy time in it (`AnalysisResult.profile`). */
  profile?: boolean;
  /** Keep each household's layers and region (`SnapshotResult.classification`): what-if and placement start from them. */
  keepClassification?: boolean;
  /**
   * dB amounts (`[3, 6]`): the latest snapshot's household figures again at every threshold ± each
   * (`summary.margins`); its coverage must be signal-strength rasters or predicted with the same margin.
   */
  margin?: readonly number[];
}

const ANALYZE_OPTIONS = [
  'households',
  'coverage',
  'snapshots',
  'goals',
  'goalsFile',
  'asOf',
  'earlierSnapshots',
  'earlierDeadZones',
  'rollup',
  'funklochCells',
  'regions',
  'regionId',
  'regionName',
  'regionFilter',
  'workers',
  'householdsFormat',
  'coverageFormat',
  'regionsFormat',
  'read',
  'onProgress',
  'profile',
  'keepClassification',
  'margin',
] as const satisfies readonly (keyof AnalyzeOptions)[];

const READ_OPTIONS = [
  'invalid',
  'inputCrs',
  'householdsCrs',
  'coverageCrs',
  'regionsCrs',
  'householdSize',
  'thresholds',
  'maxSkipped',
] as const satisfies readonly (keyof ReadOptions)[];

/** A snapshot as the pipeline takes it: undated (`date` null) only when it is the run's one snapshot. */
export interface PreparedSnapshot {
  date: string | null;
  coverage: readonly string[];
}

/** The options as the readers take them: the read options resolved, the snapshots oldest first (see `prepareOptions`). */
export type PreparedOptions = Omit<AnalyzeOptions, 'coverage' | 'snapshots'> & {
  read: ResolvedReadOptions;
  snapshots: PreparedSnapshot[];
  /** Every coverage file of every snapshot, in snapshot order. */
  coverage: readonly string[];
};

/**
 * The coverage as a list (a single path from JavaScript is taken as one file, not as characters),
 * refused when empty: with no coverage every household would count as a white spot. Snapshots
 * checked, files of one date merged, oldest first. The read options checked and resolved (CRS
 * names as the CLI takes them), so errors name the option.
 */
export function prepareOptions(options: AnalyzeOptions): PreparedOptions {
  checkOptionKeys(options, ANALYZE_OPTIONS, 'analyze()');
  checkOptionKeys(options.read ?? {}, READ_OPTIONS, 'analyze() read');
  const snapshots = preparedSnapshots(options);
  if (options.asOf !== undefined && !isCalendarDate(options.asOf))
    throw new InputError('not a calendar date', {
      field: 'options.asOf',
      value: options.asOf,
      hint: 'write YYYY-MM-DD',
    });
  if (options.rollup !== undefined) {
    parseRollupLevels(options.rollup.join(','), 'options.rollup');
    if (options.regionFilter !== undefined)
      throw new InputError('a roll-up needs every region, not a selection', {
        field: 'options.rollup',
        value: options.rollup,
        hint: 'leave out options.regionFilter, or roll up in a run over every region',
      });
  }
  const { snapshots: _given, ...rest } = options;
  return {
    ...rest,
    snapshots,
    coverage: snapshots.flatMap((s) => s.coverage),
    read: resolveReadOptions(options.read),
  };
}

function preparedSnapshots(options: AnalyzeOptions): PreparedSnapshot[] {
  if (options.snapshots !== undefined) {
    if (options.coverage !== undefined)
      throw new InputError('give coverage or snapshots, not both', {
        field: 'snapshots',
        hint: 'an undated coverage and dated snapshots do not mix: give every coverage file a date',
      });
    if (!Array.isArray(options.snapshots) || options.snapshots.length === 0)
      throw new InputError('no snapshot given', { field: 'snapshots', value: options.snapshots });
    const byDate = new Map<string, string[]>();
    options.snapshots.forEach((snapshot, k) => {
      if (!isCalendarDate(snapshot?.date))
        throw new InputError('a snapshot date must be a calendar date YYYY-MM-DD', {
          field: `snapshots[${k}].date`,
          value: snapshot?.date,
        });
      const files = coverageList(snapshot.coverage, `snapshots[${k}].coverage`);
      byDate.set(snapshot.date, [...(byDate.get(snapshot.date) ?? []), ...files]);
    });
    return [...byDate.keys()].sort().map((date) => ({ date, coverage: byDate.get(date) ?? [] }));
  }
  return [{ date: null, coverage: coverageList(options.coverage, 'coverage') }];
}

function coverageList(given: unknown, field: string): string[] {
  const coverage = typeof given === 'string' ? [given] : given;
  if (!Array.isArray(coverage) || coverage.length === 0)
    throw new InputError('no coverage file given', { field, value: given });
  return coverage as string[];
}
