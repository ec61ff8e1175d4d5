import { InputError } from '../../errors.js';
import { type Crs, crsRecord, WGS84 } from '../../geometry/crs.js';
import { allocateHouseholds, checkWeight, firstHouseholds } from '../../model/households.js';
import { pointOf } from '../geometry-check.js';
import { HouseholdTotal } from '../household-total.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { HouseholdsFileRead } from '../read-result.js';
import { InvalidFeatures } from '../skipped.js';
import { decodeGeoPackageGeometry, ENVELOPE_DOUBLES } from './binary-geometry.js';
import { openLayer, quoted } from './layers.js';
import { sqliteStep } from './sqlite.js';

/**
 * Household points from a GeoPackage layer of Points (a MultiPoint of one point counts as that
 * point); the `households` column (default 1) is the count. A little-endian 2D Point is read
 * straight from the blob; anything else goes through the full decoder and the shared checks, so the
 * errors are those of the GeoJSON reader.
 */
export function readGeoPackageHouseholds(path: string, options: ReadOptions): HouseholdsFileRead {
  const open = openLayer(path);
  try {
    const { layer, db } = open;
    const crs: Crs = layer.crs ?? options.inputCrs ?? WGS84;
    const file = layer.where;
    const hasWeight = layer.columns.some((c) => c.name === 'households');
    const count = sqliteStep(file, () =>
      db
        .prepare(`SELECT count(*) FROM ${quoted(layer.table)}`)
        .pluck()
        .get(),
    ) as number;
    let columns = allocateHouseholds(count);
    const invalid = new InvalidFeatures(options.invalid);
    const total = new HouseholdTotal(file);
    const xy = new Float64Array(2);
    // Lon/lat points are read straight from the blob; anything else through the decoder and pointOf.
    const fast = crs.geographic;
    let kept = 0;
    let index = 0;
    const rows = db
      .prepare(
        `SELECT ${quoted(layer.fid)}, ${quoted(layer.geometry)}, ${hasWeight ? quoted('households') : 'NULL'}
         FROM ${quoted(layer.table)} ORDER BY ${quoted(layer.fid)}`,
      )
      .raw();
    sqliteStep(file, () => {
      for (const row of rows.iterate() as IterableIterator<[number, unknown, unknown]>) {
        let weight = 0;
        try {
          // The count first: a feature skipped for its geometry still says how many households it held.
          const value = row[2];
          weight =
            value === undefined || value === null
              ? 1
              : checkWeight(value, { file, feature: index, id: row[0], field: 'households' });
          if (!(fast && lonLatPoint(row[1], xy)))
            pointInto(row[1], { file, feature: index, id: row[0], crs }, xy);
          if (!total.add(weight)) throw total.passed({ feature: index, id: row[0] });
          // A row added since the count (another writer): grow rather than write past the end.
          if (kept === columns.count) columns = grown(columns);
          columns.lon[kept] = xy[0];
          columns.lat[kept] = xy[1];
          columns.weight[kept++] = weight;
        } catch (error) {
          invalid.skip(error, weight);
        }
        index++;
      }
    });
    return {
      households: kept === columns.count ? columns : firstHouseholds(columns, kept),
      features: index,
      digest: open.digest,
      ...crsRecord(crs),
      ...invalid.report(),
    };
  } finally {
    open.close();
  }
}

type Where = { file: string; feature: number; id: number; crs: Crs };

/**
 * A little-endian 2D WKB Point with lon/lat in range into `out`, with nothing allocated; false for
 * anything else (another type, byte order, dimension, a bad header or a value out of range).
 */
function lonLatPoint(blob: unknown, out: Float64Array): boolean {
  if (!(blob instanceof Buffer) || blob.length < 29 || blob[0] !== 0x47 || blob[1] !== 0x50 || blob[2] !== 0)
    return false;
  const flags = blob[3];
  const envelope = (flags >> 1) & 7;
  if (flags & 0x20 || envelope > 4) return false;
  const at = 8 + 8 * ENVELOPE_DOUBLES[envelope];
  if (blob.length !== at + 21 || blob[at] !== 1 || blob.readUInt32LE(at + 1) !== 1) return false;
  const x = blob.readDoubleLE(at + 5);
  const y = blob.readDoubleLE(at + 13);
  // Written as a positive test, so NaN (an empty point) fails it too.
  if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) return false;
  out[0] = x;
  out[1] = y;
  return true;
}

/** The point's lon/lat into `out`, checked as pointOf checks a GeoJSON point. */
function pointInto(blob: unknown, where: Where, out: Float64Array): void {
  if (!(blob instanceof Uint8Array)) {
    pointOf(null, where);
    return;
  }
  const field = { ...where, field: 'geometry' };
  const [x, y] = pointOf(householdPoint(decodeGeoPackageGeometry(blob, field), where), where);
  out[0] = x;
  out[1] = y;
}

/** A MultiPoint of one point as that Point; one of several cannot tell which point holds the households. */
function householdPoint(geometry: unknown, where: Where): unknown {
  const g = geometry as { type?: string; coordinates?: unknown[] };
  if (g.type === 'Point' && g.coordinates?.length === 0)
    throw new InputError('the point is empty', {
      ...where,
      field: 'geometry',
      value: 'POINT EMPTY',
      code: 'empty-geometry',
    });
  if (g.type !== 'MultiPoint' || !Array.isArray(g.coordinates)) return geometry;
  if (g.coordinates.length === 1) return { type: 'Point', coordinates: g.coordinates[0] };
  throw new InputError(`a MultiPoint of ${g.coordinates.length} points: households need one point each`, {
    ...where,
    field: 'geometry',
    value: g.coordinates.length === 0 ? 'MultiPoint EMPTY' : `MultiPoint of ${g.coordinates.length}`,
    hint: 'split it with ogr2ogr -explodecollections (and divide the households)',
    code: g.coordinates.length === 0 ? 'empty-geometry' : 'wrong-geometry-type',
  });
}

function grown(columns: ReturnType<typeof allocateHouseholds>) {
  const bigger = allocateHouseholds(Math.max(1, columns.count * 2));
  bigger.lon.set(columns.lon);
  bigger.lat.set(columns.lat);
  bigger.weight.set(columns.weight);
  return bigger;
}
