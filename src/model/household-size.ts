import { InputError } from '../errors.js';

/** Persons per household that `householdSize` may be: a plausible average, not a typo (0.2, 200). */
export const HOUSEHOLD_SIZE = { min: 1, max: 20 } as const;

/** Refuses a household size outside HOUSEHOLD_SIZE, naming `field` (an option, or the CLI's flag). */
export function checkHouseholdSize(size: number, field: string, given: unknown = size): number {
  if (!(Number.isFinite(size) && size >= HOUSEHOLD_SIZE.min && size <= HOUSEHOLD_SIZE.max))
    throw new InputError(
      `household size must be a number of persons from ${HOUSEHOLD_SIZE.min} to ${HOUSEHOLD_SIZE.max}`,
      { field, value: given },
    );
  return size;
}
