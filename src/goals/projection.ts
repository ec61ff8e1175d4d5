import { dateOf, LAST_DAY } from './calendar-date.js';
import type { Comparison } from './goal.js';

/** One snapshot's value of a metric on its day (days since 1970-01-01). */
export interface SeriesPoint {
  day: number;
  value: number | null;
}

/**
 * `date`: the least-squares line over the snapshots reaches the goal on `date`; `insufficient-data`:
 * fewer than two snapshots with a value; `no-trend`: the line is flat, moves away from the goal or
 * reaches it only after 9999; `not-needed`: the goal is met.
 */
export type ProjectionStatus = 'date' | 'insufficient-data' | 'no-trend' | 'not-needed';

export interface Projection {
  projection: ProjectionStatus;
  projected_date: string | null;
}

/** Fits value = a + b·day by least squares: the line's offset at `day0` and its slope per day. */
export function leastSquares(points: readonly { day: number; value: number }[]): {
  day0: number;
  a: number;
  b: number;
} {
  const day0 = points[0].day;
  const n = points.length;
  let meanX = 0;
  let meanY = 0;
  for (const p of points) {
    meanX += (p.day - day0) / n;
    meanY += p.value / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.day - day0 - meanX) * (p.value - meanY);
    sxx += (p.day - day0 - meanX) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return { day0, a: meanY - b * meanX, b };
}

/**
 * When the line over `points` first meets `comparison target`, on a day after `asOfDay` (the goal is
 * not met as of then, so a line that met it earlier says "now", the next day). `direction`: +1 when
 * the value has to rise, −1 when it has to fall.
 */
export function project(
  points: readonly SeriesPoint[],
  comparison: Comparison,
  target: number,
  direction: 1 | -1,
  asOfDay: number,
): Projection {
  const known = points.filter((p): p is { day: number; value: number } => p.value !== null);
  if (known.length < 2) return { projection: 'insufficient-data', projected_date: null };
  const { day0, a, b } = leastSquares(known);
  if (b === 0 || Math.sign(b) !== direction) return { projection: 'no-trend', projected_date: null };
  // To a micro-day, so float noise in the fit does not push an exact crossing to the next day.
  const crossing = day0 + Math.round(((target - a) / b) * 1e6) / 1e6;
  const strict = comparison === '>' || comparison === '<';
  const day = Math.max(strict ? Math.floor(crossing) + 1 : Math.ceil(crossing), asOfDay + 1);
  if (!(day <= LAST_DAY)) return { projection: 'no-trend', projected_date: null };
  return { projection: 'date', projected_date: dateOf(day) };
}
