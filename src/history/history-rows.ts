// A run as the rows of the history's tables, the same for every store (GeoPackage and PostgreSQL):
// plain data, so it crosses from the job thread to the main thread that writes it.

import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Stats } from '../model/stats.js';
import { SCALAR_COLUMNS } from '../model/stats-columns.js';
import type { AnalysisResult } from '../pipeline/result.js';
import { type RegionGeometryRow, regionGeometryRows } from './region-geometry-rows.js';
import { deadZoneWkb } from './wkb.js';

/** Bumped when a table or column changes; each store migrates from the version it finds. */
export const HISTORY_SCHEMA_VERSION = 1;

/** Every scalar Stats figure: one column each in `snapshots` (the totals) and `region_stats`. */
export const STATS_COLUMNS = SCALAR_COLUMNS;
export type StatsColumns = { [K in (typeof STATS_COLUMNS)[number]]: number | null };

/** `runs`: one row per run; `run_id` is a hash of what the run read and how, so the same run replaces its row. */
export interface RunRow {
  run_id: string;
  generated_at: string;
  tool_version: string;
  definitions_version: string;
  /** JSON: summary.json's `options` (region id and name fields, region filter), the coverage semantics, the --invalid policy. */
  options: string;
  as_of: string | null;
}

/** `run_inputs`: each file the run read; `snapshot_date` for coverage files, null for households and regions. */
export interface RunInputRow {
  run_id: string;
  ordinal: number;
  role: 'households' | 'coverage' | 'regions';
  snapshot_date: string | null;
  path: string;
  sha256: string;
  bytes: number;
  format: string | null;
}

/** `snapshots`: one per date; its key is the date plus `coverage_sha256` (the sorted sha256s of its coverage files). */
export interface SnapshotRow extends StatsColumns {
  snapshot_date: string;
  coverage_sha256: string;
  /** JSON array of the coverage files' paths, in the order given. */
  coverage_paths: string;
  households_sha256: string;
  regions_sha256: string;
  /** The run that wrote it last. */
  run_id: string;
  /** JSON: the totals' per-operator figures; `other_technologies` JSON or null. */
  operators: string;
  other_technologies: string | null;
  outside_points: number;
  outside_households: number;
  dead_zone_count: number;
  dead_zone_area_km2: number;
  dead_zone_households: number;
}

/** `region_stats`: one per snapshot and region. */
export interface RegionStatsRow extends StatsColumns {
  snapshot_date: string;
  /** The region's place in the run's regions (the order to read them back in). */
  region_ordinal: number;
  region_id: string;
  region_name: string;
  operators: string;
  other_technologies: string | null;
}

/** `dead_zones`: one per snapshot and dead zone; `geom` is a MultiPolygon as WKB, lon/lat (EPSG:4326). */
export interface DeadZoneRow {
  snapshot_date: string;
  /** The tracked id (stable across the run's snapshots), else `<region id>-<date>-<n>` in the run's order. */
  zone_id: string;
  region_id: string;
  households: number;
  area_km2: number;
  /** Its status against the snapshot before (tracking), null without tracking. */
  status: string | null;
  geom: Uint8Array;
}

/** `goal_status`: each goal per run; `region_id` null is the goal over its whole scope, else one region of it. */
export interface GoalStatusRow {
  run_id: string;
  goal_id: string;
  region_id: string | null;
  title: string;
  metric: string;
  comparison: string;
  target: number;
  deadline: string;
  as_of: string | null;
  status: string;
  value: number | null;
  gap_households: number | null;
  gap_area_km2: number | null;
  projected_date: string | null;
}

export interface HistoryRows {
  run: RunRow;
  inputs: RunInputRow[];
  snapshots: SnapshotRow[];
  regionStats: RegionStatsRow[];
  deadZones: DeadZoneRow[];
  goals: GoalStatusRow[];
  /** The regions' outlines: the GeoPackage history keeps them once per region set; PostgreSQL does not. */
  regionGeometry: RegionGeometryRow[];
}

/** The rows of a run; refuses an undated snapshot (a history is a series of dates). */
export function historyRows(result: AnalysisResult, target = 'history'): HistoryRows {
  const { summary } = result;
  const households = summary.inputs.find((r) => r.role === 'households');
  const regions = summary.inputs.find((r) => r.role === 'regions');
  if (!households || !regions) throw new Error('summary.inputs lacks the households or regions record');
  for (const s of result.snapshots)
    if (s.date === null)
      throw new InputError('a history needs dated snapshots', {
        file: target,
        hint: 'give each coverage file its date: --coverage YYYY-MM-DD=PATH',
      });
  // summary.inputs is [households, each snapshot's coverage files in turn, regions] (see analysisResult).
  const dates = [
    null,
    ...result.snapshots.flatMap((s) => s.inputs.records.slice(1, -1).map(() => s.date)),
    null,
  ];
  if (dates.length !== summary.inputs.length) throw new Error('summary.inputs and the snapshots disagree');
  const runId = runIdOf(summary.tool.version, summary.definitions.version, summary.as_of, summary);
  const run: RunRow = {
    run_id: runId,
    generated_at: summary.generated_at,
    tool_version: summary.tool.version,
    definitions_version: summary.definitions.version,
    options: JSON.stringify({
      ...summary.options,
      ...(summary.coverage_semantics ? { coverage_semantics: summary.coverage_semantics } : {}),
      ...(summary.invalid ? { invalid: summary.invalid.policy } : {}),
    }),
    as_of: summary.as_of,
  };
  const inputs: RunInputRow[] = summary.inputs.map((r, ordinal) => ({
    run_id: runId,
    ordinal,
    role: r.role,
    snapshot_date: dates[ordinal],
    path: r.path,
    sha256: r.sha256,
    bytes: r.bytes,
    format: r.format ?? null,
  }));
  const snapshots: SnapshotRow[] = [];
  const regionStats: RegionStatsRow[] = [];
  const deadZones: DeadZoneRow[] = [];
  const tracked = new Map(result.deadZoneTracking?.zones.map((z) => [z.id, z]));
  result.snapshots.forEach((s, k) => {
    const date = s.date as string;
    const files = s.inputs.records.slice(1, -1);
    const zones = s.figures.deadZones;
    snapshots.push({
      snapshot_date: date,
      coverage_sha256: coverageKey(files.map((f) => f.sha256)),
      coverage_paths: JSON.stringify(files.map((f) => f.path)),
      households_sha256: households.sha256,
      regions_sha256: regions.sha256,
      run_id: runId,
      ...statsColumns(s.figures.totals),
      outside_points: s.figures.outside.points,
      outside_households: s.figures.outside.households,
      dead_zone_count: zones.length,
      dead_zone_area_km2: zones.reduce((sum, z) => sum + z.area_km2, 0),
      dead_zone_households: zones.reduce((sum, z) => sum + z.households, 0),
    });
    s.figures.regionStats.forEach((r, ordinal) => {
      regionStats.push({
        snapshot_date: date,
        region_ordinal: ordinal,
        region_id: r.id,
        region_name: r.name,
        ...statsColumns(r),
      });
    });
    const ids = result.deadZoneTracking?.ids[k] ?? fallbackIds(s.figures.regionStats, zones, date);
    zones.forEach((z, i) => {
      deadZones.push({
        snapshot_date: date,
        zone_id: ids[i],
        region_id: s.figures.regionStats[z.region].id,
        households: z.households,
        area_km2: z.area_km2,
        status: tracked.get(ids[i])?.changes[date] ?? (result.deadZoneTracking ? 'new' : null),
        geom: deadZoneWkb(z.rings),
      });
    });
  });
  const regionGeometry = regionGeometryRows(result.regions, regions.sha256);
  return { run, inputs, snapshots, regionStats, deadZones, goals: goalRows(runId, result), regionGeometry };
}

/** The coverage half of a snapshot's key: its files' sha256s, sorted, joined by commas. */
export const coverageKey = (sha256s: readonly string[]): string => [...sha256s].sort().join(',');

function statsColumns(s: Stats): StatsColumns & { operators: string; other_technologies: string | null } {
  const columns = {} as StatsColumns;
  for (const c of STATS_COLUMNS) columns[c] = s[c];
  return {
    ...columns,
    operators: JSON.stringify(s.operators),
    other_technologies: s.other_technologies ? JSON.stringify(s.other_technologies) : null,
  };
}

/** As tracking names a zone first seen: `<region id>-<date>-<n>`, n from 1 per region in the snapshot's order. */
function fallbackIds(
  regions: readonly { id: string }[],
  zones: readonly { region: number }[],
  date: string,
): string[] {
  const seen = new Map<number, number>();
  return zones.map((z) => {
    const n = (seen.get(z.region) ?? 0) + 1;
    seen.set(z.region, n);
    return `${regions[z.region].id}-${date}-${n}`;
  });
}

function goalRows(runId: string, result: AnalysisResult): GoalStatusRow[] {
  return result.summary.goals.flatMap((g) => {
    const common = {
      run_id: runId,
      goal_id: g.id,
      title: g.title,
      metric: g.metric,
      comparison: g.comparison,
      target: g.target,
      deadline: g.deadline,
      as_of: g.as_of,
    };
    const total = g.scope === 'total' ? g.results[0] : undefined;
    const overall: GoalStatusRow = {
      ...common,
      region_id: null,
      status: g.status,
      value: total?.value ?? null,
      gap_households: g.gap?.households ?? null,
      gap_area_km2: g.gap?.area_km2 ?? null,
      projected_date: g.projected_date,
    };
    const perRegion = g.results
      .filter((r) => r.region !== null)
      .map((r) => ({
        ...common,
        region_id: r.region,
        status: r.status,
        value: r.value,
        gap_households: r.gap?.households ?? null,
        gap_area_km2: r.gap?.area_km2 ?? null,
        projected_date: r.projected_date,
      }));
    return [overall, ...perRegion];
  });
}

/** What the run read (role, sha256, snapshot) and how: the same again gives the same id. */
function runIdOf(
  tool: string,
  definitions: string,
  asOf: string | null,
  summary: AnalysisResult['summary'],
): string {
  const what = JSON.stringify({
    tool,
    definitions,
    asOf,
    options: summary.options,
    inputs: summary.inputs.map((r) => [r.role, r.sha256]),
    snapshots: summary.snapshots.map((s) => s.date),
    goals: summary.goals.map((g) => [g.id, g.metric, g.comparison, g.target, g.deadline, g.scope]),
  });
  return createHash('sha256').update(what).digest('hex').slice(0, 32);
}
