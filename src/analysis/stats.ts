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
  const households5g = counts[base + technologyColumn(1)];
  const householdsLte = counts[base + technologyColumn(0)];

  const operators = nullRecord<OperatorStats>();
  for (const name of operatorNames(layers)) {
    const lte = layers.findIndex((l) => l.operator === name && l.technology === LTE);
    const nr = layers.findIndex((l) => l.operator === name && l.technology === NR);
    const hh5g = nr < 0 ? 0 : counts[base + layerColumn(layout, nr)];
    const hhLte = lte < 0 ? 0 : counts[base + layerColumn(layout, lte)];
    operators[name] = {
      households_5g: hh5g,
      households_lte: hhLte,
      share_5g: share(hh5g, households),
      share_lte: share(hhLte, households),
    };
  }

  const stats: Stats = {
    households,
    households_5g: households5g,
    share_5g: share(households5g, households),
    households_lte: householdsLte,
    share_lte: share(householdsLte, households),
    households_no_lte: counts[base + COL_NO_LTE],
    households_single_lte: counts[base + COL_SINGLE_LTE],
    area_km2: km2(areas.areaM2),
    area_5g_km2: km2(areas.area5gM2),
    share_area_5g: areas.areaM2 > 0 ? areas.area5gM2 / areas.areaM2 : null,
    lte_dead_zone_area_km2: km2(areas.deadZoneAreaM2),
    operators,
  };
  if (layout.technologies.length > 2) {
    stats.other_technologies = nullRecord<TechnologyStats>();
    for (let t = 2; t < layout.technologies.length; t++) {
      const hh = counts[base + technologyColumn(t)];
      stats.other_technologies[layout.technologies[t]] = { households: hh, share: share(hh, households) };
    }
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
