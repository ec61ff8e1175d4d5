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

/** The first `count` rows: views on the same shared buffers, no copy. */
export function firstHouseholds(households: Households, count: number): Households {
  return {
    count,
    lon: households.lon.subarray(0, count),
    lat: households.lat.subarray(0, count),
    weight: households.weight.subarray(0, count),
  };
}
