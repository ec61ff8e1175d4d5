import { type Crs, crsRecord, WGS84 } from '../../geometry/crs.js';
import { allocateHouseholds, checkWeight, firstHouseholds } from '../../model/households.js';
import { ownProperty } from '../../model/user-keys.js';
import { pointOf } from '../geometry-check.js';
import { HouseholdTotal } from '../household-total.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { HouseholdsFileRead } from '../read-result.js';
import { InvalidFeatures } from '../skipped.js';
import { readGeoJsonFeatures } from './features-read.js';

/** Household points from GeoJSON Point features; `properties.households` (default 1) is the count. */
export function readGeoJsonHouseholds(path: string, options: ReadOptions): HouseholdsFileRead {
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
