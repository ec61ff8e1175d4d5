import { InputError } from '../errors.js';
import { isCalendarDate } from '../goals/calendar-date.js';
import type { SnapshotInput } from '../pipeline/options.js';

/** Before the first `=`: a snapshot's date when it looks like one (a path with `=` in it stays a path). */
const DATED = /^(\d{4}-\d{2}-\d{2})=(.*)$/s;

/**
 * `--coverage PATH` (one undated snapshot) or `--coverage YYYY-MM-DD=PATH` (dated snapshots; files
 * of one date are one snapshot). Dated and undated do not mix: an undated file has no place in time.
 */
export function parseCoverageFlags(values: readonly string[]): {
  coverage: string[];
  snapshots?: SnapshotInput[];
} {
  const parsed = values.map((value) => {
    const match = DATED.exec(value);
    if (!match) return { date: undefined, path: value };
    if (!isCalendarDate(match[1]))
      throw new InputError('the date before = is not a calendar date', {
        field: '--coverage',
        value,
        hint: 'write --coverage YYYY-MM-DD=PATH, e.g. 2023-12-31=cov-2023q4.geojson',
      });
    if (match[2] === '')
      throw new InputError('no file after the date', {
        field: '--coverage',
        value,
        hint: 'write --coverage YYYY-MM-DD=PATH',
      });
    return { date: match[1], path: match[2] };
  });
  const coverage = parsed.map((p) => p.path);
  const dated = parsed.filter((p) => p.date !== undefined);
  if (dated.length === 0) return { coverage };
  if (dated.length < parsed.length)
    throw new InputError('dated and undated --coverage do not mix', {
      field: '--coverage',
      value: parsed.filter((p) => p.date === undefined).map((p) => p.path),
      hint: 'give every coverage file its date: --coverage YYYY-MM-DD=PATH',
    });
  return { coverage, snapshots: dated.map((p) => ({ date: p.date as string, coverage: [p.path] })) };
}
