import { InputError } from '../errors.js';
import { allocateHouseholds, type Households, MAX_WEIGHT } from '../model/households.js';
import { readHouseholdsCsv } from './csv-households.js';
import { pointOf, readGeoJsonFeatures } from './geojson-read.js';
import { type FileDigest, formatName } from './source.js';

/** Household points with their read statistics. */
export interface HouseholdsRead {
  households: Households;
  /** Features (GeoJSON) or data rows (CSV) read. */
  features: number;
  digest: FileDigest;
}

/** Reads household points from GeoJSON (Point features) or CSV (`lon,lat[,households]`), optionally gzipped. */
export function readHouseholds(path: string): HouseholdsRead {
  return formatName(path).endsWith('.csv') ? readHouseholdsCsv(path) : readHouseholdsGeoJson(path);
}

function readHouseholdsGeoJson(path: string): HouseholdsRead {
  const { features, digest } = readGeoJsonFeatures(path);
  const columns = allocateHouseholds(features.length);
  features.forEach((f) => {
    const where = { file: path, feature: f.index, id: f.id };
    const [x, y] = pointOf(f.geometry, where);
    columns.lon[f.index] = x;
    columns.lat[f.index] = y;
    const value = f.properties.households;
    columns.weight[f.index] =
      value === undefined || value === null
        ? 1
        : checkWeight(value, { ...where, field: 'properties.households' });
  });
  return { households: columns, features: features.length, digest };
}

function checkWeight(value: unknown, where: ConstructorParameters<typeof InputError>[1]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_WEIGHT)
    throw new InputError(`households must be an integer from 0 to ${MAX_WEIGHT}`, { ...where, value });
  return value;
}
