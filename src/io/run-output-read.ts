import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { WGS84 } from '../geometry/crs.js';
import type { DeadZone } from '../model/stats.js';
import { SUMMARY_SCHEMA, type Summary } from '../model/summary.js';
import { ownProperty } from '../model/user-keys.js';
import { readFlatGeobufFeatures } from './flatgeobuf/features-read.js';
import { readGeoJsonFeatures } from './geojson/features-read.js';
import { polygonsOf } from './geometry-check.js';

/** What `diff` reads of a finished run's --out folder. */
export interface RunOutput {
  dir: string;
  summaryFile: string;
  summary: Summary;
  deadZonesFile: string;
  /** `region`: the index of its region in `summary.regions`. */
  deadZones: DeadZone[];
}

const DEAD_ZONE_FILES = ['lte-dead-zones.geojson', 'lte-dead-zones.fgb'];
/** Both hold the figures diff compares at the top level (@2: the latest snapshot's). */
const READ_SCHEMAS = ['funkatlas/summary@1', SUMMARY_SCHEMA] as const;

/** A finished run's summary.json (funkatlas/summary@1 or @2) and its dead zones (GeoJSON, else FlatGeobuf). */
export function readRunOutput(dir: string): RunOutput {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new InputError('no such folder', { file: dir, hint: 'give the --out folder of a finished run' });
  const summaryFile = join(dir, 'summary.json');
  const summary = readSummary(summaryFile);
  const deadZonesFile = DEAD_ZONE_FILES.map((name) => join(dir, name)).find((path) =>
    statSync(path, { throwIfNoEntry: false })?.isFile(),
  );
  if (deadZonesFile === undefined)
    throw new InputError('no lte-dead-zones.geojson or lte-dead-zones.fgb beside summary.json', {
      file: dir,
      hint: 'give the --out folder of a finished run',
    });
  return { dir, summaryFile, summary, deadZonesFile, deadZones: readDeadZones(deadZonesFile, summary) };
}

function readSummary(file: string): Summary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`, {
      file,
      hint: 'a finished run has a summary.json: give its --out folder',
    });
  }
  let summary: Summary;
  try {
    summary = JSON.parse(text);
  } catch (error) {
    throw new InputError(`invalid JSON: ${(error as Error).message}`, { file });
  }
  if (!(READ_SCHEMAS as readonly unknown[]).includes(summary?.schema))
    throw new InputError('not a funkatlas summary', {
      file,
      field: 'schema',
      value: summary?.schema,
      hint: `diff reads the summary.json of funkatlas runs (schema ${READ_SCHEMAS.join(' or ')})`,
    });
  if (typeof summary.totals !== 'object' || summary.totals === null)
    throw new InputError('totals must be an object', { file, field: 'totals', value: summary.totals });
  if (!Array.isArray(summary.regions))
    throw new InputError('regions must be an array', { file, field: 'regions', value: summary.regions });
  summary.regions.forEach((region, k) => {
    if (typeof region?.id !== 'string')
      throw new InputError('a region needs a string id', {
        file,
        field: `regions[${k}].id`,
        value: region?.id,
      });
  });
  return summary;
}

/** Each feature one Polygon with region_id (a region of the summary), area_km2 and households. */
function readDeadZones(file: string, summary: Summary): DeadZone[] {
  const regionIndex = new Map(summary.regions.map((r, k) => [r.id, k]));
  const read = file.endsWith('.fgb') ? readFlatGeobufFeatures(file) : readGeoJsonFeatures(file);
  return read.features.map((f) => {
    const where = { file, feature: f.index };
    const regionId = ownProperty(f.properties, 'region_id');
    const region = typeof regionId === 'string' ? regionIndex.get(regionId) : undefined;
    if (region === undefined)
      throw new InputError('region_id names no region of summary.json', {
        ...where,
        field: 'properties.region_id',
        value: regionId,
      });
    const area = ownProperty(f.properties, 'area_km2');
    const households = ownProperty(f.properties, 'households');
    for (const [field, value] of [
      ['area_km2', area],
      ['households', households],
    ] as const)
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw new InputError('must be a number ≥ 0', { ...where, field: `properties.${field}`, value });
    const polygons = polygonsOf(f.geometry, { ...where, crs: read.crs ?? WGS84 });
    if (polygons.length !== 1)
      throw new InputError('a dead zone must be one Polygon', {
        ...where,
        field: 'geometry',
        value: `${polygons.length} polygons`,
      });
    return { region, rings: polygons[0], area_km2: area as number, households: households as number };
  });
}
