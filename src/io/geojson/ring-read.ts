import { CLOSE_ARRAY, COMMA, giveUp, OPEN_ARRAY } from './json-cursor.js';
import { readNumber } from './json-number.js';
import { skipSpace } from './json-skip.js';

/** Doubles per pooled block of rings (4 MB). */
const POOL = 1 << 19;

/**
 * Reads GeoJSON rings into flat Float64Arrays: views of pooled blocks, so the collector, which
 * keeps every ring of an input alive until it is read, has no coordinates to move.
 */
export class RingReader {
  /** Coordinates of the ring being read; grown as needed and reused. */
  private ring = new Float64Array(1 << 12);
  /** The block the rings are kept in, and how much of it is taken. */
  private pool = new Float64Array(0);
  private used = 0;

  /**
   * A ring at `at`: [[x, y], …] of numbers (further numbers in a position are read past, as GeoJSON
   * allows), added to `rings`; returns its end. The hot path of the whole read: one loop, nothing
   * allocated but the ring. Gives up (throws giveUp) on anything else.
   */
  read(text: Uint8Array, at: number, rings: Float64Array[]): number {
    if (text[at] !== OPEN_ARRAY) throw giveUp;
    let i = skipSpace(text, at + 1);
    let n = 0;
    if (text[i] === CLOSE_ARRAY) {
      rings.push(new Float64Array(0));
      return i + 1;
    }
    for (;;) {
      if (n + 3 > this.ring.length) {
        const grown = new Float64Array(this.ring.length * 2);
        grown.set(this.ring);
        this.ring = grown;
      }
      if (text[i] !== OPEN_ARRAY) throw giveUp;
      i = number(text, skipSpace(text, i + 1), this.ring, n);
      if (text[i] !== COMMA) throw giveUp;
      i = number(text, skipSpace(text, i + 1), this.ring, n + 1);
      // Read past: the slot is reused.
      while (text[i] === COMMA) i = number(text, skipSpace(text, i + 1), this.ring, n + 2);
      if (text[i] !== CLOSE_ARRAY) throw giveUp;
      n += 2;
      i = skipSpace(text, i + 1);
      const c = text[i];
      if (c === CLOSE_ARRAY) break;
      if (c !== COMMA) throw giveUp;
      i = skipSpace(text, i + 1);
    }
    rings.push(this.keep(n));
    return i + 1;
  }

  /** The ring's n coordinates, copied into the pooled block. */
  private keep(n: number): Float64Array {
    if (this.used + n > this.pool.length) {
      this.pool = new Float64Array(Math.max(n, POOL));
      this.used = 0;
    }
    const { pool, ring, used } = this;
    for (let k = 0; k < n; k++) pool[used + k] = ring[k];
    this.used += n;
    return pool.subarray(used, used + n);
  }
}

/** The number at `at` into out[slot]; returns where the whitespace after it ends. */
function number(text: Uint8Array, at: number, out: Float64Array, slot: number): number {
  const end = readNumber(text, at, out, slot);
  if (end < 0) throw giveUp;
  return skipSpace(text, end);
}

/** How many arrays open at `at` before the first non-array (whitespace between allowed). */
export function arrayDepth(text: Uint8Array, at: number): number {
  let depth = 0;
  for (let j = skipSpace(text, at); text[j] === OPEN_ARRAY; j = skipSpace(text, j + 1)) depth++;
  return depth;
}
