import { type Layer, LTE, NR, technologyMask } from '../model/coverage.js';
import { lteOperators } from './region-changes.js';

/** What placement counts: white spots (no LTE), grey spots (one operator's LTE) or households without 5G. */
export type Objective = 'white' | 'grey' | '5g';
export const OBJECTIVES: readonly Objective[] = ['white', 'grey', '5g'];

/** The households the objective counts (indexes into the base's columns), and who may close each. */
export interface ObjectiveHouseholds {
  objective: Objective;
  /** Household indexes, ascending. */
  households: Uint32Array;
  /** Grey spots: the operator whose LTE alone reaches the household (a site of that operator closes nothing). */
  soleOperator: (string | undefined)[];
  /** The technology a site must have to count: LTE for white and grey spots, 5G for 5G. */
  technology: string;
}

/**
 * The households of the analysed regions (or of `regions` among them) that the objective counts,
 * from each household's layer bits.
 */
export function objectiveHouseholds(
  objective: Objective,
  layers: readonly Layer[],
  mask: Uint32Array,
  inScope: (i: number) => boolean,
): ObjectiveHouseholds {
  const lte = technologyMask(layers, LTE);
  const nr = technologyMask(layers, NR);
  const chosen: number[] = [];
  const soleOperator: (string | undefined)[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (!inScope(i)) continue;
    const m = mask[i];
    const operators = lteOperators(m, lte);
    const counts =
      objective === 'white' ? operators === 0 : objective === 'grey' ? operators === 1 : (m & nr) === 0;
    if (!counts) continue;
    chosen.push(i);
    soleOperator.push(objective === 'grey' ? layers[31 - Math.clz32(m & lte)].operator : undefined);
  }
  return {
    objective,
    households: Uint32Array.from(chosen),
    soleOperator,
    technology: objective === '5g' ? NR : LTE,
  };
}
