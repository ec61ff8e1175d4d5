import { InputError } from '../errors.js';
import { type Crs, crsOption, resolveCrs } from '../geometry/crs.js';
import { checkHouseholdSize } from '../model/household-size.js';
import { parseSkipLimit } from './skip-limit.js';
import { INVALID_POLICIES, type InvalidPolicy } from './skipped.js';

/** How the readers treat their inputs; every field has a default, so `{}` is valid. */
export interface ReadOptions {
  /** Default `fail`: the first invalid feature stops the run with an InputError. */
  invalid?: InvalidPolicy;
  /**
   * The CRS of inputs that do not declare one (default: lon/lat, EPSG:4326): a resolved Crs, or as the
   * CLI takes it (`EPSG:25832`, a proj4 string). Overrides nothing a file declares.
   */
  inputCrs?: Crs | string;
  /**
   * The CRS of one role's inputs that declare none, in place of `inputCrs` for them: the households
   * in EPSG:25832 beside coverage and regions in lon/lat (GeoJSON without a `crs` member).
   */
  householdsCrs?: Crs | string;
  coverageCrs?: Crs | string;
  regionsCrs?: Crs | string;
  /** Persons per household, to derive households from population (Zensus grids, rasters) where no household count is given. */
  householdSize?: number;
  /** Signal-strength thresholds in dBm per technology (`lte`, `5g`, …) for coverage rasters of signal strength. */
  thresholds?: Readonly<Record<string, number>>;
  /**
   * Under `skip`/`repair`, the features an input may lose: a count (`100`) or a share (`'1%'`) of its
   * features. Default: any number but all; an input that loses every feature always fails.
   */
  maxSkipped?: number | string;
}

/** The options as the readers take them: the CRS resolved. */
export interface ResolvedReadOptions extends ReadOptions {
  inputCrs?: Crs;
  householdsCrs?: Crs;
  coverageCrs?: Crs;
  regionsCrs?: Crs;
}

/** The options for one role's readers: its own CRS, if given, as the CRS of its inputs that declare none. */
export function readOptionsFor(
  options: ResolvedReadOptions,
  role: 'households' | 'coverage' | 'regions',
): ResolvedReadOptions {
  const own = options[`${role}Crs`];
  return own === undefined ? options : { ...options, inputCrs: own };
}

/**
 * Refuses options no reader can use and resolves the rest (the CLI checks its flags; this guards
 * the library API, so its errors name the option). Resolved options pass through unchanged.
 */
export function resolveReadOptions(options: ReadOptions | ResolvedReadOptions = {}): ResolvedReadOptions {
  const size = options.householdSize;
  if (size !== undefined) checkHouseholdSize(size, 'read.householdSize');
  for (const [technology, dbm] of Object.entries(options.thresholds ?? {}))
    if (!Number.isFinite(dbm))
      throw new InputError('a threshold must be a number of dBm', {
        field: 'read.thresholds',
        value: { [technology]: dbm },
      });
  if (options.invalid !== undefined && !INVALID_POLICIES.includes(options.invalid))
    throw new InputError(`invalid must be one of ${INVALID_POLICIES.join(', ')}`, {
      field: 'read.invalid',
      value: options.invalid,
    });
  // Checked here, so a bad limit fails before any input is read.
  if (options.maxSkipped !== undefined) parseSkipLimit(options.maxSkipped, 'read.maxSkipped');
  return {
    ...options,
    inputCrs: crsOption(options.inputCrs, 'read.inputCrs'),
    householdsCrs: crsOption(options.householdsCrs, 'read.householdsCrs'),
    coverageCrs: crsOption(options.coverageCrs, 'read.coverageCrs'),
    regionsCrs: crsOption(options.regionsCrs, 'read.regionsCrs'),
  };
}

const CRS_OPTIONS = ['inputCrs', 'householdsCrs', 'coverageCrs', 'regionsCrs'] as const;

/** Resolved read options as plain data (a Crs holds functions): each CRS by its name and the option it came from. */
export interface NamedReadOptions {
  options: ReadOptions;
  /** Per CRS option, the option or flag its errors name (`read.coverageCrs` for a role's own CRS). */
  crsFlags: Partial<Record<(typeof CRS_OPTIONS)[number], string>>;
}

/** The options by name, or undefined when a CRS is one the caller built that its name does not give back. */
export function namedReadOptions(read: ResolvedReadOptions): NamedReadOptions | undefined {
  const options: ReadOptions = { ...read };
  const crsFlags: NamedReadOptions['crsFlags'] = {};
  for (const key of CRS_OPTIONS) {
    const crs = read[key];
    if (crs === undefined) continue;
    const again = crsFromName(crs.name, crs.flag);
    if (again?.geographic !== crs.geographic || again.degrees !== crs.degrees) return undefined;
    options[key] = crs.name;
    if (crs.flag) crsFlags[key] = crs.flag;
  }
  return { options, crsFlags };
}

/** The options again, each CRS resolved from its name with the option it came from. */
export function resolvedFromNames(named: NamedReadOptions): ResolvedReadOptions {
  const read: ResolvedReadOptions = { ...named.options } as ResolvedReadOptions;
  for (const key of CRS_OPTIONS) {
    const name = named.options[key];
    if (typeof name === 'string') read[key] = resolveCrs(name, { field: named.crsFlags[key] });
  }
  return read;
}

function crsFromName(name: string, flag?: string): Crs | undefined {
  try {
    return resolveCrs(name, flag ? { field: flag } : {});
  } catch {
    return undefined;
  }
}
