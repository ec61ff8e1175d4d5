import { InputError } from '../errors.js';
import { type ReadOptions, type ResolvedReadOptions, resolveReadOptions } from '../io/read-options.js';
import { checkOptionKeys } from './option-keys.js';
import type { ProgressCallback } from './progress.js';

export interface AnalyzeOptions {
  households: string;
  coverage: readonly string[];
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
}

const ANALYZE_OPTIONS = [
  'households',
  'coverage',
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

/** The options as the readers take them: the read options resolved (see `prepareOptions`). */
export type PreparedOptions = AnalyzeOptions & { read: ResolvedReadOptions };

/**
 * The coverage as a list (a single path from JavaScript is taken as one file, not as characters),
 * refused when empty: with no coverage every household would count as a white spot. The read
 * options checked and resolved (CRS names as the CLI takes them), so errors name the option.
 */
export function prepareOptions(options: AnalyzeOptions): PreparedOptions {
  checkOptionKeys(options, ANALYZE_OPTIONS, 'analyze()');
  checkOptionKeys(options.read ?? {}, READ_OPTIONS, 'analyze() read');
  const given: unknown = options.coverage;
  const coverage = typeof given === 'string' ? [given] : options.coverage;
  if (!Array.isArray(coverage) || coverage.length === 0)
    throw new InputError('no coverage file given', { field: 'coverage', value: given });
  return { ...options, coverage, read: resolveReadOptions(options.read) };
}
