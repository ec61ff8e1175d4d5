import { InputError } from '../errors.js';
import type { Crs } from '../geometry/crs.js';

/** What to do with a feature that cannot be used as it is (bad geometry or attribute). */
export type InvalidPolicy = 'fail' | 'skip' | 'repair';

export const INVALID_POLICIES: readonly InvalidPolicy[] = ['fail', 'skip', 'repair'];

/** How the readers treat their inputs; every field has a default, so `{}` is valid. */
export interface ReadOptions {
  /** Default `fail`: the first invalid feature stops the run with an InputError. */
  invalid?: InvalidPolicy;
  /** The CRS of inputs that do not declare one (default: lon/lat, EPSG:4326). Overrides nothing a file declares. */
  inputCrs?: Crs;
  /** Persons per household, to derive households from population (Zensus grids, rasters) where no household count is given. */
  householdSize?: number;
  /** Signal-strength thresholds in dBm per technology (`lte`, `5g`, …) for coverage rasters of signal strength. */
  thresholds?: Readonly<Record<string, number>>;
}

/** Refuses options no reader can use (the CLI checks its flags; this guards the library API). */
export function checkReadOptions(options: ReadOptions): void {
  const size = options.householdSize;
  if (size !== undefined && !(Number.isFinite(size) && size > 0))
    throw new InputError('household size must be a positive number', {
      field: '--household-size',
      value: size,
    });
  for (const [technology, dbm] of Object.entries(options.thresholds ?? {}))
    if (!Number.isFinite(dbm))
      throw new InputError('a threshold must be a number of dBm', {
        field: '--threshold',
        value: { [technology]: dbm },
      });
}
