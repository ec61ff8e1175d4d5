import { evaluateGoals, type GoalSnapshot } from './evaluate.js';
import type { Goal } from './goal.js';
import { GOAL_STATUSES, type GoalResult, type GoalStatus, type ScopeResult } from './goal-result.js';

/**
 * Goals judged on one undated snapshot with no as-of date: met or not met by its figures. Without a
 * date no deadline can be judged and no trend drawn, so there is no missed, on-track or projection.
 */
export function evaluateUndated(
  goals: readonly Goal[],
  snapshot: Omit<GoalSnapshot, 'date'>,
  options: { goalsFile?: string } = {},
): GoalResult[] {
  return goals.map((goal) => {
    // Judged on its own deadline's day, the figures alone decide met or not.
    const [judged] = evaluateGoals([goal], [{ ...snapshot, date: goal.deadline }], goal.deadline, options);
    const results: ScopeResult[] = judged.results.map((r) => ({
      ...r,
      status: undatedStatus(r.status),
      values: [],
      reached_on: null,
      projection: r.status === 'met' || r.status === 'met-late' ? 'not-needed' : 'insufficient-data',
      projected_date: null,
    }));
    const counts = Object.fromEntries(GOAL_STATUSES.map((s) => [s, 0])) as Record<GoalStatus, number>;
    for (const r of results) counts[r.status]++;
    const status: GoalStatus = counts['not-met'] > 0 ? 'not-met' : counts.met > 0 ? 'met' : 'no-data';
    return {
      ...judged,
      as_of: null,
      status,
      projection: status === 'met' ? 'not-needed' : 'insufficient-data',
      projected_date: null,
      counts,
      results,
    };
  });
}

function undatedStatus(status: GoalStatus): GoalStatus {
  if (status === 'met' || status === 'met-late') return 'met';
  return status === 'no-data' ? 'no-data' : 'not-met';
}
