import { parseSlice } from './json-cursor.js';
import { ascii, sameBytes } from './json-skip.js';

/** A property the reader wants, and its last value: features of one layer repeat it, and are given the same one. */
export class WantedKey {
  readonly bytes: Uint8Array;
  private start = 0;
  private end = 0;
  private last: unknown;

  constructor(readonly name: string) {
    this.bytes = ascii(name);
  }

  /** The value written at [start, end), as JSON.parse gives it (a shared one only when it is no object). */
  value(text: Buffer, start: number, end: number): unknown {
    if (end - start === this.end - this.start && sameBytes(text, start, this.start, end - start))
      return this.last;
    const value = parseSlice(text, start, end);
    if (typeof value === 'object' && value !== null) return value;
    this.start = start;
    this.end = end;
    this.last = value;
    return value;
  }
}
