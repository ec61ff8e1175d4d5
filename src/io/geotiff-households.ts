import { InputError } from '../errors.js';
import type { HouseholdsRead } from './households-read.js';
import type { ReadOptions } from './read-options.js';

/** TODO(formats): a household (or population) raster: each cell a weighted point at its centre. */
export async function readGeoTiffHouseholds(path: string, _options: ReadOptions): Promise<HouseholdsRead> {
  throw new InputError('GeoTIFF input is not supported yet', { file: path });
}
