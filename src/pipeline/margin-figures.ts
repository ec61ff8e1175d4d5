import {
  COL_HOUSEHOLDS,
  COL_NO_LTE,
  COL_SINGLE_LTE,
  type HouseholdCounts,
  technologyColumn,
} from '../analysis/household-counts.js';
import { share } from '../analysis/stats.js';
import type { Stats } from '../model/stats.js';
import type { MarginLevelFigures, MarginsSummary } from '../model/summary.js';
import type { Scheduler } from '../parallel/scheduler.js';
import { buildSetIndex } from '../spatial/indexes.js';
import { analysedRegions, type Base } from './base.js';
import { classify } from './classify.js';
import { planCoverage } from './coverage-plan.js';
import { readCoverageWith } from './coverage-read.js';
import { levelCoverage, type MarginPlan } from './margin-inputs.js';
import type { PreparedOptions } from './options.js';
import type { SnapshotResult } from './result.js';

/**
 * The household figures at every margin level: each level's coverage read (in turn, on the pool),
 * indexed here and classified against the same base; level 0 is the nominal run's own figures. Only
 * households are counted: no unions, clips or dead zones, so a level costs a read and a classification.
 */
export async function marginFigures(
  scheduler: Scheduler,
  base: Base,
  options: PreparedOptions,
  plan: MarginPlan,
  nominal: SnapshotResult,
): Promise<MarginsSummary> {
  const moved = plan.levels.filter((db) => db !== 0);
  // One level read after another on the pool: a classification's chunks wait behind one read at most.
  let previous: Promise<unknown> = Promise.resolve();
  const reads = moved.map((db) => {
    const level = levelCoverage(options, plan, db);
    const reading = previous.then(() => readCoverageWith(scheduler.onPool, level.options, level.paths));
    previous = reading.catch(() => {}); // awaited below, in turn; meanwhile a failure must not count as unhandled
    return reading;
  });
  const regions = analysedRegions(base);
  const { regionStats, totals } = nominal.figures;
  if (regionStats.some((s, k) => s.id !== base.regions.ids[regions[k]]))
    throw new Error('the nominal figures are not in the order of the regions analysed');
  const byLevel = new Map<number, { regions: MarginLevelFigures[]; totals: MarginLevelFigures }>();
  byLevel.set(0, { regions: regionStats.map((s) => fromStats(0, s)), totals: fromStats(0, totals) });
  for (const [k, db] of moved.entries()) {
    const { coverage } = await reads[k];
    // Only the grid: no unions to refine it or R-tree for them (the counts are the same without);
    // built here while the pool reads the next level.
    const { cellsAcross } = planCoverage(base.households.count, coverage.polygons.polygonCount);
    const index = { coverage, ...buildSetIndex(coverage.polygons, 'bits', cellsAcross) };
    const counted = await classify(scheduler.helpingHere, base, index, () => {});
    byLevel.set(db, levelFigures(db, counted, regions));
  }
  const at = (db: number) => byLevel.get(db) as { regions: MarginLevelFigures[]; totals: MarginLevelFigures };
  return {
    levels_db: [...plan.levels],
    snapshot: nominal.date,
    inputs: plan.inputs,
    totals: { households: totals.households, levels: plan.levels.map((db) => at(db).totals) },
    regions: regionStats.map((s, r) => ({
      id: s.id,
      households: s.households,
      levels: plan.levels.map((db) => at(db).regions[r]),
    })),
  };
}

/** One level's figures per region analysed (in the nominal order) and in total. */
function levelFigures(
  db: number,
  counted: HouseholdCounts,
  regions: readonly number[],
): { regions: MarginLevelFigures[]; totals: MarginLevelFigures } {
  const { layout, counts } = counted;
  const columns = [
    COL_HOUSEHOLDS,
    technologyColumn(0),
    technologyColumn(1),
    COL_NO_LTE,
    COL_SINGLE_LTE,
  ] as const;
  const sum = new Float64Array(columns.length);
  const rows = regions.map((r) => {
    const row = columns.map((c) => counts[r * layout.stride + c]);
    row.forEach((v, c) => {
      sum[c] += v;
    });
    return figures(db, row);
  });
  return { regions: rows, totals: figures(db, [...sum]) };
}

function figures(db: number, [households, lte, nr, noLte, singleLte]: readonly number[]): MarginLevelFigures {
  return {
    margin_db: db,
    households_lte: lte,
    share_lte: share(lte, households),
    households_5g: nr,
    share_5g: share(nr, households),
    households_no_lte: noLte,
    households_single_lte: singleLte,
  };
}

function fromStats(db: number, s: Stats): MarginLevelFigures {
  return {
    margin_db: db,
    households_lte: s.households_lte,
    share_lte: s.share_lte,
    households_5g: s.households_5g,
    share_5g: s.share_5g,
    households_no_lte: s.households_no_lte,
    households_single_lte: s.households_single_lte,
  };
}
