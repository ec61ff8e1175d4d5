import { type Layer, LTE, NR, technologyMask } from '../model/coverage.js';
import type { Households } from '../model/households.js';

/** The headline household figures of a region (or all regions) before or after a change. */
export interface HouseholdFigures {
  households_lte: number;
  households_5g: number;
  /** White spots: no operator's LTE. */
  households_no_lte: number;
  /** Grey spots: one operator's LTE only. */
  households_single_lte: number;
}

/** What a change of coverage does to one region's households (analysed regions, in their order). */
export interface RegionChange {
  id: string;
  name: string;
  before: HouseholdFigures;
  after: HouseholdFigures;
  newly_lte: number;
  newly_5g: number;
  white_spots_closed: number;
  grey_spots_closed: number;
  /** With sites removed: households that lose LTE or 5G. */
  lost_lte: number;
  lost_5g: number;
}

export const FIGURE_KEYS = [
  'households_lte',
  'households_5g',
  'households_no_lte',
  'households_single_lte',
] as const satisfies readonly (keyof HouseholdFigures)[];

/**
 * The change per analysed region from the households whose mask changed: the base's figures plus the
 * differences (integer sums, exact). `regionOf[i]` is household i's analysed region, −1 outside.
 * A white spot that gets one operator becomes a grey spot: it counts as a white spot closed, and the
 * grey spots after include it.
 */
export function regionChanges(
  regions: readonly ({ id: string; name: string } & HouseholdFigures)[],
  layers: readonly Layer[],
  households: Households,
  regionOf: (i: number) => number,
  before: Uint32Array,
  after: Uint32Array,
  changed: readonly number[],
): RegionChange[] {
  const lte = technologyMask(layers, LTE);
  const nr = technologyMask(layers, NR);
  const rows = regions.map((r) => ({
    id: r.id,
    name: r.name,
    before: pick(r),
    after: pick(r),
    newly_lte: 0,
    newly_5g: 0,
    white_spots_closed: 0,
    grey_spots_closed: 0,
    lost_lte: 0,
    lost_5g: 0,
  }));
  for (const i of changed) {
    const r = regionOf(i);
    if (r < 0) continue;
    const row = rows[r];
    const w = households.weight[i];
    const was = classes(before[i], lte, nr);
    const now = classes(after[i], lte, nr);
    row.after.households_lte += w * (now.lte - was.lte);
    row.after.households_5g += w * (now.nr - was.nr);
    row.after.households_no_lte += w * (now.white - was.white);
    row.after.households_single_lte += w * (now.grey - was.grey);
    if (now.lte > was.lte) row.newly_lte += w;
    if (now.lte < was.lte) row.lost_lte += w;
    if (now.nr > was.nr) row.newly_5g += w;
    if (now.nr < was.nr) row.lost_5g += w;
    if (was.white && !now.white) row.white_spots_closed += w;
    if (was.grey && now.operators > 1) row.grey_spots_closed += w;
  }
  return rows;
}

/** Column sums of the regions' changes: the change over all analysed regions. */
export function totalChange(rows: readonly RegionChange[]): Omit<RegionChange, 'id' | 'name'> {
  const zero = (): HouseholdFigures => ({
    households_lte: 0,
    households_5g: 0,
    households_no_lte: 0,
    households_single_lte: 0,
  });
  const total = {
    before: zero(),
    after: zero(),
    newly_lte: 0,
    newly_5g: 0,
    white_spots_closed: 0,
    grey_spots_closed: 0,
    lost_lte: 0,
    lost_5g: 0,
  };
  for (const row of rows) {
    for (const key of FIGURE_KEYS) {
      total.before[key] += row.before[key];
      total.after[key] += row.after[key];
    }
    total.newly_lte += row.newly_lte;
    total.newly_5g += row.newly_5g;
    total.white_spots_closed += row.white_spots_closed;
    total.grey_spots_closed += row.grey_spots_closed;
    total.lost_lte += row.lost_lte;
    total.lost_5g += row.lost_5g;
  }
  return total;
}

/** LTE operators of a mask, as the counts take them: each LTE layer is one operator. */
export function lteOperators(mask: number, lteMask: number): number {
  let bits = mask & lteMask;
  let n = 0;
  while (bits !== 0) {
    bits &= bits - 1;
    n++;
  }
  return n;
}

function classes(mask: number, lte: number, nr: number) {
  const operators = lteOperators(mask, lte);
  return {
    operators,
    lte: operators > 0 ? 1 : 0,
    nr: (mask & nr) !== 0 ? 1 : 0,
    white: operators === 0 ? 1 : 0,
    grey: operators === 1 ? 1 : 0,
  };
}

function pick(r: HouseholdFigures): HouseholdFigures {
  return {
    households_lte: r.households_lte,
    households_5g: r.households_5g,
    households_no_lte: r.households_no_lte,
    households_single_lte: r.households_single_lte,
  };
}
