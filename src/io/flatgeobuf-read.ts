import { InputError } from '../errors.js';
import type { Crs } from '../geometry/crs.js';
import type { RawFeature } from './geojson-read.js';
import type { HouseholdsRead } from './households-read.js';
import type { ReadOptions } from './read-options.js';
import type { FileDigest } from './source.js';

/**
 * TODO(formats): FlatGeobuf features as GeoJSON-like raw features (geometry as a GeoJSON geometry
 * object, in the file's CRS), with the CRS from the header.
 */
export function readFlatGeobufFeatures(path: string): {
  features: RawFeature[];
  digest: FileDigest;
  crs?: Crs;
} {
  throw new InputError('FlatGeobuf input is not supported yet', { file: path });
}

/** TODO(formats): FlatGeobuf Point features straight into household columns. */
export function readFlatGeobufHouseholds(path: string, _options: ReadOptions): HouseholdsRead {
  throw new InputError('FlatGeobuf input is not supported yet', { file: path });
}
