import { InputError } from '../errors.js';

/** A margin beyond this is no confidence range but another network: refused. */
export const MAX_MARGIN_DB = 30;

/**
 * The levels a margin list asks for, in dB, ascending, the nominal 0 among them: `[3, 6]` →
 * `[-6, -3, 0, 3, 6]`. A level of +3 raises the threshold by 3 dB (stricter, fewer covered).
 * `field` names the option or flag in the error.
 */
export function marginLevels(margins: unknown, field: string): number[] {
  if (!Array.isArray(margins) || margins.length === 0)
    throw new InputError('a margin is a list of dB amounts', {
      field,
      value: margins,
      hint: 'e.g. 3,6 for the levels −6, −3, 0, +3, +6 dB',
    });
  const seen = new Set<number>();
  for (const db of margins) {
    if (typeof db !== 'number' || !(db > 0 && db <= MAX_MARGIN_DB))
      throw new InputError(`each margin must be a number of dB above 0 and at most ${MAX_MARGIN_DB}`, {
        field,
        value: db,
        hint: 'give the amounts without sign, e.g. 3,6: both directions are computed',
      });
    if (seen.has(db))
      throw new InputError('a margin is given twice', { field, value: db, hint: 'give each amount once' });
    seen.add(db);
  }
  const amounts = [...seen].sort((a, b) => a - b);
  return [...amounts.map((db) => -db).reverse(), 0, ...amounts];
}

/** `3,6` as the CLI takes it → the amounts (checked by `marginLevels`, so its errors name the flag). */
export function parseMarginFlag(text: string, flag: string): number[] {
  const items = text.split(',').map((item) => item.trim());
  const amounts = items.map((item) => (/^[+-]?\d+(\.\d+)?$/.test(item) ? Number(item) : Number.NaN));
  const bad = items.findIndex((_, k) => Number.isNaN(amounts[k]));
  if (bad >= 0)
    throw new InputError('--margin takes dB amounts separated by commas', {
      field: flag,
      value: items[bad],
      hint: 'e.g. --margin 3,6 for the levels −6, −3, 0, +3, +6 dB',
    });
  marginLevels(amounts, flag);
  return amounts;
}

/** `+3`, `-1.5`, `0`: a level as file names and printed ranges write it. */
export function signedDb(db: number): string {
  return db > 0 ? `+${db}` : String(db);
}

/** Every technology's threshold moved by `db` (a level of +3 is 3 dB stricter). */
export function shiftedThresholds(
  thresholds: Readonly<Record<string, number>>,
  db: number,
): Record<string, number> {
  const shifted: Record<string, number> = Object.create(null);
  for (const [technology, dbm] of Object.entries(thresholds)) shifted[technology] = dbm + db;
  return shifted;
}
