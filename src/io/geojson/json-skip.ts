/**
 * A validating JSON skipper: it checks the full grammar of a value (as JSON.parse would) without
 * building it, so the members a reader does not need cost a pass over their text and no garbage.
 * Iterative, so a value nested a million levels deep is skipped like any other.
 */

import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  DOT,
  MINUS,
  NINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  ZERO,
} from './json-cursor.js';

const TRUE = ascii('true');
const FALSE = ascii('false');
export const NULL = ascii('null');

/** A word's bytes, to compare with `matches`. */
export function ascii(word: string): Uint8Array {
  return Uint8Array.from(word, (c) => c.charCodeAt(0));
}

/** Whether `word` is written at `at`. */
export function matches(text: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let k = 0; k < word.length; k++) if (text[at + k] !== word[k]) return false;
  return true;
}

/** Whether the key of `length` bytes at `key` is `word`. */
export function isKey(text: Uint8Array, key: number, length: number, word: Uint8Array): boolean {
  return length === word.length && matches(text, key, word);
}

/** Whether the `length` bytes at `a` are those at `b`. */
export function sameBytes(text: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text[a + k] !== text[b + k]) return false;
  return true;
}

/** Open containers of the value being skipped: 1 an object, 0 an array; grown as needed. */
let open = new Uint8Array(256);

/** Where the JSON value at `start` (whitespace before it allowed) ends, or −1 where it breaks the grammar. */
export function skipValue(text: Uint8Array, start: number): number {
  let depth = 0;
  let i = skipSpace(text, start);
  for (;;) {
    // A value starts at i.
    const c = text[i];
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const object = c === OPEN_OBJECT;
      i = skipSpace(text, i + 1);
      if (text[i] === (object ? CLOSE_OBJECT : CLOSE_ARRAY)) i++;
      else {
        if (depth === open.length) {
          const grown = new Uint8Array(open.length * 2);
          grown.set(open);
          open = grown;
        }
        open[depth++] = object ? 1 : 0;
        if (object) {
          i = memberStart(text, i);
          if (i < 0) return -1;
        }
        continue;
      }
    } else if (c === QUOTE) i = skipString(text, i);
    else if (c === MINUS || (c >= ZERO && c <= NINE)) i = skipNumber(text, i);
    else if (c === 116 /* t */) i = matches(text, i, TRUE) ? i + 4 : -1;
    else if (c === 102 /* f */) i = matches(text, i, FALSE) ? i + 5 : -1;
    else if (c === 110 /* n */) i = matches(text, i, NULL) ? i + 4 : -1;
    else return -1;
    if (i < 0) return -1;
    // A value ended at i: close containers until one goes on with a comma.
    for (;;) {
      if (depth === 0) return i;
      i = skipSpace(text, i);
      const d = text[i];
      const object = open[depth - 1] === 1;
      if (d === COMMA) {
        i = skipSpace(text, i + 1);
        if (object) {
          i = memberStart(text, i);
          if (i < 0) return -1;
        }
        break;
      }
      if (d !== (object ? CLOSE_OBJECT : CLOSE_ARRAY)) return -1;
      depth--;
      i++;
    }
  }
}

/** `"key" :` at i (whitespace after it allowed): where the member's value starts, or −1. */
function memberStart(text: Uint8Array, i: number): number {
  if (text[i] !== QUOTE) return -1;
  const j = skipString(text, i);
  if (j < 0) return -1;
  const k = skipSpace(text, j);
  if (text[k] !== COLON) return -1;
  return skipSpace(text, k + 1);
}

/** The string at i (its opening quote): where it ends, or −1 (a control character, a bad escape, no end). */
export function skipString(text: Uint8Array, start: number): number {
  let i = start + 1;
  for (;;) {
    const c = text[i++];
    if (c === QUOTE) return i;
    if (c === BACKSLASH) {
      const e = text[i++];
      if (e === 117 /* u */) {
        for (let k = 0; k < 4; k++) if (!isHex(text[i++])) return -1;
      } else if (!isEscape(e)) return -1;
    } else if (!(c >= 0x20)) return -1; // a control character, or NaN past the end
  }
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`. */
function isEscape(c: number): boolean {
  return (
    c === QUOTE || c === BACKSLASH || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116
  );
}

/** The number at i: where it ends, or −1 where JSON's number grammar is broken. */
export function skipNumber(text: Uint8Array, start: number): number {
  let i = start;
  if (text[i] === MINUS) i++;
  const first = text[i];
  if (first === ZERO) i++;
  else if (first > ZERO && first <= NINE) i = skipDigits(text, i + 1);
  else return -1;
  if (text[i] === DOT) {
    const j = skipDigits(text, i + 1);
    if (j === i + 1) return -1;
    i = j;
  }
  const e = text[i];
  if (e === 101 || e === 69) {
    i++;
    const sign = text[i];
    if (sign === 43 || sign === MINUS) i++;
    const j = skipDigits(text, i);
    if (j === i) return -1;
    i = j;
  }
  return i;
}

function skipDigits(text: Uint8Array, start: number): number {
  let i = start;
  for (let c = text[i]; c >= ZERO && c <= NINE; c = text[++i]);
  return i;
}

export function skipSpace(text: Uint8Array, start: number): number {
  let i = start;
  for (let c = text[i]; c === 32 || c === 10 || c === 13 || c === 9; c = text[++i]);
  return i;
}
