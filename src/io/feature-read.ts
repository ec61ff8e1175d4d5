import { type Crs, WGS84 } from '../geometry/crs.js';
import type { FileDigest } from './files/source.js';
import { readFlatGeobufFeatures } from './flatgeobuf/features-read.js';
import { readGeoJsonFeatures } from './geojson/features-read.js';
import { readGeoPackageFeatures } from './gpkg/features-read.js';
import type { ResolvedReadOptions as ReadOptions } from './read-options.js';
import type { RawFeature } from './read-result.js';

export interface FeaturesRead {
  features: RawFeature[];
  digest: FileDigest;
  /** The file's declared CRS, else `--input-crs`, else lon/lat. */
  crs: Crs;
  /** The file as errors name it: the path, or a GeoPackage's `PATH.gpkg:LAYER`. */
  file: string;
}

export type VectorFormat = 'geojson' | 'fgb' | 'gpkg';

/**
 * The features of a vector file (GeoJSON, FlatGeobuf or a GeoPackage layer), in file order; with
 * `keys`, the only properties the caller reads (a reader may leave the others out).
 */
export function readFeatures(
  path: string,
  format: VectorFormat,
  options: ReadOptions,
  keys?: readonly string[],
): FeaturesRead {
  const read: Omit<FeaturesRead, 'crs' | 'file'> & { crs?: Crs; where?: string } =
    format === 'fgb'
      ? readFlatGeobufFeatures(path)
      : format === 'gpkg'
        ? readGeoPackageFeatures(path)
        : readGeoJsonFeatures(path, keys);
  return {
    features: read.features,
    digest: read.digest,
    crs: read.crs ?? options.inputCrs ?? WGS84,
    file: read.where ?? path,
  };
}
