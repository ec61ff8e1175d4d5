import { InputError } from '../../errors.js';
import { type Crs, crsRecord, WGS84 } from '../../geometry/crs.js';
import { allocateHouseholds, checkWeight, firstHouseholds, type Households } from '../../model/households.js';
import { pointOf } from '../geometry-check.js';
import { HouseholdTotal } from '../household-total.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { HouseholdsFileRead } from '../read-result.js';
import { InvalidFeatures } from '../skipped.js';
import { readContainer } from './container-read.js';
import { FeatureSlot, GeometrySlot, GeometryType } from './format.js';
import { decodeGeometry } from './geometry-read.js';
import { decodeColumns, type HeaderMeta } from './header.js';
import { findProperty } from './properties-read.js';
import type { TableView } from './table-view.js';

/**
 * FlatGeobuf Point features straight into household columns: no object per feature, the point read
 * from the xy vector and the `households` property found without decoding the others. Anything
 * unusual goes to the shared checks (pointOf), so the errors are the same as for GeoJSON.
 */
export function readFlatGeobufHouseholds(
  path: string,
  options: ReadOptions,
  chunkBytes?: number,
): HouseholdsFileRead {
  let header: HeaderMeta | undefined;
  let crs: Crs = WGS84;
  let weightColumn = -1;
  let columns: Households = allocateHouseholds(0);
  // Scratch for the current point: nothing is allocated per feature unless it is wrong.
  const xy = new Float64Array(2);
  const invalid = new InvalidFeatures(options.invalid);
  const total = new HouseholdTotal(path);
  let kept = 0;
  const read = readContainer(
    path,
    (h) => {
      header = h;
      crs = h.crs ?? options.inputCrs ?? WGS84;
      if (h.geometryType !== GeometryType.Point && h.geometryType !== GeometryType.Unknown)
        throw new InputError('households must be Point features', {
          file: path,
          field: 'header geometry_type',
          value: h.geometryType,
        });
      weightColumn = h.columns.findIndex((c) => c.name === 'households');
      // A count of 0 means unknown: start small and grow.
      columns = allocateHouseholds(h.featuresCount || 1 << 16);
    },
    (view, feature, index) => {
      const { geometryType, columns: schema } = header as HeaderMeta;
      if (kept === columns.count) columns = grown(columns);
      // The count first: a feature skipped for its geometry still says how many households it held.
      let weight = 0;
      try {
        const own = view.ref(feature, FeatureSlot.columns);
        const names = own < 0 ? schema : decodeColumns(view, own);
        const wanted = own < 0 ? weightColumn : names.findIndex((c) => c.name === 'households');
        const value =
          wanted < 0
            ? undefined
            : findProperty(view, view.ref(feature, FeatureSlot.properties), names, wanted);
        weight =
          value === undefined || value === null
            ? 1
            : checkWeight(value, { file: path, feature: index, field: 'properties.households' });
        if (!pointInto(view, feature, geometryType, xy)) explainPoint(view, feature, geometryType, crs);
        const x = xy[0];
        const y = xy[1];
        // Degrees under a projected --input-crs: pointOf names the mistake.
        if (crs.flag && !crs.degrees && Math.abs(x) <= 180 && Math.abs(y) <= 90)
          explain({ type: 'Point', coordinates: [x, y] }, view, crs);
        if (!crs.geographic) crs.toLonLat(xy);
        // NaN fails the comparisons too, so an untransformable point lands here.
        if (!(Math.abs(xy[0]) <= 180 && Math.abs(xy[1]) <= 90))
          explain({ type: 'Point', coordinates: [x, y] }, view, crs);
        if (!total.add(weight)) throw total.passed({ feature: index });
        columns.lon[kept] = xy[0];
        columns.lat[kept] = xy[1];
        columns.weight[kept++] = weight;
      } catch (error) {
        invalid.skip(error, weight);
      }
    },
    chunkBytes,
  );
  const households = kept === columns.count ? columns : firstHouseholds(columns, kept);
  return {
    households,
    features: read.features,
    digest: read.digest,
    ...crsRecord(crs),
    ...invalid.report(),
  };
}

/** Reads a Point's finite x, y into `out`; false for anything else, which `explainPoint` then names. */
function pointInto(view: TableView, feature: number, headerType: number, out: Float64Array): boolean {
  const geometry = view.ref(feature, FeatureSlot.geometry);
  if (geometry < 0) return false;
  const type = view.u8(geometry, GeometrySlot.type, GeometryType.Unknown) || headerType;
  if (type !== GeometryType.Point) return false;
  const vector = view.ref(geometry, GeometrySlot.xy);
  if (vector < 0 || view.length(vector, 8) < 2) return false;
  out[0] = view.dv.getFloat64(vector + 4, true);
  out[1] = view.dv.getFloat64(vector + 12, true);
  return Number.isFinite(out[0]) && Number.isFinite(out[1]);
}

/** Throws pointOf's error for a feature the fast path refused. */
function explainPoint(view: TableView, feature: number, headerType: number, crs: Crs): never {
  const geometry = view.ref(feature, FeatureSlot.geometry);
  return explain(geometry < 0 ? null : decodeGeometry(view, geometry, headerType), view, crs);
}

function explain(geometry: unknown, view: TableView, crs: Crs): never {
  pointOf(geometry, { file: view.file, feature: view.feature as number, crs });
  throw new Error(`pointOf accepted a point the FlatGeobuf reader refused: ${JSON.stringify(geometry)}`);
}

function grown(columns: Households): Households {
  const bigger = allocateHouseholds(columns.count * 2);
  bigger.lon.set(columns.lon);
  bigger.lat.set(columns.lat);
  bigger.weight.set(columns.weight);
  return bigger;
}
