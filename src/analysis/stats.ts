import { type Layer, LTE, NR } from '../model/coverage.js';
import type { OperatorStats, Stats, TechnologyStats } from '../model/stats.js';
import { nullRecord } from '../model/user-keys.js';
import {
  COL_HOUSEHOLDS,
  COL_NO_LTE,
  COL_SINGLE_LTE,
  type CountLayout,
  layerColumn,
  technologyColumn,
} from './household-counts.js';

/** The areas of one region (or of all), in m². */
export interface Areas {
  areaM2: number;
  area5gM2: number;
  deadZoneAreaM2: number;
}

/** Turns a row of household sums and the areas into the contract's Stats. */
export function statsFromRow(
  layout: CountLayout,
  layers: readonly Layer[],
  counts: Float64Array,
  row: number,
  areas: Areas,
): Stats {
  const base = row * layout.stride;
  const households = counts[base + COL_HOUSEHOLDS];
  const _households5g = counts[base + technologyColumn(1)];
  const _householdsLte = counts[base + technologyColumn(0)];

  const operators = operatorNames(layers).map((name): [string, number, number] => {
    const lte = layers.findIndex((l) => l.operator === name && l.technology === LTE);
    const nr = layers.findIndex((l) => l.operator === name && l.technology === NR);
    return [
      name,
      nr < 0 ? 0 : counts[base + layerColumn(layout, nr)],
      lte < 0 ? 0 : counts[base + layerColumn(layout, lte)],
    ];
  });
  const others = layout.technologies
    .slice(2)
    .map((technology, t): [string, number] => [technology, counts[base + technologyColumn(t + 2)]]);
  return statsFromSums({
    households,
    households5g: counts[base + technologyColumn(1)],
    householdsLte: counts[base + technologyColumn(0)],
    householdsNoLte: counts[base + COL_NO_LTE],
    householdsSingleLte: counts[base + COL_SINGLE_LTE],
    areaKm2: km2(areas.areaM2),
    area5gKm2: km2(areas.area5gM2),
    shareArea5g: areas.areaM2 > 0 ? areas.area5gM2 / areas.areaM2 : null,
    deadZoneKm2: km2(areas.deadZoneAreaM2),
    operators,
    ...(layout.technologies.length > 2 ? { others } : {}),
  });
}

/** Household and area sums as they are summed somewhere (a count row, members of a roll-up). */
export interface StatsSums {
  households: number;
  households5g: number;
  householdsLte: number;
  householdsNoLte: number;
  householdsSingleLte: number;
  areaKm2: number;
  area5gKm2: number;
  /** From the areas as they were summed (m² or km²): the ratio of the rounded km² may differ in its last bit. */
  shareArea5g: number | null;
  deadZoneKm2: number;
  /** [name, households with 5G, with LTE], in the order they are to be written. */
  operators: readonly [string, number, number][];
  /** [technology, households] of the technologies besides LTE and 5G, when the coverage has any. */
  others?: readonly [string, number][];
}

/** The contract's Stats from sums: every share from its sums, in one place. */
export function statsFromSums(sums: StatsSums): Stats {
  const { households } = sums;
  const operators = nullRecord<OperatorStats>();
  for (const [name, hh5g, hhLte] of sums.operators)
    operators[name] = {
      households_5g: hh5g,
      households_lte: hhLte,
      share_5g: share(hh5g, households),
      share_lte: share(hhLte, households),
    };
  const stats: Stats = {
    households,
    households_5g: sums.households5g,
    share_5g: share(sums.households5g, households),
    households_lte: sums.householdsLte,
    share_lte: share(sums.householdsLte, households),
    households_no_lte: sums.householdsNoLte,
    households_single_lte: sums.householdsSingleLte,
    area_km2: sums.areaKm2,
    area_5g_km2: sums.area5gKm2,
    share_area_5g: sums.shareArea5g,
    lte_dead_zone_area_km2: sums.deadZoneKm2,
    operators,
  };
  if (sums.others) {
    stats.other_technologies = nullRecord<TechnologyStats>();
    for (const [name, hh] of sums.others)
      stats.other_technologies[name] = { households: hh, share: share(hh, households) };
  }
  return stats;
}

/** Operators in alphabetical order, so the output does not depend on the order of the files. */
function operatorNames(layers: readonly Layer[]): string[] {
  return [...new Set(layers.map((l) => l.operator))].sort();
}

/** part / whole, or null when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function km2(m2: number): number {
  return m2 / 1e6;
}
