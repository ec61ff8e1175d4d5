import type { Layer } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import { type Regions, selectRegions } from '../model/regions.js';
import type { DeadZone, RegionStats, Stats } from '../model/stats.js';
import type { RegionCoverageGeometry } from './coverage-geometry.js';
import { COL_HOUSEHOLDS, COL_POINTS, emptyCounts, type HouseholdCounts } from './household-counts.js';
import { type Areas, statsFromRow } from './stats.js';

/** One region's clip results, by its index in the regions as read. */
export interface RegionGeometry extends RegionCoverageGeometry {
  region: number;
}

export interface AggregateInput {
  households: Households;
  layers: readonly Layer[];
  /** The regions as read (all of them; `geometry` says which were analysed). */
  regions: Regions;
  counted: HouseholdCounts;
  /** One per region analysed, in file order; the households of the others count as outside. */
  geometry: readonly RegionGeometry[];
  /** Households the readers skipped. */
  skipped: number;
}

/** The figures of a run: per region, in total, outside the regions, and the household balance. */
export interface Aggregate {
  /** The regions analysed. */
  regions: Regions;
  /** Sorted: most households first, then largest area. */
  deadZones: DeadZone[];
  regionStats: RegionStats[];
  totals: Stats;
  outside: { points: number; households: number };
  balance: { read: number; in_regions: number; outside_regions: number; skipped: number; balanced: true };
}

/** Dead-zone households, totals, the outside row and the balance; throws (a bug) when households do not balance. */
export function aggregate(input: AggregateInput): Aggregate {
  const { households, layers, regions, counted, geometry } = input;
  const { layout, counts } = counted;
  const regionCount = regions.ids.length;
  const kept = geometry.map((g) => g.region);
  const analysed = regionCount === kept.length ? regions : selectRegions(regions, kept);
  // Each region's index among those analysed; -1: left out, its households count as outside.
  const keptIndex = new Int32Array(regionCount + 1).fill(-1);
  kept.forEach((r, k) => {
    keptIndex[r] = k;
  });

  // Each region's clip put its white-spot households into its dead zones (specks last).
  const deadZones: DeadZone[] = geometry.flatMap((g, k) =>
    g.deadZones.map((z) => ({
      region: k,
      rings: z.rings,
      area_km2: z.areaM2 / 1e6,
      households: z.households,
    })),
  );
  deadZones.sort((a, b) => b.households - a.households || b.area_km2 - a.area_km2 || a.region - b.region);

  const totalsRow = emptyCounts({ ...layout, regionCount: 0 });
  const totalAreas: Areas = { areaM2: 0, area5gM2: 0, deadZoneAreaM2: 0 };
  const regionStats = geometry.map((g) => {
    const r = g.region;
    for (let k = 0; k < layout.stride; k++) totalsRow[k] += counts[r * layout.stride + k];
    totalAreas.areaM2 += g.areaM2;
    totalAreas.area5gM2 += g.area5gM2;
    totalAreas.deadZoneAreaM2 += g.deadZoneAreaM2;
    return { id: regions.ids[r], name: regions.names[r], ...statsFromRow(layout, layers, counts, r, g) };
  });
  const totals = statsFromRow(layout, layers, totalsRow, 0, totalAreas);

  const outside = { points: 0, households: 0 };
  for (let r = 0; r <= regionCount; r++) {
    if (keptIndex[r] >= 0) continue;
    outside.points += counts[r * layout.stride + COL_POINTS];
    outside.households += counts[r * layout.stride + COL_HOUSEHOLDS];
  }
  const { skipped } = input;
  let read = skipped;
  for (let i = 0; i < households.count; i++) read += households.weight[i];
  if (read !== totals.households + outside.households + skipped)
    throw new Error(
      `households do not balance: read ${read}, counted ${totals.households + outside.households}`,
    );
  const balance = {
    read,
    in_regions: totals.households,
    outside_regions: outside.households,
    skipped,
    balanced: true as const,
  };
  return { regions: analysed, deadZones, regionStats, totals, outside, balance };
}
