import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { loadClipper } from '../geometry/wasm-clipper.js';
import { geoJsonChunks, type OutputFeature } from '../io/geojson/write.js';
import { readDem } from '../io/geotiff/dem-read.js';
import { readSites } from '../io/sites-read.js';
import { withDensityEnvironment } from '../planning/environment.js';
import { footprintPolygons } from '../planning/footprint-polygons.js';
import { forEachPointCovered } from '../planning/points-covered.js';
import { type PredictedSite, type PredictOptions, predictSite } from '../planning/predict.js';
import { checkSites } from '../planning/site.js';
import { polygonSet, type WhatIfResult, whatIf } from '../planning/whatif.js';
import { PointGrid } from '../spatial/point-grid.js';
import { loadPlanningBase, type PlanningBase } from './planning-base.js';
import { refuseExisting, writePlanningOutputs } from './planning-outputs.js';
import { removedCoverage } from './removed-sites.js';
import { toolInfo } from './tool-version.js';
import { whatIfCsv, whatIfDocument } from './whatif-document.js';

export interface WhatIfRun {
  /** A DEM GeoTIFF in metres: the sites' footprints over terrain (as `predict --dem`). */
  dem?: string;
  /** The folder of a finished `analyze` run (its summary.json). */
  base: string;
  /** Sites to add (CSV or GeoJSON, as `funkatlas predict` reads them). */
  add?: string;
  /** Site ids to remove: a predicted base's only. */
  remove?: readonly string[];
  out: string;
  force: boolean;
  options: PredictOptions;
  workers?: number;
}

export interface WhatIfRunResult {
  result: WhatIfResult;
  added: PredictedSite[];
  /** Per added site: the base's household points its footprint covers (0: it reaches none). */
  reached: number[];
  files: string[];
}

/** The files a what-if writes. */
export const WHATIF_FILES = [
  'whatif.json',
  'whatif-regions.csv',
  'dead-zones-closing.geojson',
  'added-coverage.geojson',
];

/** Household grid cells of ~1 km: a site's footprint visits a few hundred. */
export const HOUSEHOLD_GRID_DEG = 0.01;

/** `funkatlas whatif`: the base run's households re-classified near the added and removed sites. */
export async function runWhatIf(run: WhatIfRun): Promise<WhatIfRunResult> {
  if (run.add === undefined && (run.remove ?? []).length === 0)
    throw new InputError('nothing to change', { hint: 'give --add sites.csv and/or --remove SITE_ID' });
  if (resolve(run.out) === resolve(run.base))
    throw new InputError("--out is the base run's folder", {
      field: '--out',
      value: run.out,
      hint: 'write the what-if into a folder of its own',
    });
  refuseExisting(run.out, WHATIF_FILES, run.force);
  const base = await loadPlanningBase(run.base, run.workers);
  if ((run.remove ?? []).length > 0 && !base.predicted)
    throw new InputError('--remove applies to predicted bases only', {
      field: '--remove',
      value: (run.remove ?? []).join(','),
      hint: `the base's coverage (${base.coverage.join(', ')}) is not all from funkatlas predict`,
    });
  const options = run.dem === undefined ? run.options : { ...run.options, dem: await readDem(run.dem) };
  const added = run.add === undefined ? [] : predictSites(run.add, base, options);
  const removed = (run.remove ?? []).length > 0 ? removedCoverage(base.coverage, run.remove ?? []) : [];
  await loadClipper();
  const grid = new PointGrid(base.households.lon, base.households.lat, HOUSEHOLD_GRID_DEG);
  const reached = added.map((p) => pointsReached(footprintPolygons(p), base, grid));
  const result = whatIf(
    { ...base, grid },
    {
      add: added.map((p) => ({
        operator: p.site.operator,
        technology: p.site.technology,
        polygons: footprintPolygons(p),
      })),
      remove: removed,
    },
  );
  const document = whatIfDocument(run, base, result, added, reached, toolInfo());
  const files = writePlanningOutputs(run.out, run.force, [
    { name: 'whatif.json', chunks: [`${JSON.stringify(document, null, 2)}\n`] },
    { name: 'whatif-regions.csv', chunks: whatIfCsv(result) },
    { name: 'dead-zones-closing.geojson', chunks: geoJsonChunks(closingFeatures(base, result)) },
    { name: 'added-coverage.geojson', chunks: geoJsonChunks(addedFeatures(added)) },
  ]);
  return { result, added, reached, files };
}

/** The sites read, checked and predicted (an environment from the base's household density when not given). */
export function predictSites(path: string, base: Pick<PlanningBase, 'households'>, options: PredictOptions) {
  const sites = withDensityEnvironment(checkSites(readSites(path).sites), base.households);
  if (sites.length === 0) throw new InputError('the sites file has no sites', { file: path });
  return sites.map((site) => predictSite(site, options));
}

/** Each dead zone a change reaches: what is left of it (the zone's box when closed), with its figures. */
function closingFeatures(base: PlanningBase, result: WhatIfResult): OutputFeature[] {
  return result.deadZones.map((z) => {
    const zone = base.deadZones[z.zone];
    return {
      polygons: z.remaining.length > 0 ? z.remaining : [zone.rings],
      properties: {
        region_id: base.regionStats[zone.region].id,
        status: z.status,
        geometry_is: z.remaining.length > 0 ? 'what is left' : 'the zone before (all of it closes)',
        area_km2_before: z.area_km2_before,
        area_km2_after: z.area_km2_after,
        households_before: z.households_before,
        households_closed: z.households_closed,
      },
    };
  });
}

/** The base's household points a site's polygons cover. */
function pointsReached(polygons: Float64Array[][], base: PlanningBase, grid: PointGrid): number {
  if (polygons.length === 0) return 0;
  const set = polygonSet(polygons);
  const seen = new Set<number>();
  for (let p = 0; p < set.polygonCount; p++)
    forEachPointCovered(set, p, base.households.lon, base.households.lat, grid, (i) => seen.add(i));
  return seen.size;
}

function addedFeatures(added: readonly PredictedSite[]): OutputFeature[] {
  return added.flatMap((p) => {
    const polygons = footprintPolygons(p);
    if (polygons.length === 0) return [];
    return [
      {
        polygons,
        properties: {
          operator: p.site.operator,
          technology: p.site.technology,
          site_id: p.site.id,
          predicted: true,
          model: p.model,
          threshold_dbm: p.thresholdDbm,
        },
      },
    ];
  });
}
