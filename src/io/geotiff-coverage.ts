import { InputError } from '../errors.js';
import type { CoverageFileRead, CoverageSink } from './coverage-read.js';
import type { ReadOptions } from './read-options.js';

/** TODO(formats): a coverage raster (boolean, or signal strength with a threshold) as coverage polygons. */
export async function readGeoTiffCoverage(
  path: string,
  _sink: CoverageSink,
  _options: ReadOptions,
): Promise<CoverageFileRead> {
  throw new InputError('GeoTIFF input is not supported yet', { file: path });
}
