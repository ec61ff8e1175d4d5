import { DOT, MINUS, NINE, ZERO } from './json-cursor.js';

/** Powers of ten that are exact doubles: a ≤ 15-digit mantissa divided by one is correctly rounded. */
const POW10 = new Float64Array(Array.from({ length: 23 }, (_, k) => 10 ** k));

/**
 * The JSON number at `start`, parsed as `JSON.parse` would (correctly rounded), into `out[slot]`:
 * stored, not returned, so no double is boxed on the way. Returns where it ends, or −1 where the
 * text breaks JSON's number grammar.
 */
export function readNumber(text: Uint8Array, start: number, out: Float64Array, slot: number): number {
  let j = start;
  const negative = text[j] === MINUS;
  if (negative) j++;
  const intStart = j;
  let c = text[j];
  let mantissa = 0;
  for (; c >= ZERO && c <= NINE; c = text[++j]) mantissa = mantissa * 10 + (c - ZERO);
  // JSON: at least one integer digit, and no leading zero before another digit.
  if (j === intStart || (j > intStart + 1 && text[intStart] === ZERO)) return -1;
  let digits = j - intStart;
  let decimals = 0;
  if (c === DOT) {
    const fracStart = ++j;
    for (c = text[j]; c >= ZERO && c <= NINE; c = text[++j]) mantissa = mantissa * 10 + (c - ZERO);
    decimals = j - fracStart;
    if (decimals === 0) return -1;
    digits += decimals;
  }
  if (c === 101 || c === 69) {
    j++;
    const sign = text[j];
    if (sign === 43 || sign === MINUS) j++;
    const expStart = j;
    for (c = text[j]; c >= ZERO && c <= NINE; c = text[++j]);
    if (j === expStart) return -1;
    out[slot] = numberOf(text, start, j);
    return j;
  }
  if (digits > 15) out[slot] = numberOf(text, start, j);
  else out[slot] = negative ? -(mantissa / POW10[decimals]) : mantissa / POW10[decimals];
  return j;
}

/** Numbers read the slow way, by their bytes: a ring's first position is written again as its last, and sites share their centres. */
const CACHED = 4;
const WIDTH = 32;
const cachedBytes = new Uint8Array(CACHED * WIDTH);
const cachedLength = new Int32Array(CACHED);
const cachedValue = new Float64Array(CACHED);
let nextEntry = 0;

/** The number written in text[start, end) (ASCII), the slow way, or as it was read last time. */
function numberOf(text: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length > WIDTH)
    return Number(Buffer.from(text.buffer, text.byteOffset + start, length).toString('latin1'));
  for (let e = 0; e < CACHED; e++) {
    if (cachedLength[e] !== length) continue;
    let k = 0;
    while (k < length && cachedBytes[e * WIDTH + k] === text[start + k]) k++;
    if (k === length) return cachedValue[e];
  }
  const value = Number(Buffer.from(text.buffer, text.byteOffset + start, length).toString('latin1'));
  cachedBytes.set(text.subarray(start, end), nextEntry * WIDTH);
  cachedLength[nextEntry] = length;
  cachedValue[nextEntry] = value;
  nextEntry = (nextEntry + 1) % CACHED;
  return value;
}
