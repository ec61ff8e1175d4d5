import type { Crs } from '../../geometry/crs.js';
import { nullRecord } from '../../model/user-keys.js';
import type { FileDigest } from '../files/source.js';
import type { RawFeature } from '../read-result.js';
import { decodeGeoPackageGeometry } from './binary-geometry.js';
import { type FeatureLayer, openLayer, quoted } from './layers.js';
import { type Database, sqliteStep } from './sqlite.js';

/**
 * A GeoPackage layer's features as raw features (polygons as flat rings, in the layer's CRS), in fid
 * order: the fid is the feature's id; BOOLEAN columns become booleans, blobs stay bytes.
 */
export function readGeoPackageFeatures(path: string): {
  features: RawFeature[];
  digest: FileDigest;
  crs?: Crs;
  /** `PATH.gpkg:LAYER`, as errors name the file. */
  where: string;
} {
  const open = openLayer(path);
  try {
    const { layer } = open;
    const features = sqliteStep(layer.where, () => readRows(open.db, layer));
    return { features, digest: open.digest, where: layer.where, ...(layer.crs ? { crs: layer.crs } : {}) };
  } finally {
    open.close();
  }
}

function readRows(db: Database, layer: FeatureLayer): RawFeature[] {
  const names = [layer.fid, layer.geometry, ...layer.columns.map((c) => c.name)];
  const booleans = layer.columns.map((c) => /^BOOL/i.test(c.type));
  const statement = db
    .prepare(
      `SELECT ${names.map(quoted).join(', ')} FROM ${quoted(layer.table)} ORDER BY ${quoted(layer.fid)}`,
    )
    .raw();
  const features: RawFeature[] = [];
  for (const row of statement.iterate() as IterableIterator<unknown[]>) {
    const index = features.length;
    const id = row[0] as number;
    const properties = nullRecord<unknown>();
    layer.columns.forEach((column, k) => {
      const value = row[k + 2];
      properties[column.name] = booleans[k] && typeof value === 'number' ? value !== 0 : value;
    });
    const blob = row[1];
    const where = { file: layer.where, feature: index, id, field: layer.geometry };
    features.push({
      index,
      id,
      properties,
      geometry: blob instanceof Uint8Array ? decodeGeoPackageGeometry(blob, where) : null,
    });
  }
  return features;
}
