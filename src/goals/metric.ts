import type { Stats } from '../model/stats.js';
import { SCALAR_COLUMNS } from '../model/stats-columns.js';

/** The numeric fields of Stats a goal can name directly: the regions table's own columns. */
export const STATS_METRICS = SCALAR_COLUMNS;
export type StatsMetric = (typeof STATS_METRICS)[number];

/** The fields of one operator a goal can name, as `operators.<NAME>.<field>`. */
export const OPERATOR_FIELDS = ['share_5g', 'share_lte', 'households_5g', 'households_lte'] as const;
export type OperatorField = (typeof OPERATOR_FIELDS)[number];

export const FUNKLOCH_CELLS = 'funkloch_cells';
const OPERATOR_PREFIX = 'operators.';

/** A Stats object that may carry the Funkloch cell count (absent until that stage runs: no data). */
export type GoalStats = Omit<Stats, 'funkloch_cells'> & {
  funkloch_cells?: number | { count: number } | null;
};

export type MetricRef =
  | { kind: 'stats'; field: StatsMetric }
  | { kind: 'operator'; operator: string; field: OperatorField }
  | { kind: 'funkloch_cells' };

export type MetricUnit = 'share' | 'households' | 'km2' | 'cells';

/**
 * A metric name, or null when it names none. Operator names are user strings and may hold dots: the
 * segment after the last dot is the field, everything between `operators.` and it is the name.
 */
export function parseMetric(metric: string): MetricRef | null {
  if ((STATS_METRICS as readonly string[]).includes(metric))
    return { kind: 'stats', field: metric as StatsMetric };
  if (metric === FUNKLOCH_CELLS) return { kind: 'funkloch_cells' };
  if (!metric.startsWith(OPERATOR_PREFIX)) return null;
  const last = metric.lastIndexOf('.');
  const operator = metric.slice(OPERATOR_PREFIX.length, last);
  const field = metric.slice(last + 1);
  if (last < OPERATOR_PREFIX.length || operator === '') return null;
  if (!(OPERATOR_FIELDS as readonly string[]).includes(field)) return null;
  return { kind: 'operator', operator, field: field as OperatorField };
}

/** Every metric name, operators' as a pattern: for hints. */
export function metricNames(): string {
  return [...STATS_METRICS, FUNKLOCH_CELLS, `operators.<NAME>.{${OPERATOR_FIELDS.join(',')}}`].join(', ');
}

/**
 * The value as a goal compares it: areas to the square metre and area shares to 1e-9, since clipping
 * leaves float noise (a fully covered region's 5G area may come out a few cm² short of its area).
 */
export function comparable(ref: MetricRef, value: number): number {
  if (ref.kind !== 'stats' || !(ref.field.endsWith('_km2') || ref.field === 'share_area_5g')) return value;
  const scale = ref.field === 'share_area_5g' ? 1e9 : 1e6;
  return Math.round(value * scale) / scale;
}

export function unitOf(ref: MetricRef): MetricUnit {
  if (ref.kind === 'funkloch_cells') return 'cells';
  if (ref.field.startsWith('share_')) return 'share';
  return ref.field.endsWith('_km2') ? 'km2' : 'households';
}

/** The metric's value in `stats`, or null: a share without households, an absent operator or count. */
export function metricValue(ref: MetricRef, stats: GoalStats): number | null {
  if (ref.kind === 'stats') return stats[ref.field];
  if (ref.kind === 'operator') {
    if (!Object.hasOwn(stats.operators, ref.operator)) return null;
    return stats.operators[ref.operator][ref.field];
  }
  const cells = stats.funkloch_cells;
  if (typeof cells === 'number') return cells;
  return cells != null && typeof cells.count === 'number' ? cells.count : null;
}

/** A share's numerator and denominator in `stats` (households or km²), so a gap can be said in them. */
export interface ShareParts {
  part: number;
  whole: number;
  unit: 'households' | 'km2';
}

export function shareParts(ref: MetricRef, stats: GoalStats): ShareParts | null {
  if (ref.kind === 'funkloch_cells') return null;
  if (ref.kind === 'operator') {
    if (!Object.hasOwn(stats.operators, ref.operator) || !ref.field.startsWith('share_')) return null;
    const operator = stats.operators[ref.operator];
    const part = ref.field === 'share_5g' ? operator.households_5g : operator.households_lte;
    return { part, whole: stats.households, unit: 'households' };
  }
  if (ref.field === 'share_5g')
    return { part: stats.households_5g, whole: stats.households, unit: 'households' };
  if (ref.field === 'share_lte')
    return { part: stats.households_lte, whole: stats.households, unit: 'households' };
  if (ref.field === 'share_area_5g') return { part: stats.area_5g_km2, whole: stats.area_km2, unit: 'km2' };
  return null;
}

/** Whether any snapshot's stats know the operator (a typo in its name would otherwise read as no data). */
export function operatorKnown(ref: MetricRef, stats: readonly GoalStats[]): boolean {
  return ref.kind !== 'operator' || stats.some((s) => Object.hasOwn(s.operators, ref.operator));
}
