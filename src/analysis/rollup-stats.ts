import type { Stats } from '../model/stats.js';
import { statsFromSums } from './stats.js';

/**
 * The figures of regions that partition a larger one: households and areas summed, every share
 * recomputed from the sums (a mean of shares would weigh a village like a city). Operators and
 * other technologies are merged by name; one a member lacks counts 0 there.
 */
export function sumStats(members: readonly Stats[]): Stats {
  let households = 0;
  let households5g = 0;
  let householdsLte = 0;
  let householdsNoLte = 0;
  let householdsSingleLte = 0;
  let areaKm2 = 0;
  let area5gKm2 = 0;
  let deadZoneKm2 = 0;
  const operatorSums = new Map<string, { hh5g: number; hhLte: number }>();
  const technologySums = new Map<string, number>();
  let hasOtherTechnologies = false;
  for (const m of members) {
    households += m.households;
    households5g += m.households_5g;
    householdsLte += m.households_lte;
    householdsNoLte += m.households_no_lte;
    householdsSingleLte += m.households_single_lte;
    areaKm2 += m.area_km2;
    area5gKm2 += m.area_5g_km2;
    deadZoneKm2 += m.lte_dead_zone_area_km2;
    for (const name of Object.keys(m.operators)) {
      const sum = operatorSums.get(name) ?? { hh5g: 0, hhLte: 0 };
      sum.hh5g += m.operators[name].households_5g;
      sum.hhLte += m.operators[name].households_lte;
      operatorSums.set(name, sum);
    }
    if (m.other_technologies === undefined) continue;
    hasOtherTechnologies = true;
    for (const name of Object.keys(m.other_technologies))
      technologySums.set(name, (technologySums.get(name) ?? 0) + m.other_technologies[name].households);
  }

  // Alphabetical, as a run writes them: the output does not depend on which member came first.
  return statsFromSums({
    households,
    households5g,
    householdsLte,
    householdsNoLte,
    householdsSingleLte,
    areaKm2,
    area5gKm2,
    shareArea5g: areaKm2 > 0 ? area5gKm2 / areaKm2 : null,
    deadZoneKm2,
    operators: [...operatorSums.keys()].sort().map((name) => {
      const { hh5g, hhLte } = operatorSums.get(name) as { hh5g: number; hhLte: number };
      return [name, hh5g, hhLte];
    }),
    ...(hasOtherTechnologies ? { others: [...technologySums] } : {}),
  });
}
