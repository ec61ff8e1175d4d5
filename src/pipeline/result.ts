import { type Aggregate, aggregate, type RegionGeometry } from '../analysis/aggregate.js';
import type { Classification } from '../analysis/classify.js';
import type { FunklochCells } from '../analysis/funkloch-cells.js';
import type { HouseholdCounts } from '../analysis/household-counts.js';
import type { Rollup } from '../analysis/rollup.js';
import { DEFINITIONS, DEFINITIONS_VERSION } from '../goals/definitions.js';
import type { GoalResult } from '../goals/goal-result.js';
import { DEFAULT_REGION_ID } from '../model/region-fields.js';
import type { Regions } from '../model/regions.js';
import type { DeadZone } from '../model/stats.js';
import {
  type InputRecord,
  type SnapshotSummary,
  SUMMARY_SCHEMA,
  type Summary,
  type SummaryWarning,
} from '../model/summary.js';
import { DEAD_ZONE_STATUSES, type DeadZoneTracking } from '../tracking/tracked-dead-zone.js';
import { type InvalidEntry, invalidSummary } from './invalid-summary.js';
import type { AnalyzeOptions } from './options.js';
import type { Inputs } from './read-inputs.js';
import type { RunProfile } from './stage-profile.js';
import { toolInfo } from './tool-version.js';
import { householdWarnings, skipWarnings } from './warnings.js';

export interface AnalysisResult {
  summary: Summary;
  /** The regions analysed; `deadZones` are the latest snapshot's. */
  regions: Regions;
  /** Sorted: most households first, then largest area. */
  deadZones: DeadZone[];
  /** Every snapshot's figures, oldest first. */
  snapshots: SnapshotResult[];
  /** With two or more dated snapshots: each dead zone followed across them. */
  deadZoneTracking?: DeadZoneTracking;
  /** With `rollup`: the latest snapshot's rows of larger regions, per level. */
  rollup?: Rollup;
  /** With `profile: true`: each stage's wall time and each thread's busy time in it. */
  profile?: RunProfile;
}

/** One snapshot's figures and the inputs they came from. */
export interface SnapshotResult {
  date: string | null;
  inputs: Inputs;
  figures: Aggregate;
  /** With `funklochCells`: the cells (their counts are in the figures' Stats too). */
  funklochCells?: FunklochCells;
  /** With `keepClassification`: each household's layer bits and region (index in `inputs.regions`, −1 outside). */
  classification?: Classification;
}

/** A snapshot's figures from its stages' products (aggregate). */
export function snapshotResult(
  date: string | null,
  inputs: Inputs,
  counted: HouseholdCounts,
  geometry: readonly RegionGeometry[],
  options: Pick<AnalyzeOptions, 'read' | 'keepClassification'>,
  cells?: FunklochCells,
): SnapshotResult {
  const { skippedHouseholds } = invalidSummary(options.read?.invalid ?? 'fail', inputs.invalid);
  const skipped = Object.values(skippedHouseholds).reduce((sum, n) => sum + n, 0);
  const { households, coverage, regions } = inputs;
  const figures = aggregate({ households, layers: coverage.layers, regions, counted, geometry, skipped });
  const kept = options.keepClassification
    ? { classification: { mask: counted.mask, region: counted.region } }
    : {};
  if (!cells) return { date, inputs, figures, ...kept };
  // Each region's cells (counted per region in file order) beside its other figures.
  const byId = new Map(regions.ids.map((id, r) => [id, cells.regions[r]]));
  for (const stats of figures.regionStats) stats.funkloch_cells = byId.get(stats.id);
  figures.totals.funkloch_cells = cells.total;
  return { date, inputs, figures, funklochCells: cells, ...kept };
}

/** The run's result: the latest snapshot's figures where summary@1 had them, every snapshot, the goals. */
export function analysisResult(
  snapshots: readonly SnapshotResult[],
  goals: { asOf: string | null; results: GoalResult[] },
  options: Pick<AnalyzeOptions, 'regionId' | 'regionFilter' | 'read'>,
  extra: { tracking?: DeadZoneTracking; rollup?: Rollup } = {},
): AnalysisResult {
  const { tracking, rollup } = extra;
  const latest = snapshots[snapshots.length - 1];
  const { inputs, figures } = latest;
  // Households and regions once, then each snapshot's coverage files (records [households, …coverage, regions]).
  const coverageOf = (s: SnapshotResult) => s.inputs.records.slice(1, -1);
  const records: InputRecord[] = [
    inputs.records[0],
    ...snapshots.flatMap(coverageOf),
    inputs.records.at(-1)!,
  ];
  const entries: InvalidEntry[] = [
    inputs.invalid[0],
    ...snapshots.flatMap((s) => s.inputs.invalid.slice(1, -1)),
    inputs.invalid.at(-1)!,
  ];
  const invalid = invalidSummary(options.read?.invalid ?? 'fail', entries);
  const { totals, balance } = figures;
  const summary: Summary = {
    schema: SUMMARY_SCHEMA,
    generated_at: new Date().toISOString(),
    tool: toolInfo(),
    inputs: records,
    options: {
      region_id: options.regionId ?? DEFAULT_REGION_ID,
      region_name: inputs.regions.nameField ?? options.regionId ?? DEFAULT_REGION_ID,
      ...(options.regionFilter ? { region_filter: [...new Set(options.regionFilter)] } : {}),
    },
    coverage_semantics: inputs.coverageSemantics,
    totals,
    regions: figures.regionStats,
    outside_regions: figures.outside,
    skipped: invalid.skippedHouseholds,
    invalid: invalid.invalid,
    warnings: uniqueWarnings([
      ...snapshots.flatMap((s) => s.inputs.warnings),
      ...skipWarnings(entries, records),
      ...householdWarnings(balance.read, totals.households, records[0]?.path ?? 'households'),
      ...(latest.funklochCells?.warnings ?? []).map((w) => ({
        ...w,
        input: records[0]?.path ?? 'households',
      })),
      ...(rollup?.notices ?? []).map((message) => ({
        code: 'rollup-names',
        input: records.at(-1)?.path ?? '',
        message,
      })),
    ]),
    households_balance: balance,
    as_of: goals.asOf,
    definitions: { version: DEFINITIONS_VERSION, terms: { ...DEFINITIONS } },
    snapshots: snapshots.map(snapshotSummary),
    goals: goals.results,
    ...(latest.funklochCells ? { funkloch_cells: latest.funklochCells.definition } : {}),
    ...(rollup ? { rollups: rollup.levels.map((l) => ({ level: l.level, regions: l.stats })) } : {}),
    ...(tracking ? { dead_zone_changes: deadZoneChanges(tracking) } : {}),
  };
  return {
    summary,
    regions: figures.regions,
    deadZones: figures.deadZones,
    snapshots: [...snapshots],
    ...(tracking ? { deadZoneTracking: tracking } : {}),
    ...(rollup ? { rollup } : {}),
  };
}

function snapshotSummary(s: SnapshotResult): SnapshotSummary {
  const { figures } = s;
  return {
    date: s.date,
    coverage: s.inputs.records.slice(1, -1).map((r) => r.path),
    totals: figures.totals,
    regions: figures.regionStats,
    outside_regions: figures.outside,
    lte_dead_zones: {
      count: figures.deadZones.length,
      area_km2: figures.deadZones.reduce((sum, z) => sum + z.area_km2, 0),
      households: figures.deadZones.reduce((sum, z) => sum + z.households, 0),
    },
  };
}

/** Households and regions warn in every snapshot: each warning once, in the order first given. */
function uniqueWarnings(warnings: readonly SummaryWarning[]): SummaryWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.input}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function deadZoneChanges(tracking: DeadZoneTracking): NonNullable<Summary['dead_zone_changes']> {
  const [from, to] = tracking.dates.slice(-2);
  const counts = Object.fromEntries(DEAD_ZONE_STATUSES.map((s) => [s, 0])) as Record<
    (typeof DEAD_ZONE_STATUSES)[number],
    number
  >;
  for (const zone of tracking.zones) if (zone.lastSeen >= from) counts[zone.status]++;
  return { from, to, counts };
}
