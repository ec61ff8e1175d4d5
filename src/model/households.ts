import { InputError, type InputErrorWhere } from '../errors.js';

/** Household points as columns: one row per point, its weight is the number of households there. */
export interface Households {
  readonly count: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly weight: Uint32Array;
}

/** The largest household count a point can carry (Uint32 weights). */
export const MAX_WEIGHT = 0xffffffff;

/** Household columns of `count` rows in SharedArrayBuffers, zeroed. */
export function allocateHouseholds(count: number): Households {
  return {
    count,
    lon: new Float64Array(new SharedArrayBuffer(Math.max(1, count) * 8), 0, count),
    lat: new Float64Array(new SharedArrayBuffer(Math.max(1, count) * 8), 0, count),
    weight: new Uint32Array(new SharedArrayBuffer(Math.max(1, count) * 4), 0, count),
  };
}

/** Rows `picked` (ascending) of `households` as columns of their own, in shared memory. */
export function householdsSubset(households: Households, picked: ArrayLike<number>): Households {
  const out = allocateHouseholds(picked.length);
  const { lon, lat, weight } = households;
  const { lon: toLon, lat: toLat, weight: toWeight } = out;
  for (let k = 0; k < picked.length; k++) {
    const i = picked[k];
    toLon[k] = lon[i];
    toLat[k] = lat[i];
    toWeight[k] = weight[i];
  }
  return out;
}

/** The first `count` rows: views on the same shared buffers, no copy. */
export function firstHouseholds(households: Households, count: number): Households {
  return {
    count,
    lon: households.lon.subarray(0, count),
    lat: households.lat.subarray(0, count),
    weight: households.weight.subarray(0, count),
  };
}

/**
 * A household count: an integer from 0 to MAX_WEIGHT, or such an integer written as a string of
 * digits (`"9"`, as ogr2ogr writes numbers that came from a CSV), blanks around it trimmed.
 */
export function checkWeight(value: unknown, where: InputErrorWhere): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > MAX_WEIGHT)
    throw new InputError(`households must be an integer from 0 to ${MAX_WEIGHT}`, {
      ...where,
      value,
      code: 'bad-households',
      ...(typeof value === 'string' ? { hint: 'a string is taken when it holds only digits ("9")' } : {}),
    });
  return number;
}
