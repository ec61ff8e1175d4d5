import { DENSITY_RADIUS_M, SUBURBAN_HOUSEHOLDS_KM2, URBAN_HOUSEHOLDS_KM2 } from './environment.js';
import { MODELS, type ModelName } from './models.js';
import type { PredictedLayer, PredictOptions } from './predict.js';
import { DEFAULT_ENVIRONMENT } from './site.js';
import { EFFECTIVE_EARTH_RADIUS_KM } from './terrain.js';
import { thresholdFor } from './thresholds.js';

/** The sites file as read, and when and by what the prediction was made. */
export interface PredictionSource {
  path: string;
  format: string;
  sha256: string;
  bytes: number;
  generatedAt: string;
  tool: { name: string; version: string };
}

/** What terrain the prediction took: none, or the DEM and the diffraction method. */
function terrainRecord(options: PredictOptions) {
  const { dem } = options;
  if (dem === undefined) return 'none: flat earth, no terrain, clutter or buildings';
  return {
    method: `Bullington, ITU-R P.526-15 §4.5.1, k=4/3 (a_e = ${EFFECTIVE_EARTH_RADIUS_KM} km)`,
    added_loss:
      "Bullington's loss over the DEM profile minus Bullington's over smooth earth at the same heights above ground, at least 0 (the model holds smooth earth), added to the model's loss at each step",
    dem: {
      path: dem.source.path,
      sha256: dem.source.sha256,
      bytes: dem.source.bytes,
      crs: dem.grid.crs.name,
      cell_size: [dem.grid.cellWidth, dem.grid.cellHeight],
      columns: dem.grid.columns,
      rows: dem.grid.rows,
    },
    profile:
      'heights bilinear between DEM cell centres at every resolution step of a radial; a radial stops where the DEM ends or has no data (dem_cut_radials in each feature)',
    limits:
      'no clutter or buildings; the DEM is sampled at the resolution, so ridges narrower than a step may be missed',
  };
}

/** `predict.json`: what was assumed, which model each layer took, where the models were stretched. */
export function predictionMetadata(
  layers: readonly PredictedLayer[],
  files: readonly string[],
  options: PredictOptions,
  source: PredictionSource,
) {
  const all = layers.flatMap((l) => l.sites);
  const used = new Map<ModelName, number>();
  for (const p of all) used.set(p.model, (used.get(p.model) ?? 0) + 1);
  const technologies = [...new Set(all.map((p) => p.site.technology))];
  const defaulted = all.filter((p) => p.site.environmentFrom === 'default').length;
  const fromDensity = all.filter((p) => p.site.environmentFrom === 'households').length;
  return {
    schema: 'funkatlas/predict@1',
    generated_at: source.generatedAt,
    tool: source.tool,
    predicted: true,
    sites: {
      path: source.path,
      format: source.format,
      sha256: source.sha256,
      bytes: source.bytes,
      count: all.length,
    },
    options: {
      model: options.model,
      rx_height_m: options.rxHeightM,
      resolution_m: options.resolutionM,
      radials: options.radials,
    },
    thresholds: Object.fromEntries(technologies.map((t) => [t, thresholdFor(t, options.thresholds)])),
    models: Object.fromEntries(
      [...used].map(([name, count]) => {
        const { ranges, source: cite } = MODELS[name];
        return [
          name,
          {
            sites: count,
            source: cite,
            frequency_mhz: ranges.frequencyMHz,
            base_height_m: ranges.baseHeightM,
            mobile_height_m: ranges.mobileHeightM,
            distance_m: ranges.distanceM,
          },
        ];
      }),
    ),
    environment: {
      default: DEFAULT_ENVIRONMENT,
      defaulted_sites: defaulted,
      from_households: fromDensity,
      note:
        defaulted > 0
          ? `${defaulted} site(s) gave no environment and were taken as ${DEFAULT_ENVIRONMENT} (no households were given to judge density by)`
          : fromDensity > 0
            ? `${fromDensity} site(s) took their environment from the households within ${DENSITY_RADIUS_M} m: urban from ${URBAN_HOUSEHOLDS_KM2}, suburban from ${SUBURBAN_HOUSEHOLDS_KM2} households/km², else open (Eurostat DEGURBA's 1,500 and 300 inhabitants/km² at 2.0 persons a household)`
            : 'every site gave its environment',
    },
    layers: layers.map((layer, k) => ({
      operator: layer.operator,
      technology: layer.technology,
      files: [`${files[k]}.geojson`, `${files[k]}.fgb`],
      sites: layer.sites.length,
      features: layer.sites.filter((p) => p.footprint !== null).length,
      covering_nothing: layer.sites.filter((p) => p.footprint === null).map((p) => p.site.id),
      extrapolated: layer.sites.filter((p) => p.extrapolation.length > 0).map((p) => p.site.id),
    })),
    extrapolation:
      "every model is used inside its minimum distance near the mast (Hata: 1 km; TR 38.901: 10 m); a feature's `extrapolation` says where its edge lies outside the model's distances",
    antenna:
      'omnidirectional sites (no azimuth_deg): no pattern; sectors: 3GPP TR 36.814 pattern, min(12(φ/φ3dB)², 25) + min(12((θ−tilt)/θ3dB)², 20), at most 25 dB',
    terrain: terrainRecord(options),
    footprints:
      options.dem === undefined
        ? "one feature a site (analyze unions a layer's features itself); star-shaped from the mast, edge per radial by bisection to resolution/16"
        : "one feature a site (analyze unions a layer's features itself); each radial walked in resolution steps over the DEM, the covered steps as cells of ± half a step and ± half a radial, shadows cut out as holes or gaps",
    limits:
      'a prediction is not a measurement: median path loss from empirical models, no clutter or building data',
  };
}
