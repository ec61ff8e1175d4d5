import type { RegionStats, Stats } from './stats.js';

export const SUMMARY_SCHEMA = 'funkatlas/summary@1';

export interface InputRecord {
  role: 'households' | 'coverage' | 'regions';
  path: string;
  sha256: string;
  bytes: number;
  features: number;
  /** Present and true when every feature of a coverage file is marked `"synthetic": true`. */
  synthetic?: boolean;
}

/** `summary.json`: the contract the monitoring office imports (JSON Schema in schema/summary.schema.json). */
export interface Summary {
  schema: typeof SUMMARY_SCHEMA;
  generated_at: string;
  tool: { name: string; version: string };
  inputs: InputRecord[];
  options: { region_id: string; region_name: string };
  totals: Stats;
  regions: RegionStats[];
  outside_regions: { points: number; households: number };
  skipped: Record<string, number>;
  /** Households read = in regions + outside regions + skipped; `balanced` says the three add up. */
  households_balance: {
    read: number;
    in_regions: number;
    outside_regions: number;
    skipped: number;
    balanced: boolean;
  };
}
