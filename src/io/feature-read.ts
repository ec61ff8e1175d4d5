import { type Crs, WGS84 } from '../geometry/crs.js';
import type { FileDigest } from './files/source.js';
import { readFlatGeobufFeatures } from './flatgeobuf/features-read.js';
import { readGeoJsonFeatures } from './geojson/features-read.js';
import type { ResolvedReadOptions as ReadOptions } from './read-options.js';
import type { RawFeature } from './read-result.js';

export interface FeaturesRead {
  features: RawFeature[];
  digest: FileDigest;
  /** The file's declared CRS, else `--input-crs`, else lon/lat. */
  crs: Crs;
}

/**
 * The features of a vector file (GeoJSON or FlatGeobuf), in file order; with `keys`, the only
 * properties the caller reads (a reader may leave the others out).
 */
export function readFeatures(
  path: string,
  format: 'geojson' | 'fgb',
  options: ReadOptions,
  keys?: readonly string[],
): FeaturesRead {
  const read = format === 'fgb' ? readFlatGeobufFeatures(path) : readGeoJsonFeatures(path, keys);
  return { features: read.features, digest: read.digest, crs: read.crs ?? options.inputCrs ?? WGS84 };
}
