import type { Bounds } from '../geometry/bounds.js';
import type { InputRecord } from '../model/summary.js';
import type { FileRead } from './read-result.js';
import type { Repair, SkipCounts } from './skipped.js';

/** One input file as read: its entry in summary.json's `inputs`, and what `--invalid` did to it. */
export interface InputRead extends InputRecord {
  skipped?: SkipCounts;
  repairs?: Repair[];
}

/** The one place an input's record is built, from what its reader reported (keys in summary.json's order). */
export function inputRead(
  role: InputRecord['role'],
  path: string,
  format: string,
  read: FileRead & { synthetic?: boolean; predicted?: boolean },
  extent?: Bounds | null,
): InputRead {
  return {
    role,
    path,
    ...read.digest,
    features: read.features,
    format,
    ...(read.crs ? { crs: read.crs } : {}),
    ...(read.synthetic ? { synthetic: true } : {}),
    ...(read.predicted ? { predicted: true } : {}),
    ...(extent === undefined ? {} : { extent }),
    ...(read.skipped ? { skipped: read.skipped } : {}),
    ...(read.repairs ? { repairs: read.repairs } : {}),
  };
}

/** The entry for summary.json's `inputs`: the record without what `--invalid` did (that goes to `invalid`). */
export function summaryRecord(read: InputRead): InputRecord {
  const { skipped: _skipped, repairs: _repairs, ...record } = read;
  return record;
}
