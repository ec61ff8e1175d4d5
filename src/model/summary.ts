import type { GoalResult } from '../goals/goal-result.js';
import type { DeadZoneStatus } from '../tracking/tracked-dead-zone.js';
import type { RegionStats, Stats } from './stats.js';

/** @2: the snapshots, the goals, the definitions; @1's fields kept, with the latest snapshot's figures. */
export const SUMMARY_SCHEMA = 'funkatlas/summary@2';

export interface InputRecord {
  role: 'households' | 'coverage' | 'regions';
  path: string;
  sha256: string;
  bytes: number;
  features: number;
  /** The format it was read as (`geojson`, `csv`, `zensus`, `fgb`, `geotiff`, `bnetza`). */
  format?: string;
  /** The CRS its coordinates were in, when not lon/lat (EPSG:4326). */
  crs?: string;
  /** Present and true when every feature of a coverage file is marked `"synthetic": true`. */
  synthetic?: boolean;
  /** Present and true when every feature of a coverage file is marked `"predicted": true` (from `funkatlas predict`). */
  predicted?: boolean;
  /** Coverage files: the box around their coverage, [minLon, minLat, maxLon, maxLat]; null when they have none. */
  extent?: [number, number, number, number] | null;
}

/** Something the run did not refuse but the user should look at (also printed on stderr by the CLI). */
export interface SummaryWarning {
  /** A stable key: `coverage-empty`, `coverage-outside-regions`, `coverage-partial`, `operator-without-coverage`, `operator-outside-regions`, `skipped`, `region-names-are-ids`, `households-empty`, `households-outside-regions` (see the schema). */
  code: string;
  /** The path of the input it is about. */
  input: string;
  /** One line, naming the input. */
  message: string;
}

/** `summary.json`: the contract the monitoring office imports (JSON Schema in schema/summary.schema.json). */
export interface Summary {
  schema: typeof SUMMARY_SCHEMA;
  generated_at: string;
  tool: { name: string; version: string };
  inputs: InputRecord[];
  /** `region_name`: the property the names came from (the id's when there was none). */
  options: { region_id: string; region_name: string; region_filter?: string[] };
  /**
   * `operators`: per-operator metrics are per real operator. `operator-count` (Bundesnetzagentur
   * grids): the "operators" are "at least k operators" layers, so `operators` holds counts ≥ k.
   */
  coverage_semantics?: 'operators' | 'operator-count';
  totals: Stats;
  regions: RegionStats[];
  outside_regions: { points: number; households: number };
  /** Households skipped (`--invalid=skip`), by reason. */
  skipped: Record<string, number>;
  /** What `--invalid` did: features skipped per file and reason, geometries repaired. */
  invalid?: InvalidSummary;
  /** What the run did not refuse but looks wrong; `[]` when nothing does. */
  warnings: SummaryWarning[];
  /** Households read = in regions + outside regions + skipped; `balanced` says the three add up. */
  households_balance: {
    read: number;
    in_regions: number;
    outside_regions: number;
    skipped: number;
    balanced: boolean;
  };
  /** The day the goals are judged as of: `--as-of`, else the latest snapshot's date; null for an undated run without one. */
  as_of: string | null;
  /** What the figures mean in this version (white and grey spots, 5G households, …). */
  definitions: { version: string; terms: Record<string, string> };
  /** Every snapshot, oldest first (one undated snapshot when the coverage has no date). */
  snapshots: SnapshotSummary[];
  /** Each goal judged as of `as_of` over the snapshots. */
  goals: GoalResult[];
  /** With Funkloch cells measured: the rule they were measured by (the counts are in each Stats). */
  funkloch_cells?: { crs: string; cell_size: number; threshold: number; technologies: string[] };
  /** With `--rollup`: the latest snapshot's figures of the larger regions, per AGS level asked for. */
  rollups?: { level: number; regions: RegionStats[] }[];
  /** With two or more dated snapshots: the dead zones' statuses between the last two (dead-zone-changes.geojson has each). */
  dead_zone_changes?: { from: string; to: string; counts: Record<DeadZoneStatus, number> };
  /** With `--margin`: the latest snapshot's household figures with every coverage threshold moved by each level. */
  margins?: MarginsSummary;
}

/** Household figures at thresholds moved by each level (+3: 3 dB stricter); level 0 is the nominal run. */
export interface MarginsSummary {
  levels_db: number[];
  /** The snapshot the margins are of: the latest one (null: undated). */
  snapshot: string | null;
  inputs: MarginInput[];
  totals: { households: number; levels: MarginLevelFigures[] };
  regions: { id: string; households: number; levels: MarginLevelFigures[] }[];
}

/** A coverage file and how its levels were read: its threshold moved, or `funkatlas predict`'s level files. */
export interface MarginInput {
  path: string;
  by: 'threshold' | 'predicted-levels';
  levels?: { margin_db: number; path: string }[];
}

export interface MarginLevelFigures {
  margin_db: number;
  households_lte: number;
  share_lte: number | null;
  households_5g: number;
  share_5g: number | null;
  households_no_lte: number;
  households_single_lte: number;
}

/** One snapshot's figures (the top level's `totals`, `regions`, `outside_regions` are the latest one's). */
export interface SnapshotSummary {
  date: string | null;
  /** Its coverage files (their records are in the top level's `inputs` too). */
  coverage: string[];
  totals: Stats;
  regions: RegionStats[];
  outside_regions: { points: number; households: number };
  lte_dead_zones: { count: number; area_km2: number; households: number };
}

export interface InvalidSummary {
  policy: 'fail' | 'skip' | 'repair';
  skipped: {
    role: InputRecord['role'];
    path: string;
    reason: string;
    features: number;
    households: number;
  }[];
  /** Every repaired geometry (the first 1000), with its area as given (|shell| − Σ|holes|) and after. */
  repaired: {
    role: InputRecord['role'];
    path: string;
    feature: number;
    id?: string | number;
    reason: string;
    area_before_km2: number;
    area_after_km2: number;
  }[];
  repaired_total: number;
}
