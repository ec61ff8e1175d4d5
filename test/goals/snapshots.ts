// Hand-built snapshots for the goals tests: shares follow from the counts unless given.
import { share } from '../../src/analysis/stats.js';
import type { GoalSnapshot } from '../../src/goals/evaluate.js';
import type { Goal } from '../../src/goals/goal.js';
import type { GoalStats } from '../../src/goals/metric.js';
import type { RegionStats } from '../../src/model/stats.js';

type Counts = Partial<Omit<GoalStats, 'share_5g' | 'share_lte' | 'share_area_5g'>>;

/** Stats of 1000 households on 100 km², all with LTE, none with 5G, unless `counts` says otherwise. */
export function stats(counts: Counts = {}): GoalStats {
  const s = {
    households: 1000,
    households_5g: 0,
    households_lte: 1000,
    households_no_lte: 0,
    households_single_lte: 0,
    area_km2: 100,
    area_5g_km2: 0,
    lte_dead_zone_area_km2: 0,
    operators: {},
    ...counts,
  };
  return {
    ...s,
    share_5g: share(s.households_5g, s.households),
    share_lte: share(s.households_lte, s.households),
    share_area_5g: s.area_km2 > 0 ? s.area_5g_km2 / s.area_km2 : null,
  };
}

export function region(id: string, counts: Counts = {}): Omit<RegionStats, 'funkloch_cells'> & GoalStats {
  return { id, name: `Region ${id}`, ...stats(counts) };
}

/** A snapshot whose totals are `totals` (not summed from the regions: the goals do not care). */
export function snapshot(
  date: string,
  totals: Counts,
  regions: (Omit<RegionStats, 'funkloch_cells'> & GoalStats)[] = [],
): GoalSnapshot {
  return { date, totals: stats(totals), regions };
}

/** A goal on the total with the 5G household share > 0.9 by 2022-12-31, unless `over` says otherwise. */
export function goal(over: Partial<Goal> = {}): Goal {
  return {
    id: 'g',
    title: 'Goal',
    metric: 'share_5g',
    comparison: '>',
    value: 0.9,
    deadline: '2022-12-31',
    scope: 'total',
    ...over,
  };
}
