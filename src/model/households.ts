/** Household points as columns: one row per point, its weight is the number of households there. */
export interface Households {
  readonly count: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly weight: Uint32Array;
}

/** The largest household count a point can carry (Uint32 weights). */
export const MAX_WEIGHT = 0xffffffff;
