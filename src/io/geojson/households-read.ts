import { isInputError } from '../../errors.js';
import { type Crs, crsRecord, WGS84 } from '../../geometry/crs.js';
import {
  allocateHouseholds,
  checkWeight,
  firstHouseholds,
  type Households,
  MAX_WEIGHT,
} from '../../model/households.js';
import { ownProperty } from '../../model/user-keys.js';
import { readInputUtf8, utf8Start } from '../files/source.js';
import { pointOf } from '../geometry-check.js';
import { HouseholdTotal, MAX_TOTAL_HOUSEHOLDS } from '../household-total.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { HouseholdsFileRead, RawFeature } from '../read-result.js';
import type { GeometryContext } from '../ring-check.js';
import { InvalidFeatures } from '../skipped.js';
import { geoJsonFeatures, legacyCrs, rawFeature } from './features-read.js';
import { parseSlice } from './json-cursor.js';
import { skipValue } from './json-skip.js';
import { type ScannedPoints, scanPoints } from './points-scan.js';

/** Household points from GeoJSON Point features; `properties.households` (default 1) is the count. */
export function readGeoJsonHouseholds(path: string, options: ReadOptions): HouseholdsFileRead {
  const { data, digest } = readInputUtf8(path);
  const points = scanPoints(data, utf8Start(data));
  const read = points ? fromScan(points, data, path, options) : fromFeatures(data, path, options);
  return { ...read, digest };
}

/** The exact path: every feature as JSON.parse gives it. */
function fromFeatures(data: Buffer, path: string, options: ReadOptions) {
  const { features, crs } = geoJsonFeatures(data, path);
  const columns = new HouseholdColumns(path, crs ?? options.inputCrs ?? WGS84, features.length, options);
  for (const f of features) columns.add(f);
  return columns.finish();
}

/**
 * The scanned columns: a feature whose values pass the checks untouched is taken as it is; any
 * other goes the exact path, parsed from its text, so its error is the one the exact path gives.
 */
function fromScan(points: ScannedPoints, text: Buffer, path: string, options: ReadOptions) {
  const { count, x, y, households, start, parsed } = points;
  // A feature that is no Feature fails the whole file before any is read, as on the exact path.
  const raw = new Map<number, RawFeature>();
  for (const [index, feature] of parsed) raw.set(index, rawFeature(feature, index, path));
  const declared = legacyCrs(points.crs, path);
  const crs = declared ?? options.inputCrs ?? WGS84;
  const columns = new HouseholdColumns(path, crs, count, options);
  const lonLat = crs.geographic && crs.degrees;
  // Only in errors does a point's context name its feature: one context serves every projected point.
  const place = { file: path, feature: -1, crs };
  for (let f = 0; f < count; f++) {
    const lon = x[f];
    if (!Number.isNaN(lon)) {
      const written = households[f];
      const weight = Number.isNaN(written) ? 1 : written;
      const lat = y[f];
      if (
        Number.isInteger(weight) &&
        weight >= 0 &&
        weight <= MAX_WEIGHT &&
        columns.total.value + weight <= MAX_TOTAL_HOUSEHOLDS
      ) {
        if (lonLat && Math.abs(lon) <= 180 && Math.abs(lat) <= 90) {
          columns.take(lon, lat, weight);
          continue;
        }
        const xy = lonLat ? undefined : projected(lon, lat, place);
        if (xy) {
          columns.take(xy[0], xy[1], weight);
          continue;
        }
      }
      const end = skipValue(text, start[f]);
      columns.add(rawFeature(parseSlice(text, start[f], end), f, path));
    } else columns.add(raw.get(f) as RawFeature);
  }
  return columns.finish();
}

/** A point in another CRS, in lon/lat; undefined where the checks refuse it (the exact path says why). */
function projected(x: number, y: number, place: GeometryContext): [number, number] | undefined {
  try {
    return pointOf({ type: 'Point', coordinates: [x, y] }, place);
  } catch (error) {
    if (isInputError(error)) return undefined;
    throw error;
  }
}

/** The household columns as they fill, with the running total and the features skipped. */
class HouseholdColumns {
  readonly total: HouseholdTotal;
  private readonly invalid: InvalidFeatures;
  private columns: Households;
  private kept = 0;

  constructor(
    private readonly path: string,
    private readonly crs: Crs,
    private readonly features: number,
    options: ReadOptions,
  ) {
    this.total = new HouseholdTotal(path);
    this.invalid = new InvalidFeatures(options.invalid);
    this.columns = allocateHouseholds(features);
  }

  /** A point already checked. */
  take(lon: number, lat: number, weight: number): void {
    this.total.add(weight);
    this.columns.lon[this.kept] = lon;
    this.columns.lat[this.kept] = lat;
    this.columns.weight[this.kept++] = weight;
  }

  /** A feature as JSON.parse gives it, checked: kept, skipped, or the reason the read fails. */
  add(f: RawFeature): void {
    const where = { file: this.path, feature: f.index, id: f.id, crs: this.crs };
    // The count first: a feature skipped for its geometry still says how many households it held.
    let weight = 0;
    try {
      const value = ownProperty(f.properties, 'households');
      weight =
        value === undefined || value === null
          ? 1
          : checkWeight(value, { ...where, field: 'properties.households' });
      const [x, y] = pointOf(f.geometry, where);
      if (!this.total.add(weight)) throw this.total.passed({ feature: f.index, id: f.id });
      this.columns.lon[this.kept] = x;
      this.columns.lat[this.kept] = y;
      this.columns.weight[this.kept++] = weight;
    } catch (error) {
      this.invalid.skip(error, weight);
    }
  }

  finish() {
    const households = this.kept < this.features ? firstHouseholds(this.columns, this.kept) : this.columns;
    return { households, features: this.features, ...crsRecord(this.crs), ...this.invalid.report() };
  }
}
