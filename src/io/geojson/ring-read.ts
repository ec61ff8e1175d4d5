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
  /** The block the rings are read into, where the geometry being read starts in it, and where its rings so far end. */
  private pool: Float64Array = new Float64Array(0);
  private start = 0;
  private used = 0;

  /** Starts a geometry: its rings are kept together, in one block. */
  begin(): void {
    this.start = this.used;
  }

  /** The block the geometry's rings are in, one after another… */
  get block(): Float64Array {
    return this.pool;
  }

  /** …from here on. */
  get first(): number {
    return this.start;
  }

  /**
   * A ring at `at`: [[x, y], …] of numbers (further numbers in a position are read past, as GeoJSON
   * allows), its number of coordinates added to `shape`; returns its end. The hot path of the whole
   * read: one loop, numbers read straight into the pool. Gives up (throws giveUp) on anything else.
   */
  read(text: Uint8Array, at: number, shape: number[]): number {
    if (text[at] !== OPEN_ARRAY) throw giveUp;
    let i = skipSpace(text, at + 1);
    if (text[i] === CLOSE_ARRAY) {
      shape.push(0);
      return i + 1;
    }
    let { pool } = this;
    let n = this.used;
    for (;;) {
      if (n + 3 > pool.length) {
        // A new pool, the geometry read so far moved to its start.
        const length = n - this.start;
        this.used -= this.start;
        pool = this.grow(length);
        n = length;
      }
      if (text[i] !== OPEN_ARRAY) throw giveUp;
      i = number(text, skipSpace(text, i + 1), pool, n);
      if (text[i] !== COMMA) throw giveUp;
      i = number(text, skipSpace(text, i + 1), pool, n + 1);
      // Read past: the slot is overwritten by the next position.
      while (text[i] === COMMA) i = number(text, skipSpace(text, i + 1), pool, n + 2);
      if (text[i] !== CLOSE_ARRAY) throw giveUp;
      n += 2;
      i = skipSpace(text, i + 1);
      const c = text[i];
      if (c === CLOSE_ARRAY) break;
      if (c !== COMMA) throw giveUp;
      i = skipSpace(text, i + 1);
    }
    shape.push(n - this.used);
    this.used = n;
    return i + 1;
  }

  /** A new pool, with the `length` coordinates of the geometry read so far copied to its start. */
  private grow(length: number): Float64Array {
    const pool = new Float64Array(Math.max(POOL, 2 * (length + 3)));
    pool.set(this.pool.subarray(this.start, this.start + length));
    this.pool = pool;
    this.start = 0;
    return pool;
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
