import { InputError } from '../errors.js';
import type { HouseholdsRead } from './households-read.js';
import type { ReadOptions } from './read-options.js';

/** TODO(formats): a Zensus grid CSV (100 m or 1 km, 2011 or 2022 layout): each cell a weighted point. */
export function readZensusHouseholds(path: string, _options: ReadOptions): HouseholdsRead {
  throw new InputError('Zensus grid input is not supported yet', { file: path });
}
