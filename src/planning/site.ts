import { InputError } from '../errors.js';
import { normaliseTechnology } from '../model/coverage.js';
import { DEFAULT_BEAMWIDTH, DEFAULT_VERTICAL_BEAMWIDTH } from './antenna.js';
import { ENVIRONMENTS, type Environment } from './models.js';

/** Where a site was read: the file and its 1-based line (CSV) or 0-based feature (GeoJSON). */
export interface SiteWhere {
  file: string;
  line?: number;
  feature?: number;
}

/** One row or feature as read: values by column name (text from CSV, JSON values from GeoJSON). */
export interface RawSite {
  values: Readonly<Record<string, unknown>>;
  where: SiteWhere;
}

/** An antenna site, checked. Heights above ground, angles in degrees, azimuth clockwise from north. */
export interface Site {
  id: string;
  lon: number;
  lat: number;
  heightM: number;
  operator: string;
  technology: string;
  bandMHz: number;
  /** Reference-signal EIRP in the main lobe. */
  eirpDbm: number;
  /** Undefined: omnidirectional, no pattern. */
  azimuthDeg?: number;
  beamwidthDeg: number;
  /** Positive downwards. */
  tiltDeg: number;
  vBeamwidthDeg: number;
  environment: Environment;
  /** Where `environment` came from: the sites file, household density around the site, or the default. */
  environmentFrom: 'sites' | 'households' | 'default';
  where: SiteWhere;
}

export const SITE_COLUMNS = [
  'site_id',
  'lon',
  'lat',
  'height_m',
  'operator',
  'technology',
  'band_mhz',
  'eirp_dbm',
] as const;

/** Without households to judge density by, a site's environment defaults to this (stated in predict.json). */
export const DEFAULT_ENVIRONMENT: Environment = 'suburban';

/** Checks every raw site; the first mistake is an InputError naming file, line or feature, field and value. */
export function checkSites(raw: readonly RawSite[]): Site[] {
  const seen = new Map<string, SiteWhere>();
  return raw.map((r) => {
    const site = checkSite(r);
    if (seen.has(site.id))
      throw new InputError('site_id is given twice', {
        ...placeOf(r.where),
        field: 'site_id',
        value: site.id,
        hint: 'each site needs its own id',
      });
    seen.set(site.id, r.where);
    return site;
  });
}

function checkSite({ values, where }: RawSite): Site {
  const given = (field: string) => {
    const v = values[field];
    return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
  };
  let at: { file: string; line?: number; feature?: number; id?: string } = placeOf(where);
  const text = (field: string): string => {
    const v = values[field];
    if ((typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v)))
      return String(v).trim();
    throw new InputError(`${field} is missing`, { ...at, field, value: v ?? null });
  };
  const num = (field: string, ok: (x: number) => boolean, range: string): number => {
    const v = values[field];
    if (!given(field)) throw new InputError(`${field} is missing`, { ...at, field, value: v ?? null });
    const x = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
    if (!Number.isFinite(x) || !ok(x))
      throw new InputError(`${field} must be ${range}`, { ...at, field, value: v });
    return x;
  };
  const optional = (field: string, ok: (x: number) => boolean, range: string, fallback: number) =>
    given(field) ? num(field, ok, range) : fallback;
  const id = text('site_id');
  at = { ...at, id };
  const azimuth = given('azimuth_deg') ? num('azimuth_deg', () => true, 'a number of degrees') : undefined;
  if (given('beamwidth_deg') && azimuth === undefined)
    throw new InputError('beamwidth_deg applies to a sector', {
      ...at,
      field: 'beamwidth_deg',
      value: values.beamwidth_deg,
      hint: 'give azimuth_deg too, or leave beamwidth_deg out for an omnidirectional site',
    });
  const environment = given('environment') ? text('environment').toLowerCase() : DEFAULT_ENVIRONMENT;
  if (!(ENVIRONMENTS as readonly string[]).includes(environment))
    throw new InputError(`environment must be one of ${ENVIRONMENTS.join(', ')}`, {
      ...at,
      field: 'environment',
      value: values.environment,
    });
  return {
    id,
    lon: num('lon', (x) => x >= -180 && x <= 180, 'a longitude from -180 to 180'),
    lat: num('lat', (x) => x >= -85 && x <= 85, 'a latitude from -85 to 85'),
    heightM: num('height_m', (x) => x > 0 && x <= 1000, 'metres above ground, above 0 and at most 1000'),
    operator: text('operator'),
    technology: normaliseTechnology(text('technology')),
    bandMHz: num('band_mhz', (x) => x > 0, 'a frequency in MHz above 0'),
    eirpDbm: num('eirp_dbm', (x) => x > -100 && x < 150, 'dBm, from -100 to 150'),
    ...(azimuth === undefined ? {} : { azimuthDeg: ((azimuth % 360) + 360) % 360 }),
    beamwidthDeg: optional(
      'beamwidth_deg',
      (x) => x > 0 && x <= 360,
      'degrees, above 0 and at most 360',
      DEFAULT_BEAMWIDTH,
    ),
    tiltDeg: optional('tilt_deg', (x) => x >= -90 && x <= 90, 'degrees from -90 to 90', 0),
    vBeamwidthDeg: optional(
      'vbeamwidth_deg',
      (x) => x > 0 && x <= 180,
      'degrees, above 0 and at most 180',
      DEFAULT_VERTICAL_BEAMWIDTH,
    ),
    environment: environment as Environment,
    environmentFrom: given('environment') ? 'sites' : 'default',
    where,
  };
}

/** The InputError place of a site: file and line, or file and feature. */
export function placeOf(where: SiteWhere): { file: string; line?: number; feature?: number } {
  return {
    file: where.file,
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(where.feature === undefined ? {} : { feature: where.feature }),
  };
}

/** Above this, an `eirp_dbm` is likely a cell's total EIRP, not the reference signal's (per resource element). */
const RS_EIRP_LIKELY_MAX = 45;

/**
 * A note when sites give an EIRP that looks like a total (e.g. 60 dBm): the received level is compared
 * with an RSRP threshold, so `eirp_dbm` is the reference signal's, typically 25–40 dBm.
 */
export function totalEirpNote(sites: readonly Site[]): string | undefined {
  const high = sites.filter((s) => s.eirpDbm > RS_EIRP_LIKELY_MAX);
  if (high.length === 0) return undefined;
  return `${high.length} site(s) give eirp_dbm above ${RS_EIRP_LIKELY_MAX} (e.g. ${high[0].id}: ${high[0].eirpDbm}): eirp_dbm is the reference signal's EIRP per resource element (RSRP), typically 25–40 dBm, not a cell's total EIRP`;
}
