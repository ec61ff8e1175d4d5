import { InputError } from '../errors.js';
import type { CoverageFileRead, CoverageSink } from './coverage-read.js';
import type { ReadOptions } from './read-options.js';

/**
 * TODO(formats): a Bundesnetzagentur Mobilfunk-Monitoring grid CSV as coverage with operator-count
 * semantics: layer "k operators" of a technology covers the cells where at least k offer it.
 */
export function readBnetzaCoverage(
  path: string,
  _sink: CoverageSink,
  _options: ReadOptions,
): CoverageFileRead {
  throw new InputError('Bundesnetzagentur grid input is not supported yet', { file: path });
}
