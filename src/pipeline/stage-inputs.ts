import type { TileRect } from '../analysis/coverage-tiles.js';
import type { FunklochCellsWarning } from '../analysis/funkloch-cells.js';
import { cellPlacement } from '../analysis/funkloch-cells-placement.js';
import { InputError } from '../errors.js';
import { type Households, householdsSubset } from '../model/households.js';
import { defaultWorkerCount } from '../parallel/pool.js';
import { createScheduler } from '../parallel/scheduler.js';
import { type Base, prepareRegionBase, type RegionBase } from './base.js';
import { classify } from './classify.js';
import type { CoveragePlan } from './coverage-plan.js';
import { type CoverageShare, coverageShare, shareBins } from './coverage-share.js';
import { coveragePlanFor } from './coverage-stages.js';
import { noCoverage } from './household-part.js';
import { type InputsMeta, inputsMeta } from './inputs-meta.js';
import { type AnalyzeOptions, prepareOptions } from './options.js';
import { type CoverageIndex, prepareCoverage } from './prepare-coverage.js';
import type { ProgressCallback } from './progress.js';
import { inTurns, readSnapshots, snapshotInputs } from './read-inputs.js';
import { shareGroups } from './share-groups.js';
import { tilesAround } from './tile-unions.js';

/**
 * A run's inputs read once and cut into shares, one per group of regions: what each distributed job
 * reads instead of the whole input. Everything a share's analysis decides from the whole input (the
 * coverage grid and plan, the union culling, the inputs' records and warnings) travels with it.
 */
export interface StagedRun {
  /** Each share's regions (file order indexes), in share order. */
  groups: number[][];
  /** Household points read and their households: the whole input's. */
  points: number;
  weight: number;
  snapshots: StagedSnapshot[];
}

export interface StagedSnapshot {
  date: string | null;
  meta: InputsMeta;
  plan: CoveragePlan;
  /** Which layers the whole coverage's unions cull. */
  culledLayers: number;
  /** The Funkloch cells' warnings, which see every household (with `funklochCells`). */
  cellWarnings?: FunklochCellsWarning[];
}

/** One group's share: its households and, per snapshot, the coverage near them. */
export interface Share {
  /** The group's regions (file order indexes). */
  regions: number[];
  /** Whether this share holds the Funkloch cells whose centre lies in no region analysed (the last one). */
  outsideCells: boolean;
  /**
   * The households counted in the group's regions (each in the first region in file order that
   * contains it), and those in a Funkloch cell whose centre lies in one of them (or, for the last
   * share, in no region analysed), in file order.
   */
  households: Households;
  coverage: CoverageShare[];
}

const silent: ProgressCallback = () => {};

/**
 * Reads the inputs as a run does (the same checks and errors), assigns every household to its
 * region and, with `funklochCells`, its cell to the cell's region, cuts the regions analysed (in
 * `order`) into `count` groups of about equal work (share-groups.ts) and hands each group's share
 * to `onShare` in turn.
 */
export async function stageInputs(
  given: AnalyzeOptions,
  order: readonly number[],
  count: number,
  onShare: (share: number, value: Share) => void,
): Promise<StagedRun> {
  const options = prepareOptions(given);
  const scheduler = createScheduler(options.workers ?? defaultWorkerCount());
  try {
    let regionBase: RegionBase | undefined;
    const indexing: Promise<{ plan: CoveragePlan; index: CoverageIndex }>[] = [];
    const read = await readSnapshots(options, silent, inTurns(scheduler), (k, coverage, regionsRead) => {
      regionBase ??= prepareRegionBase(regionsRead);
      const plan = coveragePlanFor(options, coverage);
      indexing[k] = prepareCoverage(scheduler.onPool, coverage, plan).then((index) => ({ plan, index }));
      indexing[k].catch(() => {}); // awaited below
    });
    const { households } = read.households;
    const base: Base = { ...(regionBase as RegionBase), households };
    const snapshotInputsRead = options.snapshots.map((_, k) => snapshotInputs(options, read, k));
    // Each household's region: the classification against no coverage at all.
    const { region } = await classify(scheduler.helpingHere, base, noCoverage(), silent);
    const placement = options.funklochCells
      ? cellPlacement(
          base,
          options.funklochCells === true ? {} : options.funklochCells,
          snapshotInputsRead.map((inputs) => inputs.coverage.layers),
        )
      : undefined;
    const regionCount = base.regions.ids.length;
    const pointsIn = new Float64Array(regionCount);
    for (let i = 0; i < region.length; i++) if (region[i] >= 0) pointsIn[region[i]]++;
    if (order.some((r) => r >= regionCount))
      throw new InputError('the regions file changed since the run read it: run it again', {
        file: options.regions,
        hint: `the run read more regions than the ${regionCount} there are now`,
      });
    const groups = shareGroups(order, pointsIn, count);
    const members = shareMembers(region, placement?.cellRegion, groups, regionCount);
    const indexes = await Promise.all(indexing);
    const snapshots = options.snapshots.map((snapshot, k): StagedSnapshot => {
      return {
        date: snapshot.date,
        meta: inputsMeta(snapshotInputsRead[k]),
        plan: indexes[k].plan,
        culledLayers: indexes[k].index.culling.culledLayers,
        ...(placement ? { cellWarnings: placement.warnings[k] } : {}),
      };
    });
    // One share at a time, handed on and let go: never all of them in memory at once.
    for (const [g, regions] of groups.entries()) {
      const own = householdsSubset(households, members[g]);
      const tiles: TileRect[] = regions.length > 0 ? tilesAround({ ...base, selected: regions }) : [];
      onShare(g, {
        regions: [...regions],
        outsideCells: g === groups.length - 1,
        households: own,
        coverage: indexes.map(({ index }) =>
          coverageShare(wholeCoverage(index), shareBins(tiles, own, index.grid)),
        ),
      });
      members[g] = new Uint32Array(0);
    }
    let weight = 0;
    for (let i = 0; i < households.count; i++) weight += households.weight[i];
    return { groups, points: households.count, weight, snapshots };
  } finally {
    await scheduler.close();
  }
}

/** Per group, the households its share holds, ascending (see `Share.households`). */
function shareMembers(
  region: Int32Array,
  cellRegion: Int32Array | undefined,
  groups: readonly number[][],
  regionCount: number,
): Uint32Array[] {
  const groupOf = new Int32Array(regionCount).fill(-1);
  groups.forEach((regions, g) => {
    for (const r of regions) groupOf[r] = g;
  });
  const last = groups.length - 1;
  const n = region.length;
  // Per household: the share counting it, and the share holding its cell when another (-1: none).
  const counted = new Int32Array(n);
  const inCells = new Int32Array(n).fill(-1);
  const sizes = new Float64Array(groups.length);
  for (let i = 0; i < n; i++) {
    const g = region[i] >= 0 ? groupOf[region[i]] : -1;
    counted[i] = g;
    if (g >= 0) sizes[g]++;
    if (!cellRegion) continue;
    const c = cellRegion[i];
    const h = c >= 0 ? groupOf[c] : c === -1 ? last : -1;
    if (h >= 0 && h !== g) {
      inCells[i] = h;
      sizes[h]++;
    }
  }
  const members = Array.from(sizes, (size) => new Uint32Array(size));
  const filled = new Float64Array(groups.length);
  for (let i = 0; i < n; i++) {
    const g = counted[i];
    if (g >= 0) members[g][filled[g]++] = i;
    const h = inCells[i];
    if (h >= 0) members[h][filled[h]++] = i;
  }
  return members;
}

/** The whole coverage as a share of itself: its polygons, culling and grid. */
function wholeCoverage(index: CoverageIndex): CoverageShare {
  // The grid's numbering only (its cells' lists stay behind): what a share's window is cut from.
  const { x0, y0, dx, dy, cols, rows } = index.grid;
  return {
    polygons: index.coverage.polygons,
    needed: index.culling.needed,
    grid: { x0, y0, dx, dy, cols, rows },
  };
}
