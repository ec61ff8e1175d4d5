import type { RegionStats, Stats } from './stats.js';

export const SUMMARY_SCHEMA = 'funkatlas/summary@1';

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
