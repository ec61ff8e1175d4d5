import { csvChunks } from '../io/csv/write.js';
import type { PredictedSite } from '../planning/predict.js';
import { FIGURE_KEYS } from '../planning/region-changes.js';
import type { WhatIfResult } from '../planning/whatif.js';
import type { PlanningBase } from './planning-base.js';

export const WHATIF_SCHEMA = 'funkatlas/whatif@1';

/** whatif.json: the base, the change, the figures per region and in total, the dead zones reached. */
export function whatIfDocument(
  run: { base: string; add?: string; remove?: readonly string[] },
  base: PlanningBase,
  result: WhatIfResult,
  added: readonly PredictedSite[],
  reached: readonly number[],
  tool: { name: string; version: string },
) {
  return {
    schema: WHATIF_SCHEMA,
    generated_at: new Date().toISOString(),
    tool,
    base: { dir: run.base, snapshot: base.date, coverage: base.coverage },
    predicted: true,
    added: added.map((p, k) => ({
      site_id: p.site.id,
      operator: p.site.operator,
      technology: p.site.technology,
      model: p.model,
      covers_anything: p.footprint !== null,
      household_points_reached: reached[k],
    })),
    removed: [...(run.remove ?? [])],
    changed_points: result.changedPoints,
    total: result.total,
    dead_zones: {
      reached: result.deadZones.length,
      closed: result.deadZones.filter((z) => z.status === 'closed').length,
      shrunk: result.deadZones.filter((z) => z.status === 'shrunk').length,
      area_closed_km2: result.dead_zone_area_closed_km2,
    },
    regions: result.regions,
  };
}

/** whatif-regions.csv: a row per analysed region, the figures before and after and the changes. */
export function whatIfCsv(result: WhatIfResult): Iterable<string> {
  const header = [
    'region_id',
    'region_name',
    ...FIGURE_KEYS.flatMap((k) => [`${k}_before`, `${k}_after`]),
    'newly_lte',
    'newly_5g',
    'white_spots_closed',
    'grey_spots_closed',
    'lost_lte',
    'lost_5g',
  ];
  return csvChunks(
    header,
    result.regions.map((r) => [
      r.id,
      r.name,
      ...FIGURE_KEYS.flatMap((k) => [r.before[k], r.after[k]]),
      r.newly_lte,
      r.newly_5g,
      r.white_spots_closed,
      r.grey_spots_closed,
      r.lost_lte,
      r.lost_5g,
    ]),
  );
}
