import { type Rollup, rollupRegions } from '../analysis/rollup.js';
import { parseRollupLevels } from '../analysis/rollup-levels.js';
import { loadClipper } from '../geometry/wasm-clipper.js';
import { DEFAULT_GOALS } from '../goals/default-goals.js';
import { evaluateGoals, latestSnapshotDate } from '../goals/evaluate.js';
import type { GoalResult } from '../goals/goal-result.js';
import { evaluateUndated } from '../goals/undated.js';
import { DEFAULT_REGION_ID } from '../model/region-fields.js';
import { trackDeadZones } from '../tracking/dead-zone-matching.js';
import type { DeadZoneTracking } from '../tracking/tracked-dead-zone.js';
import type { PreparedOptions } from './options.js';
import { type AnalysisResult, analysisResult, type SnapshotResult } from './result.js';

/**
 * The snapshots' figures as one result: the goals judged as of `asOf` (default: the latest
 * snapshot's date, never the clock), and with two or more dated snapshots the dead zones followed.
 */
export async function combinedResult(
  options: PreparedOptions,
  snapshots: readonly SnapshotResult[],
): Promise<AnalysisResult> {
  const goals = judgedGoals(options, snapshots);
  const tracking = await followedDeadZones(options, snapshots);
  const rollup = options.rollup ? await rolledUp(options, snapshots[snapshots.length - 1]) : undefined;
  return analysisResult(snapshots, goals, options, { tracking, rollup });
}

/** The latest snapshot's rows of larger regions (AGS prefixes); their polygons are unions (Clipper). */
async function rolledUp(options: PreparedOptions, latest: SnapshotResult): Promise<Rollup> {
  await loadClipper();
  const { regions, regionStats, deadZones } = latest.figures;
  const levels = parseRollupLevels((options.rollup ?? []).join(','), 'options.rollup');
  return rollupRegions({ regions, regionStats, deadZones }, levels, {
    file: options.regions,
    idField: options.regionId ?? DEFAULT_REGION_ID,
  });
}

function judgedGoals(
  options: PreparedOptions,
  snapshots: readonly SnapshotResult[],
): { asOf: string | null; results: GoalResult[] } {
  const goals = options.goals ?? DEFAULT_GOALS;
  const file = options.goalsFile === undefined ? {} : { goalsFile: options.goalsFile };
  const figures = (s: SnapshotResult) => ({ totals: s.figures.totals, regions: s.figures.regionStats });
  const [first] = snapshots;
  if (first.date === null) {
    // An undated coverage stands for the as-of date, if one is given; else only its figures are judged.
    if (options.asOf === undefined)
      return { asOf: null, results: evaluateUndated(goals, figures(first), file) };
    const dated = [{ date: options.asOf, ...figures(first) }];
    return { asOf: options.asOf, results: evaluateGoals(goals, dated, options.asOf, file) };
  }
  const own = snapshots.map((s) => ({ date: s.date as string, ...figures(s) }));
  // A history's earlier snapshots continue the series; a date this run analyses again is its own.
  const ownDates = new Set(own.map((s) => s.date));
  const earlier = (options.earlierSnapshots ?? []).filter((s) => !ownDates.has(s.date));
  const dated = [...earlier, ...own];
  const asOf = options.asOf ?? latestSnapshotDate(own);
  return { asOf, results: evaluateGoals(goals, dated, asOf, file) };
}

/**
 * The dead zones followed across the dated snapshots, from an earlier run's last snapshot when one is
 * given (its zones keep their ids); undefined with fewer than two snapshots to compare.
 */
async function followedDeadZones(
  options: PreparedOptions,
  snapshots: readonly SnapshotResult[],
): Promise<DeadZoneTracking | undefined> {
  const regionIds = snapshots[0].figures.regions.ids;
  const earlier = options.earlierDeadZones;
  const seeded = earlier !== undefined && snapshots[0].date !== null && earlier.date < snapshots[0].date;
  if (snapshots.length + (seeded ? 1 : 0) < 2 || snapshots[0].date === null) return undefined;
  await loadClipper();
  const own = snapshots.map((s) => ({ date: s.date as string, deadZones: s.figures.deadZones }));
  if (!seeded) return trackDeadZones(own, regionIds);
  // The stored zones of regions this run analyses, by this run's region index.
  const index = new Map(regionIds.map((id, r) => [id, r]));
  const stored = earlier.zones.filter((z) => index.has(z.regionId));
  const first = {
    date: earlier.date,
    deadZones: stored.map((z) => ({
      region: index.get(z.regionId) as number,
      rings: z.rings,
      area_km2: z.area_km2,
      households: z.households,
    })),
  };
  const tracking = trackDeadZones(
    [first, ...own],
    regionIds,
    stored.map((z) => z.id),
  );
  // ids[k] stays the id list of this run's snapshot k; the dates start with the stored one.
  return { ...tracking, ids: tracking.ids.slice(1) };
}
