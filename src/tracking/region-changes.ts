import { InputError } from '../errors.js';
import type { Stats } from '../model/stats.js';
import { OPERATOR_FIELDS, SCALAR_COLUMNS } from '../model/stats-columns.js';
import type { Summary } from '../model/summary.js';
import { nullRecord } from '../model/user-keys.js';

/** One figure in both runs; null where a run has none (no households for a share, an operator missing). */
export interface FigureChange {
  old: number | null;
  new: number | null;
  /** new − old; null when either is. */
  change: number | null;
}

export interface RegionChange {
  id: string;
  name: string;
  figures: Record<string, FigureChange>;
}

/** A summary and the file it came from, for errors that name it. */
export interface SummaryAt {
  summary: Summary;
  file: string;
}

/**
 * Every figure of the totals and of each region, old against new: the Stats scalars by name,
 * operators as `operators.<NAME>.<field>`, other technologies as `other_technologies.<TECH>.households`
 * (and `.share`). Regions are matched by id, in the new run's order; both runs must have the same ids.
 */
export function regionChanges(
  old: SummaryAt,
  now: SummaryAt,
): { totals: Record<string, FigureChange>; regions: RegionChange[] } {
  const oldRegions = new Map(old.summary.regions.map((r) => [r.id, r]));
  const newIds = new Set(now.summary.regions.map((r) => r.id));
  now.summary.regions.forEach((r, k) => {
    if (!oldRegions.has(r.id)) throw regionMismatch(now, old, k, r.id);
  });
  old.summary.regions.forEach((r, k) => {
    if (!newIds.has(r.id)) throw regionMismatch(old, now, k, r.id);
  });
  return {
    totals: figureChanges(old.summary.totals, now.summary.totals),
    regions: now.summary.regions.map((r) => ({
      id: r.id,
      name: r.name,
      figures: figureChanges(oldRegions.get(r.id) as Stats, r),
    })),
  };
}

/** The Stats as named figures (see regionChanges), in a fixed order: scalars, operators, technologies. */
export function statsFigures(stats: Stats): Map<string, number | null> {
  const figures = new Map<string, number | null>();
  for (const name of SCALAR_COLUMNS) figures.set(name, stats[name]);
  for (const [operator, values] of Object.entries(stats.operators ?? {}))
    for (const field of OPERATOR_FIELDS) figures.set(`operators.${operator}.${field}`, values[field]);
  for (const [technology, values] of Object.entries(stats.other_technologies ?? {})) {
    figures.set(`other_technologies.${technology}.households`, values.households);
    figures.set(`other_technologies.${technology}.share`, values.share);
  }
  return figures;
}

function figureChanges(old: Stats, now: Stats): Record<string, FigureChange> {
  const before = statsFigures(old);
  const after = statsFigures(now);
  const changes = nullRecord<FigureChange>();
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = number(before.get(name));
    const b = number(after.get(name));
    changes[name] = { old: a, new: b, change: a === null || b === null ? null : b - a };
  }
  return changes;
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function regionMismatch(has: SummaryAt, lacks: SummaryAt, index: number, id: string): InputError {
  return new InputError(`region ${JSON.stringify(id)} is not in ${lacks.file}`, {
    file: has.file,
    field: `regions[${index}].id`,
    value: id,
    hint: 'diff compares two runs over the same regions (the same --regions, --region-id and --region)',
  });
}
