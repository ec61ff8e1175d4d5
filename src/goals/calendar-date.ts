/** Calendar dates as `YYYY-MM-DD` and as whole days since 1970-01-01 (UTC): no clock, no time zone. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The day number of a real calendar date `YYYY-MM-DD` (years 0000–9999), or null (`2023-02-29`, `2023-1-5`). */
export function dayOf(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Date rolls 2023-02-29 over to March 1st: a date that does not round-trip is not on the calendar.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(date.getTime() / MS_PER_DAY);
}

export function isCalendarDate(text: unknown): text is string {
  return dayOf(text) !== null;
}

/** The last day `dateOf` can write. */
export const LAST_DAY = dayOf('9999-12-31')!;

/** `YYYY-MM-DD` of a day number (up to 9999-12-31). */
export function dateOf(day: number): string {
  if (!Number.isInteger(day) || day > LAST_DAY) throw new Error(`no calendar date for day ${day}`);
  const date = new Date(day * MS_PER_DAY);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${year}-${month}-${String(date.getUTCDate()).padStart(2, '0')}`;
}
