import { dayOf } from './calendar-date.js';
import { gapOf } from './gap.js';
import { type Goal, neededDirection, satisfies } from './goal.js';
import type { ScopeResult } from './goal-result.js';
import { comparable, type GoalStats, type MetricRef, metricValue } from './metric.js';
import { project } from './projection.js';

/** One scope's stats in one snapshot (undefined: the region is not in that snapshot). */
export interface ScopePoint {
  date: string;
  stats: GoalStats | undefined;
}

/** Judges one goal over one scope's snapshots on or before the as-of date (oldest first, at least one). */
export function judgeScope(
  goal: Goal,
  ref: MetricRef,
  points: readonly ScopePoint[],
  asOfDay: number,
  region: { id: string; name: string } | null,
): ScopeResult {
  const values = points.map((p) => ({ date: p.date, value: p.stats ? metricValue(ref, p.stats) : null }));
  const meets = (value: number | null) =>
    value !== null && satisfies(comparable(ref, value), goal.comparison, goal.value);
  const current = values[values.length - 1];
  const deadlineDay = dayOf(goal.deadline)!;
  const result: ScopeResult = {
    region: region?.id ?? null,
    name: region?.name ?? null,
    status: 'no-data',
    value: current.value,
    values,
    reached_on: null,
    gap: null,
    projection: 'not-needed',
    projected_date: null,
  };
  if (meets(current.value)) {
    let first = values.length - 1;
    while (first > 0 && meets(values[first - 1].value)) first--;
    result.reached_on = values[first].date;
    const atDeadline = lastOf(values, (v) => dayOf(v.date)! <= deadlineDay);
    // In time when the last snapshot on or before the deadline met it; a dip since then is forgiven.
    result.status = asOfDay <= deadlineDay || meets(atDeadline?.value ?? null) ? 'met' : 'met-late';
    return result;
  }
  const last = lastOf(values, (v) => v.value !== null);
  if (last?.value == null) return { ...result, projection: 'insufficient-data' };
  const direction = neededDirection(comparable(ref, last.value), goal.comparison, goal.value) as 1 | -1;
  const series = values.map((v) => ({ day: dayOf(v.date)!, value: v.value }));
  Object.assign(result, project(series, goal.comparison, goal.value, direction, asOfDay));
  const stats = points[points.length - 1].stats;
  result.gap = stats ? gapOf(ref, stats, current.value, goal.comparison, goal.value) : null;
  if (current.value === null) return result;
  if (asOfDay > deadlineDay) result.status = 'missed';
  else
    result.status =
      result.projected_date !== null && dayOf(result.projected_date)! <= deadlineDay
        ? 'on-track'
        : 'off-track';
  return result;
}

/** Array.prototype.findLast, which Node 20 has but our ES2022 lib does not declare. */
function lastOf<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let k = items.length - 1; k >= 0; k--) if (test(items[k])) return items[k];
  return undefined;
}
