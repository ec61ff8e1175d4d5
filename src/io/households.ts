import type { Households } from '../model/households.js';
import { readHouseholdsCsv } from './csv/households-read.js';
import { readFlatGeobufHouseholds } from './flatgeobuf/households-read.js';
import { detectFormat, HOUSEHOLDS_FORMATS, type HouseholdsFormat } from './formats.js';
import { readGeoJsonHouseholds } from './geojson/households-read.js';
import { readGeoTiffHouseholds } from './geotiff/households-read.js';
import { readGeoPackageHouseholds } from './gpkg/households-read.js';
import { type InputRead, inputRead } from './input-read.js';
import type { ResolvedReadOptions as ReadOptions } from './read-options.js';
import type { HouseholdsFileRead } from './read-result.js';
import { checkSkipLimit } from './skip-limit.js';
import { readZensusHouseholds } from './zensus/grid-read.js';

/** Household points, and the file's record for summary.json. */
export interface HouseholdsRead {
  households: Households;
  input: InputRead;
}

/**
 * Reads household points from GeoJSON (Point features), CSV (`lon,lat[,households]`), a Zensus grid
 * CSV, FlatGeobuf, a GeoTIFF raster or a GeoPackage layer, optionally gzipped (not a GeoPackage); the format from `format` or the file.
 */
export async function readHouseholds(
  path: string,
  options: ReadOptions = {},
  format?: string,
): Promise<HouseholdsRead> {
  const detected = detectFormat(path, HOUSEHOLDS_FORMATS, format, 'options.householdsFormat');
  const read = await readAs(detected, path, options);
  checkSkipLimit(path, read.features, read.skipped, options.maxSkipped);
  return { households: read.households, input: inputRead('households', path, detected, read) };
}

function readAs(
  format: HouseholdsFormat,
  path: string,
  options: ReadOptions,
): HouseholdsFileRead | Promise<HouseholdsFileRead> {
  switch (format) {
    case 'csv':
      return readHouseholdsCsv(path, options);
    case 'zensus':
      return readZensusHouseholds(path, options);
    case 'fgb':
      return readFlatGeobufHouseholds(path, options);
    case 'geotiff':
      return readGeoTiffHouseholds(path, options);
    case 'gpkg':
      return readGeoPackageHouseholds(path, options);
    default:
      return readGeoJsonHouseholds(path, options);
  }
}
