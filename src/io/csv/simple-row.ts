import { MAX_WEIGHT } from '../../model/households.js';

const COMMA = 44;
const DOT = 46;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
/** Exact doubles: a mantissa of at most 15 digits divided by one is correctly rounded (as `Number` would). */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The common row `lon,lat[,households]` of plain decimals (`7.1234,51.2345,3`) in one pass, with the
 * values `parseDecimal` and the checks would give: true with `values` set, or false for anything else
 * (quotes, blanks, exponents, a sign on a count, more columns, out of range), which the caller then
 * reads field by field and reports exactly as before. 20 M rows a run: no call, no allocation here.
 */
export function readSimpleRow(
  bytes: Uint8Array,
  start: number,
  end: number,
  hasWeight: boolean,
  values: number[],
): boolean {
  let k = start;
  for (let role = 0; role < 2; role++) {
    let negative = false;
    if (k < end && bytes[k] === MINUS) {
      negative = true;
      k++;
    }
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    let c = bytes[k];
    while (k < end && c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      c = bytes[++k];
    }
    if (k < end && c === DOT) {
      c = bytes[++k];
      while (k < end && c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
        scale++;
        c = bytes[++k];
      }
    }
    if (digits === 0 || digits > 15) return false;
    const magnitude = mantissa / POW10[scale];
    if (magnitude > (role === 0 ? 180 : 90)) return false;
    values[role] = negative ? -magnitude : magnitude;
    if (role === 0) {
      if (k >= end || bytes[k] !== COMMA) return false;
      k++;
    }
  }
  if (!hasWeight) {
    values[2] = 1;
    return k === end;
  }
  if (k >= end || bytes[k] !== COMMA) return false;
  k++;
  let count = 0;
  let digits = 0;
  for (; k < end; k++) {
    const c = bytes[k];
    if (c < ZERO || c > NINE) return false;
    count = count * 10 + (c - ZERO);
    digits++;
  }
  if (digits === 0 || digits > 10 || count > MAX_WEIGHT) return false;
  values[2] = count;
  return true;
}
