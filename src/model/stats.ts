/** Per-operator household figures. */
export interface OperatorStats {
  households_5g: number;
  households_lte: number;
  share_5g: number | null;
  share_lte: number | null;
}

/** Households reached by a technology other than LTE and 5G (e.g. `3g`), by at least one operator. */
export interface TechnologyStats {
  households: number;
  share: number | null;
}

/** The metrics of one region, or of all regions (the totals). Field names are the `funkatlas/summary` contract (@1 and @2). */
export interface Stats {
  households: number;
  households_5g: number;
  share_5g: number | null;
  households_lte: number;
  share_lte: number | null;
  households_no_lte: number;
  households_single_lte: number;
  area_km2: number;
  area_5g_km2: number;
  share_area_5g: number | null;
  lte_dead_zone_area_km2: number;
  /** Keyed by operator name, a user string (`__proto__` too): read it with Object.hasOwn. */
  operators: Record<string, OperatorStats>;
  /** Present only when the coverage has technologies besides `lte` and `5g`. */
  other_technologies?: Record<string, TechnologyStats>;
  /** With the Funkloch cells measured (`funklochCells`): the Mobilfunkpakt's inhabited cells under the threshold. */
  funkloch_cells?: { count: number; households: number; inhabited_cells: number };
}

export interface RegionStats extends Stats {
  id: string;
  name: string;
}

/** One connected LTE dead zone: a part of a region that no operator's LTE reaches. */
export interface DeadZone {
  region: number;
  /** Shell first, then holes; each ring closed, lon/lat. */
  rings: Float64Array[];
  area_km2: number;
  households: number;
}
