import { InputError, type InputErrorWhere } from '../errors.js';

/** The most households one input may hold: every sum of them (per region, operator, technology) stays exact in a double. */
export const MAX_TOTAL_HOUSEHOLDS = Number.MAX_SAFE_INTEGER;

/** The error's code: a problem of the whole input, which skipping a feature cannot fix. */
export const TOTAL_CODE = 'households-total';

/**
 * The running total of a household input's points, the one sum every reader keeps: a reader adds
 * each point it keeps and throws `passed(place)` when `add` says the total went past the limit.
 */
export class HouseholdTotal {
  value = 0;

  constructor(private readonly file: string) {}

  /** Adds a point's households; false once the total passes MAX_TOTAL_HOUSEHOLDS (no allocation either way). */
  add(households: number): boolean {
    this.value += households;
    return this.value <= MAX_TOTAL_HOUSEHOLDS;
  }

  /** The one-line error for the point where the total passed, e.g. `{ line: 2097154 }`; `at` names a raster cell. */
  passed(place: InputErrorWhere, at = ''): InputError {
    return new InputError(
      `the households add up to more than ${MAX_TOTAL_HOUSEHOLDS} (2^53 − 1), the most that can be summed exactly${at}`,
      {
        file: this.file,
        ...place,
        hint: 'split the input into parts below that total, or check the households values',
        code: TOTAL_CODE,
      },
    );
  }
}
