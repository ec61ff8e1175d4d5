import { InputError } from '../errors.js';
import type { RegionStats } from '../model/stats.js';
import { dayOf } from './calendar-date.js';
import type { Gap } from './gap.js';
import type { Goal } from './goal.js';
import { GOAL_STATUSES, type GoalResult, type GoalStatus, type ScopeResult } from './goal-result.js';
import { judgeScope, type ScopePoint } from './judge.js';
import { type GoalStats, type MetricRef, operatorKnown, parseMetric } from './metric.js';

/** One dated coverage snapshot's figures: the totals and each region. */
export interface GoalSnapshot {
  date: string;
  totals: GoalStats;
  regions: readonly (RegionStats & GoalStats)[];
}

/** Worst first: the status of a goal over several regions is the first of these any region has. */
const SEVERITY: readonly GoalStatus[] = ['missed', 'off-track', 'met-late', 'on-track', 'met'];

/**
 * Each goal judged as of `asOf` (`YYYY-MM-DD`; the caller's default is the latest snapshot's date,
 * never the clock) over the snapshots on or before it. `goalsFile` names the file in errors.
 */
export function evaluateGoals(
  goals: readonly Goal[],
  snapshots: readonly GoalSnapshot[],
  asOf: string,
  options: { goalsFile?: string } = {},
): GoalResult[] {
  const asOfDay = dayOf(asOf);
  if (asOfDay === null)
    throw new InputError('not a calendar date', { file: '--as-of', value: asOf, hint: 'write YYYY-MM-DD' });
  const series = seriesUpTo(snapshots, asOfDay);
  if (series.length === 0)
    throw new InputError(
      `is before the first snapshot, ${snapshots.map((s) => s.date).sort()[0] ?? 'none'}`,
      {
        file: '--as-of',
        value: asOf,
        hint: 'give a date on or after the first snapshot',
      },
    );
  const byId = series.map((s) => new Map(s.regions.map((r) => [r.id, r])));
  return goals.map((goal, index) => {
    const ref = checkedMetric(goal, index, series, options.goalsFile);
    const results = scopesOf(goal, index, series, options.goalsFile).map((region) =>
      judgeScope(goal, ref, pointsOf(series, byId, region?.id ?? null), asOfDay, region),
    );
    return resultOf(goal, asOf, results);
  });
}

/** The default as-of date: the latest snapshot's (never the clock, so a run is reproducible). */
export function latestSnapshotDate(snapshots: readonly GoalSnapshot[]): string {
  if (snapshots.length === 0) throw new Error('no snapshot to judge goals with');
  return snapshots
    .map((s) => s.date)
    .sort()
    .at(-1) as string;
}

/** The snapshots on or before `asOfDay`, oldest first; two with one date are our bug (files of a date merge first). */
function seriesUpTo(snapshots: readonly GoalSnapshot[], asOfDay: number): GoalSnapshot[] {
  const sorted = [...snapshots].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  sorted.forEach((s, k) => {
    if (dayOf(s.date) === null) throw new Error(`snapshot date ${JSON.stringify(s.date)} is not YYYY-MM-DD`);
    if (k > 0 && sorted[k - 1].date === s.date) throw new Error(`two snapshots dated ${s.date}`);
  });
  return sorted.filter((s) => dayOf(s.date)! <= asOfDay);
}

function checkedMetric(goal: Goal, index: number, series: readonly GoalSnapshot[], file?: string): MetricRef {
  const ref = parseMetric(goal.metric);
  if (ref === null) throw new Error(`goal ${goal.id}: metric ${goal.metric} was not validated`);
  const stats = series.flatMap((s) => [s.totals, ...s.regions]);
  if (!operatorKnown(ref, stats)) {
    const names = [...new Set(stats.flatMap((s) => Object.keys(s.operators)))].sort();
    throw new InputError('names an operator no snapshot has', {
      file,
      id: goal.id,
      field: `goals[${index}].metric`,
      value: goal.metric,
      hint: `operators: ${names.join(', ') || 'none'}`,
    });
  }
  return ref;
}

/** null for the total; the regions in the latest snapshot's order, then those only earlier ones have. */
function scopesOf(
  goal: Goal,
  index: number,
  series: readonly GoalSnapshot[],
  file?: string,
): ({ id: string; name: string } | null)[] {
  if (goal.scope === 'total') return [null];
  const regions = new Map<string, string>();
  for (const snapshot of [...series].reverse())
    for (const r of snapshot.regions) if (!regions.has(r.id)) regions.set(r.id, r.name);
  if (goal.scope === 'every-region') return [...regions].map(([id, name]) => ({ id, name }));
  return goal.scope.map((id, k) => {
    if (!regions.has(id))
      throw new InputError('names a region no snapshot has', {
        file,
        id: goal.id,
        field: `goals[${index}].scope[${k}]`,
        value: id,
        hint: `region ids: ${[...regions.keys()].slice(0, 8).join(', ')}${regions.size > 8 ? ', …' : ''}`,
      });
    return { id, name: regions.get(id)! };
  });
}

function pointsOf(
  series: readonly GoalSnapshot[],
  byId: readonly Map<string, GoalStats>[],
  region: string | null,
): ScopePoint[] {
  return series.map((s, k) => ({ date: s.date, stats: region === null ? s.totals : byId[k].get(region) }));
}

function resultOf(goal: Goal, asOf: string, results: ScopeResult[]): GoalResult {
  const counts = Object.fromEntries(GOAL_STATUSES.map((s) => [s, 0])) as Record<GoalStatus, number>;
  for (const r of results) counts[r.status]++;
  const head = {
    id: goal.id,
    title: goal.title,
    metric: goal.metric,
    comparison: goal.comparison,
    target: goal.value,
    deadline: goal.deadline,
    scope: typeof goal.scope === 'string' ? goal.scope : [...goal.scope],
    as_of: asOf,
  };
  if (goal.scope === 'total') {
    const { status, gap, projection, projected_date } = results[0];
    return { ...head, status, gap, projection, projected_date, counts, results };
  }
  // Regions without a value (no households for a share) have nothing to measure: they do not decide.
  const status = SEVERITY.find((s) => counts[s] > 0) ?? 'no-data';
  const open = results.filter((r) => r.status !== 'met' && r.status !== 'met-late' && r.status !== 'no-data');
  const projection =
    status === 'no-data'
      ? { projection: 'insufficient-data' as const, projected_date: null }
      : combinedProjection(open);
  return { ...head, status, gap: summedGap(open), ...projection, counts, results };
}

function summedGap(open: readonly ScopeResult[]): Gap | null {
  if (open.length === 0) return null;
  const sum = (pick: (gap: Gap) => number | null) => {
    const parts = open.map((r) => (r.gap ? pick(r.gap) : null));
    return parts.every((p) => p !== null) ? parts.reduce((a: number, b) => a + b!, 0) : null;
  };
  return { value: null, households: sum((g) => g.households), area_km2: sum((g) => g.area_km2) };
}

/** The latest projected date when every open region has one; else the weakest projection's status. */
function combinedProjection(open: readonly ScopeResult[]): Pick<GoalResult, 'projection' | 'projected_date'> {
  if (open.length === 0) return { projection: 'not-needed', projected_date: null };
  for (const weak of ['no-trend', 'insufficient-data'] as const)
    if (open.some((r) => r.projection === weak)) return { projection: weak, projected_date: null };
  const dates = open.map((r) => r.projected_date!).sort();
  return { projection: 'date', projected_date: dates[dates.length - 1] };
}
