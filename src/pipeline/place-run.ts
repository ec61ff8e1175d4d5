import { InputError } from '../errors.js';
import { flatGeobufChunks } from '../io/flatgeobuf/flatgeobuf-write.js';
import { geoJsonChunks, type OutputFeature } from '../io/geojson/write.js';
import { readDem } from '../io/geotiff/dem-read.js';
import { readSites } from '../io/sites-read.js';
import { normaliseTechnology } from '../model/coverage.js';
import { defaultTemplate, gridCandidates, gridSpacing, type SiteTemplate } from '../planning/candidates.js';
import { withDensityEnvironment } from '../planning/environment.js';
import { footprintPolygons } from '../planning/footprint-polygons.js';
import { type Objective, objectiveHouseholds } from '../planning/objective.js';
import { type PlaceResult, placeSites } from '../planning/place.js';
import type { PredictOptions } from '../planning/predict.js';
import { checkSites, type Site } from '../planning/site.js';
import { loadPlanningBase, type PlanningBase } from './planning-base.js';
import { refuseExisting, writePlanningOutputs } from './planning-outputs.js';
import { toolInfo } from './tool-version.js';

export interface PlaceRun {
  /** A DEM GeoTIFF in metres: the sites' footprints over terrain (as `predict --dem`). */
  dem?: string;
  base: string;
  /** A sites file (CSV or GeoJSON, as `predict` reads it) or `grid:SPACINGm`. */
  candidates: string;
  k: number;
  objective: Objective;
  /** Only this operator's candidates (a grid's candidates are this operator's). */
  operator?: string;
  /** Only the households of these regions (ids) count. */
  regions?: readonly string[];
  /** A generated grid's masts (default: defaultTemplate). */
  template?: Partial<SiteTemplate>;
  out: string;
  force: boolean;
  /** The chosen sites' footprints; `rankResolutionM` for ranking the candidates. */
  options: PredictOptions;
  rankResolutionM: number;
  workers?: number;
}

export interface PlaceRunResult {
  result: PlaceResult;
  /** Households closed per analysed region (id → households), regions with none left out. */
  byRegion: { id: string; name: string; households: number }[];
  files: string[];
}

export const PLACE_SCHEMA = 'funkatlas/placement@1';

/** The files a placement writes. */
export const PLACE_FILES = [
  'placement.json',
  'placement.geojson',
  'placement-coverage.geojson',
  'placement-coverage.fgb',
];

/** `funkatlas place`: k sites from the candidates that close the most households of the objective. */
export async function runPlace(run: PlaceRun): Promise<PlaceRunResult> {
  refuseExisting(run.out, PLACE_FILES, run.force);
  const base = await loadPlanningBase(run.base, run.workers);
  const scope = regionScope(base, run.regions);
  const objective = objectiveHouseholds(run.objective, base.layers, base.mask, (i) => scope(base.region[i]));
  const candidates = candidateSites(run, base, objective.households);
  const options = run.dem === undefined ? run.options : { ...run.options, dem: await readDem(run.dem) };
  const rank = { ...options, resolutionM: run.rankResolutionM, radials: 90 };
  const result = placeSites({
    households: base.households,
    objective,
    candidates,
    k: run.k,
    rank,
    exact: options,
  });
  const byRegion = regionTotals(base, result);
  const coverage = coverageFeatures(result);
  const document = {
    schema: PLACE_SCHEMA,
    generated_at: new Date().toISOString(),
    tool: toolInfo(),
    base: { dir: run.base, snapshot: base.date, coverage: base.coverage },
    predicted: true,
    objective: run.objective,
    k: run.k,
    candidates: { source: run.candidates, count: candidates.length },
    ranking: { resolution_m: run.rankResolutionM, radials: 90 },
    objective_households: result.objectiveHouseholds,
    closed_households: result.sites.at(-1)?.cumulative ?? 0,
    greedy: {
      method: 'greedy maximum coverage with lazy evaluation (CELF)',
      households_at_ranking_resolution: result.greedy.total,
      upper_bound_at_ranking_resolution: result.greedy.upperBound,
      guarantee: 'the greedy choice closes at least (1 − 1/e) ≈ 63.2 % of the best k candidates’ households',
      evaluations: result.greedy.evaluations,
    },
    sites: result.sites.map((s) => ({
      rank: s.rank,
      site_id: s.predicted.site.id,
      lon: s.predicted.site.lon,
      lat: s.predicted.site.lat,
      operator: s.predicted.site.operator,
      technology: s.predicted.site.technology,
      marginal_households: s.marginal,
      cumulative_households: s.cumulative,
      marginal_households_ranked: s.marginalRanked,
    })),
    regions: byRegion,
  };
  const files = writePlanningOutputs(run.out, run.force, [
    { name: 'placement.json', chunks: [`${JSON.stringify(document, null, 2)}\n`] },
    { name: 'placement.geojson', chunks: [pointCollection(document.sites)] },
    { name: 'placement-coverage.geojson', chunks: geoJsonChunks(coverage) },
    { name: 'placement-coverage.fgb', chunks: flatGeobufChunks(coverage, { name: 'placement-coverage' }) },
  ]);
  return { result, byRegion, files };
}

/** Whether region r (of the file) counts: analysed, and among `ids` when given (unknown ids refused). */
function regionScope(base: PlanningBase, ids: readonly string[] | undefined): (r: number) => boolean {
  const analysed = (r: number) => r >= 0 && base.analysedIndex[r] >= 0;
  if (ids === undefined || ids.length === 0) return analysed;
  const known = new Set(base.regionStats.map((s) => s.id));
  for (const id of ids)
    if (!known.has(id))
      throw new InputError("no such region in the base run's regions", { field: '--region', value: id });
  const wanted = new Set(ids);
  return (r) => analysed(r) && wanted.has(base.allRegions.ids[r]);
}

function candidateSites(run: PlaceRun, base: PlanningBase, objective: Uint32Array): Site[] {
  const spacing = gridSpacing(run.candidates);
  let sites: Site[];
  if (spacing !== undefined) {
    const template = { ...defaultTemplate(run.objective, run.operator ?? 'new'), ...run.template };
    sites = gridCandidates(base.households, objective, spacing, template);
  } else {
    sites = checkSites(readSites(run.candidates).sites);
    if (run.operator !== undefined) sites = sites.filter((s) => s.operator === run.operator);
    if (sites.length === 0)
      throw new InputError(run.operator ? `no candidate of operator ${run.operator}` : 'no candidates', {
        file: run.candidates,
        field: run.operator ? '--operator' : '--candidates',
      });
  }
  const fitting = sites.filter(
    (s) => normaliseTechnology(s.technology) === normaliseTechnology(run.objective === '5g' ? '5g' : 'lte'),
  );
  if (sites.length > 0 && fitting.length === 0)
    throw new InputError(
      `no candidate has the objective's technology (${run.objective === '5g' ? '5G' : 'LTE'})`,
      {
        ...(spacing === undefined ? { file: run.candidates } : {}),
        field: spacing === undefined ? 'technology' : '--template technology',
        value: sites[0].technology,
        hint:
          run.objective === '5g'
            ? '--objective 5g counts 5G sites'
            : 'white and grey spots are closed by LTE sites',
      },
    );
  return withDensityEnvironment(sites, base.households);
}

function regionTotals(base: PlanningBase, result: PlaceResult) {
  const sums = new Float64Array(base.regionStats.length);
  for (const site of result.sites)
    for (const i of site.closes) sums[base.analysedIndex[base.region[i]]] += base.households.weight[i];
  return base.regionStats.flatMap((s, k) =>
    sums[k] > 0 ? [{ id: s.id, name: s.name, households: sums[k] }] : [],
  );
}

/** The chosen sites' coverage, as `predict` writes it: `analyze --coverage` takes it. */
function coverageFeatures(result: PlaceResult): OutputFeature[] {
  return result.sites.flatMap((s) => {
    const polygons = footprintPolygons(s.predicted);
    if (polygons.length === 0) return [];
    return [
      {
        polygons,
        properties: {
          operator: s.predicted.site.operator,
          technology: s.predicted.site.technology,
          site_id: s.predicted.site.id,
          predicted: true,
          model: s.predicted.model,
          threshold_dbm: s.predicted.thresholdDbm,
          rank: s.rank,
        },
      },
    ];
  });
}

function pointCollection(sites: readonly ({ lon: number; lat: number } & Record<string, unknown>)[]): string {
  const features = sites.map(({ lon, lat, ...properties }) =>
    JSON.stringify({
      type: 'Feature',
      properties,
      geometry: { type: 'Point', coordinates: [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7] },
    }),
  );
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}
