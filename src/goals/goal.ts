/** A rollout goal as data: a metric, compared with a value, by a deadline, over a scope of regions. */

export const COMPARISONS = ['>', '>=', '<', '<=', '='] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** `total`: the sum over all regions; `every-region`: each region on its own; or these region ids. */
export type GoalScope = 'total' | 'every-region' | readonly string[];

export interface Goal {
  /** Unique in its goals file; names the goal in outputs and the history. */
  id: string;
  title: string;
  /** A Stats field, `operators.<NAME>.<field>` or `funkloch_cells` (see metric.ts). */
  metric: string;
  comparison: Comparison;
  /** In the metric's own unit: shares as fractions (0.9), households, km² or cells. */
  value: number;
  /** `YYYY-MM-DD`, a real calendar date: the goal holds when it is met on that day. */
  deadline: string;
  scope: GoalScope;
}

/** Whether `value` meets `comparison target`, exactly as written (no tolerance: `= 1` wants 1). */
export function satisfies(value: number, comparison: Comparison, target: number): boolean {
  switch (comparison) {
    case '>':
      return value > target;
    case '>=':
      return value >= target;
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '=':
      return value === target;
  }
}

/** +1 when the metric has to rise to meet the goal, −1 when it has to fall, 0 when it is met. */
export function neededDirection(value: number, comparison: Comparison, target: number): 1 | -1 | 0 {
  if (satisfies(value, comparison, target)) return 0;
  return value < target || (comparison === '>' && value === target) ? 1 : -1;
}
