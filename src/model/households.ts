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

/** The first `count` rows, in new shared columns. */
export function sliceHouseholds(households: Households, count: number): Households {
  const out = allocateHouseholds(count);
  out.lon.set(households.lon.subarray(0, count));
  out.lat.set(households.lat.subarray(0, count));
  out.weight.set(households.weight.subarray(0, count));
  return out;
}
