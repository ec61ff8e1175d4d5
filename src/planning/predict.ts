import { InputError } from '../errors.js';
import { type Footprint, siteFootprint } from './footprint.js';
import { terrainFootprint } from './footprint-terrain.js';
import { autoModel, MODELS, type ModelName, type Range } from './models.js';
import { placeOf, type Site } from './site.js';
import type { Dem } from './terrain-dem.js';
import { thresholdFor } from './thresholds.js';

export interface PredictOptions {
  /** A model for every site, or `auto`: by band and environment. */
  model: ModelName | 'auto';
  /** dBm per technology; the defaults (thresholds.ts) fill in the rest. */
  thresholds?: Readonly<Record<string, number>>;
  rxHeightM: number;
  resolutionM: number;
  radials: number;
  /** Terrain: each radial's loss adds Bullington diffraction over this DEM (footprint-terrain.ts). */
  dem?: Dem;
}

export const PREDICT_DEFAULTS = { model: 'auto', rxHeightM: 1.5, resolutionM: 50, radials: 360 } as const;

/** One site's prediction: the model it took and its footprint (null: it covers nothing at the threshold). */
export interface PredictedSite {
  site: Site;
  model: ModelName;
  thresholdDbm: number;
  footprint: Footprint | null;
  /** Why the footprint's edge rests on an extrapolated model, in words; empty when it does not. */
  extrapolation: string[];
}

/** Sites of one operator × technology: one coverage layer. */
export interface PredictedLayer {
  operator: string;
  technology: string;
  sites: PredictedSite[];
}

/** Predicts every site's footprint, grouped per operator × technology in the order first met. */
export function predictCoverage(sites: readonly Site[], options: PredictOptions): PredictedLayer[] {
  const layers = new Map<string, PredictedLayer>();
  for (const site of sites) {
    const key = JSON.stringify([site.operator, site.technology]);
    let layer = layers.get(key);
    if (layer === undefined) {
      layer = { operator: site.operator, technology: site.technology, sites: [] };
      layers.set(key, layer);
    }
    layer.sites.push(predictSite(site, options));
  }
  return [...layers.values()];
}

/** One site: the model checked against its published ranges (refused outside them), then the footprint. */
export function predictSite(site: Site, options: PredictOptions): PredictedSite {
  const name = options.model === 'auto' ? autoModel(site.bandMHz, site.environment) : options.model;
  const model = MODELS[name];
  const { frequencyMHz, baseHeightM, mobileHeightM, distanceM } = model.ranges;
  refuseOutside(site, name, 'band_mhz', site.bandMHz, frequencyMHz, 'MHz');
  refuseOutside(site, name, 'height_m', site.heightM, baseHeightM, 'm');
  refuseOutside(site, name, '--rx-height', options.rxHeightM, mobileHeightM, 'm');
  const threshold = thresholdFor(site.technology, options.thresholds);
  if (threshold === undefined)
    throw new InputError('no coverage threshold for this technology', {
      ...placeOf(site.where),
      id: site.id,
      field: 'technology',
      value: site.technology,
      hint: `give one: --threshold ${site.technology}=-95 (dBm)`,
    });
  const loss = model.loss(site.bandMHz, site.heightM, options.rxHeightM);
  const footprintOptions = {
    thresholdDbm: threshold.dbm,
    rxHeightM: options.rxHeightM,
    resolutionM: options.resolutionM,
    radials: options.radials,
  };
  const { dem } = options;
  if (dem !== undefined) refuseOffDem(site, dem);
  const footprint =
    dem === undefined
      ? siteFootprint(site, loss, footprintOptions)
      : terrainFootprint(site, loss, footprintOptions, dem);
  return {
    site,
    model: name,
    thresholdDbm: threshold.dbm,
    footprint,
    extrapolation: extrapolation(footprint, distanceM, name),
  };
}

/** A site must stand on the DEM: its antenna height is above the ground there. */
function refuseOffDem(site: Site, dem: Dem): void {
  if (!Number.isNaN(dem.heightAt(site.lon, site.lat))) return;
  throw new InputError(`the site stands outside the DEM ${dem.source.path} or on a cell without data`, {
    ...placeOf(site.where),
    id: site.id,
    field: 'lon/lat',
    value: [site.lon, site.lat],
    hint: 'give a DEM that covers every site (gdalbuildvrt + gdal_translate to join tiles), or leave the site out',
  });
}

function refuseOutside(
  site: Site,
  model: ModelName,
  field: string,
  value: number,
  [min, max]: Range,
  unit: string,
) {
  if (value >= min && value <= max) return;
  throw new InputError(`${value} ${unit} is outside ${model}'s range ${min}–${max} ${unit}`, {
    ...placeOf(site.where),
    id: site.id,
    field,
    value,
    hint:
      field === 'band_mhz'
        ? 'use --model auto, which picks a model by band'
        : field === 'height_m' && !model.startsWith('38901')
          ? `the model is published for ${min}–${max} ${unit} only; 3GPP TR 38.901 takes 10–150 m: --model 38901-rma or 38901-uma`
          : `the model is published for ${min}–${max} ${unit} only`,
  });
}

/** Where the footprint's edge lies outside the model's published distances (it is extrapolated there). */
function extrapolation(footprint: Footprint | null, [min, max]: Range, model: ModelName): string[] {
  if (footprint === null) return [];
  let near = 0;
  let far = 0;
  for (const edge of footprint.edges) {
    if (edge > 0 && edge < min) near++;
    if (edge > max) far++;
  }
  const n = footprint.edges.length;
  const notes: string[] = [];
  if (near > 0) notes.push(`edge within ${model}'s minimum distance ${min} m on ${near} of ${n} radials`);
  if (far > 0) notes.push(`edge beyond ${model}'s maximum distance ${max} m on ${far} of ${n} radials`);
  if (footprint.capped) notes.push(`stopped at the radio horizon ${Math.round(footprint.horizonM)} m`);
  return notes;
}
