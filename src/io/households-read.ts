import { InputError } from '../errors.js';
import { type Crs, crsRecord, WGS84 } from '../geometry/crs.js';
import { allocateHouseholds, firstHouseholds, type Households, MAX_WEIGHT } from '../model/households.js';
import { ownProperty } from '../model/user-keys.js';
import { readHouseholdsCsv } from './csv-households.js';
import { readFlatGeobufHouseholds } from './flatgeobuf-read.js';
import { detectFormat, HOUSEHOLDS_FORMATS, type HouseholdsFormat } from './formats.js';
import { pointOf, readGeoJsonFeatures } from './geojson-read.js';
import { readGeoTiffHouseholds } from './geotiff-households.js';
import { HouseholdTotal } from './household-total.js';
import type { ResolvedReadOptions as ReadOptions } from './read-options.js';
import { checkSkipLimit } from './skip-limit.js';
import { InvalidFeatures, type Repair, type SkipCounts } from './skipped.js';
import type { FileDigest } from './source.js';
import { readZensusHouseholds } from './zensus-grid-read.js';

/** Household points with their read statistics. */
export interface HouseholdsRead {
  households: Households;
  /** Features (GeoJSON, FlatGeobuf), data rows (CSV) or cells (grids, rasters) read. */
  features: number;
  digest: FileDigest;
  format?: HouseholdsFormat;
  /** The CRS the file's coordinates were in (when not lon/lat). */
  crs?: string;
  /** Features dropped under `--invalid=skip`; their households are not in `households`. */
  skipped?: SkipCounts;
  repairs?: Repair[];
}

/**
 * Reads household points from GeoJSON (Point features), CSV (`lon,lat[,households]`), a Zensus grid
 * CSV, FlatGeobuf or a GeoTIFF raster, optionally gzipped; the format from `format` or the file.
 */
export async function readHouseholds(
  path: string,
  options: ReadOptions = {},
  format?: string,
): Promise<HouseholdsRead> {
  const detected = detectFormat(path, HOUSEHOLDS_FORMATS, format, 'options.householdsFormat');
  const read = await readAs(detected, path, options);
  checkSkipLimit(path, read.features, read.skipped, options.maxSkipped);
  return { ...read, format: detected };
}

function readAs(
  format: HouseholdsFormat,
  path: string,
  options: ReadOptions,
): HouseholdsRead | Promise<HouseholdsRead> {
  switch (format) {
    case 'csv':
      return readHouseholdsCsv(path, options);
    case 'zensus':
      return readZensusHouseholds(path, options);
    case 'fgb':
      return readFlatGeobufHouseholds(path, options);
    case 'geotiff':
      return readGeoTiffHouseholds(path, options);
    default:
      return readHouseholdsGeoJson(path, options);
  }
}

function readHouseholdsGeoJson(path: string, options: ReadOptions): HouseholdsRead {
  const { features, digest, crs: declared } = readGeoJsonFeatures(path);
  const crs: Crs = declared ?? options.inputCrs ?? WGS84;
  const invalid = new InvalidFeatures(options.invalid);
  let columns = allocateHouseholds(features.length);
  const total = new HouseholdTotal(path);
  let kept = 0;
  for (const f of features) {
    const where = { file: path, feature: f.index, id: f.id, crs };
    // The count first: a feature skipped for its geometry still says how many households it held.
    let weight = 0;
    try {
      const value = ownProperty(f.properties, 'households');
      weight =
        value === undefined || value === null
          ? 1
          : checkWeight(value, { ...where, field: 'properties.households' });
      const [x, y] = pointOf(f.geometry, where);
      if (!total.add(weight)) throw total.passed({ feature: f.index, id: f.id });
      columns.lon[kept] = x;
      columns.lat[kept] = y;
      columns.weight[kept++] = weight;
    } catch (error) {
      invalid.skip(error, weight);
    }
  }
  if (kept < features.length) columns = firstHouseholds(columns, kept);
  return {
    households: columns,
    features: features.length,
    digest,
    ...crsRecord(crs),
    ...invalid.report(),
  };
}

/**
 * A household count: an integer from 0 to MAX_WEIGHT, or such an integer written as a string of
 * digits (`"9"`, as ogr2ogr writes numbers that came from a CSV), blanks around it trimmed.
 */
export function checkWeight(value: unknown, where: ConstructorParameters<typeof InputError>[1]): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > MAX_WEIGHT)
    throw new InputError(`households must be an integer from 0 to ${MAX_WEIGHT}`, {
      ...where,
      value,
      code: 'bad-households',
      ...(typeof value === 'string' ? { hint: 'a string is taken when it holds only digits ("9")' } : {}),
    });
  return number;
}
