import { normaliseTechnology } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import { PointGrid } from '../spatial/point-grid.js';
import { type GreedyResult, greedyMaxCoverage } from './celf.js';
import { footprintPolygons } from './footprint-polygons.js';
import type { ObjectiveHouseholds } from './objective.js';
import { forEachPointCovered } from './points-covered.js';
import { type PredictedSite, type PredictOptions, predictSite } from './predict.js';
import type { Site } from './site.js';
import { polygonSet } from './whatif.js';

export interface PlaceInput {
  households: Households;
  objective: ObjectiveHouseholds;
  candidates: readonly Site[];
  k: number;
  /** Footprints for ranking (coarser is faster; the chosen are predicted again with `exact`). */
  rank: PredictOptions;
  exact: PredictOptions;
}

/** A chosen site: its rank (1 = first chosen), what it adds to those chosen before it, and in total. */
export interface PlacedSite {
  rank: number;
  predicted: PredictedSite;
  /** Households of the objective it closes that no earlier chosen site closes (exact footprint). */
  marginal: number;
  cumulative: number;
  /** The same at the ranking resolution, as the greedy choice saw it. */
  marginalRanked: number;
  /** Objective households it closes (indexes into the base's columns), the earlier sites' excluded. */
  closes: Uint32Array;
}

export interface PlaceResult {
  sites: PlacedSite[];
  /** Households the objective counts, in scope. */
  objectiveHouseholds: number;
  greedy: GreedyResult;
  candidates: number;
}

/** Objective households in cells of ~1 km: a footprint query visits only those near it. */
const OBJECTIVE_GRID_DEG = 0.01;

/**
 * Chooses k sites of the candidates that close the most objective households: each candidate's
 * footprint (at the ranking resolution) tested against the objective's households, then the greedy
 * maximum coverage with lazy evaluation (celf.ts), then the chosen predicted exactly in their order.
 */
export function placeSites(input: PlaceInput): PlaceResult {
  const { households, objective } = input;
  const grid = new PointGrid(households.lon, households.lat, OBJECTIVE_GRID_DEG, objective.households);
  const element = new Map<number, number>();
  objective.households.forEach((i, e) => {
    element.set(i, e);
  });
  const weight = Float64Array.from(objective.households, (i) => households.weight[i]);
  const closes = (site: Site, options: PredictOptions) => {
    const predicted = predictSite(site, options);
    return { predicted, elements: closedElements(predicted, grid, households, objective, element) };
  };
  const offsets = [0];
  const items: number[] = [];
  for (const site of input.candidates) {
    // One by one: a footprint may hold more elements than a call takes arguments.
    for (const e of closes(site, input.rank).elements) items.push(e);
    offsets.push(items.length);
  }
  const greedy = greedyMaxCoverage(
    { offset: Uint32Array.from(offsets), items: Uint32Array.from(items), weight },
    input.k,
  );
  const covered = new Uint8Array(weight.length);
  let cumulative = 0;
  const sites = greedy.chosen.map((c, r) => {
    const { predicted, elements } = closes(input.candidates[c], input.exact);
    const fresh = elements.filter((e) => covered[e] === 0);
    let marginal = 0;
    for (const e of fresh) {
      covered[e] = 1;
      marginal += weight[e];
    }
    cumulative += marginal;
    return {
      rank: r + 1,
      predicted,
      marginal,
      cumulative,
      marginalRanked: greedy.gains[r],
      closes: Uint32Array.from(fresh, (e) => objective.households[e]),
    };
  });
  return {
    sites,
    objectiveHouseholds: weight.reduce((s, w) => s + w, 0),
    greedy,
    candidates: input.candidates.length,
  };
}

/**
 * The objective's elements a predicted site closes: households in its footprint (exact test, edges
 * count), if the site has the objective's technology and, for grey spots, is not the household's
 * sole operator. Ascending, each once.
 */
export function closedElements(
  predicted: PredictedSite,
  grid: PointGrid,
  households: Households,
  objective: ObjectiveHouseholds,
  element: ReadonlyMap<number, number>,
): number[] {
  const { site } = predicted;
  if (normaliseTechnology(site.technology) !== objective.technology) return [];
  const polygons = footprintPolygons(predicted);
  if (polygons.length === 0) return [];
  const set = polygonSet(polygons);
  const found = new Set<number>();
  for (let p = 0; p < set.polygonCount; p++)
    forEachPointCovered(
      set,
      p,
      households.lon,
      households.lat,
      grid,
      (i) => found.add(element.get(i) as number),
      (i) => {
        const e = element.get(i) as number;
        return !found.has(e) && objective.soleOperator[e] !== site.operator;
      },
    );
  return [...found].sort((a, b) => a - b);
}
