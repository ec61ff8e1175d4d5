import { type Comparison, satisfies } from './goal.js';
import { comparable, type GoalStats, type MetricRef, shareParts, unitOf } from './metric.js';

/** What is still missing to meet a goal, in the metric's unit and, where it is a share, in its parts. */
export interface Gap {
  /** How far the metric still has to move (≥ 0; 0 on the boundary of a strict goal); null when summed over regions. */
  value: number | null;
  /** Households still to reach (or to lose, for `<` goals), when the metric counts or shares households. */
  households: number | null;
  /** km² still to cover (or to lose), when the metric is an area or an area share. */
  area_km2: number | null;
}

/** The gap of `stats` to a goal, or null when the goal is met or the metric has no value. */
export function gapOf(
  ref: MetricRef,
  stats: GoalStats,
  value: number | null,
  comparison: Comparison,
  target: number,
): Gap | null {
  if (value === null || satisfies(comparable(ref, value), comparison, target)) return null;
  const gap: Gap = { value: Math.abs(target - value), households: null, area_km2: null };
  const unit = unitOf(ref);
  if (unit === 'share') {
    const parts = shareParts(ref, stats);
    if (parts?.unit === 'households') gap.households = countGap(parts.part, parts.whole, comparison, target);
    else if (parts) gap.area_km2 = Math.abs(target * parts.whole - parts.part);
  } else if (unit === 'households') gap.households = countGap(value, 1, comparison, target);
  else if (unit === 'km2') gap.area_km2 = gap.value;
  return gap;
}

/**
 * How many whole units `part` has to change until part / whole meets the goal (null: no whole count
 * of at most `whole` meets it, e.g. `> 1`); `whole` 1 gives the gap of a plain count.
 */
export function countGap(part: number, whole: number, comparison: Comparison, target: number): number | null {
  const needed = neededCount(whole, comparison, target);
  return needed === null ? null : Math.abs(needed - part);
}

/** The count nearest to the goal's boundary that meets it, judged with the same division as the status. */
function neededCount(whole: number, comparison: Comparison, target: number): number | null {
  const meets = (n: number) =>
    n >= 0 && (whole === 1 || n <= whole) && satisfies(n / whole, comparison, target);
  const exact = target * whole;
  const rising = comparison === '>' || comparison === '>=';
  const first = {
    '>': Math.floor(exact) + 1,
    '>=': Math.ceil(exact),
    '<': Math.ceil(exact) - 1,
    '<=': Math.floor(exact),
    '=': Math.round(exact),
  }[comparison];
  if (comparison === '=') return meets(first) ? first : null;
  // target × whole carries float noise: the boundary as the status check sees it is within a step or two.
  const outward = rising ? 1 : -1;
  for (const start of [first - 2 * outward, first - outward, first, first + outward, first + 2 * outward])
    if (meets(start)) return start;
  return null;
}
