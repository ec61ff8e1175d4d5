import { readNumber } from './json-number.js';
import { matches } from './json-skip.js';

/** Which column a number of a feature goes to. */
export const HOUSEHOLDS_COLUMN = 0;
export const X_COLUMN = 1;
export const Y_COLUMN = 2;

/** Where a number was written in a feature: its column, and its bytes [start, end). */
export interface NumberSpan {
  column: number;
  start: number;
  end: number;
}

/**
 * A Point feature as the file writes them, its numbers cut out: files written by a program repeat
 * one layout, so the next feature is read by comparing bytes and reading numbers, nothing else.
 * Sound because a feature that matches is, byte for byte, a feature the full scan accepted with
 * other numbers in the same places (a number ends where the next literal, never a digit, begins).
 */
export class PointTemplate {
  /** The literal bytes before each number, and after the last. */
  private readonly literals: Uint8Array[];
  private readonly columns: number[];

  /** The template of the feature at text[start, end) whose numbers were written at `spans`. */
  constructor(text: Uint8Array, start: number, end: number, spans: readonly NumberSpan[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.columns = sorted.map((s) => s.column);
    const cuts = [start, ...sorted.flatMap((s) => [s.start, s.end]), end];
    this.literals = [];
    for (let k = 0; k < cuts.length; k += 2) this.literals.push(text.slice(cuts[k], cuts[k + 1]));
  }

  /** Reads feature f at `at` into the columns if it has the template's layout: its end, or −1. */
  read(
    text: Uint8Array,
    at: number,
    f: number,
    households: Float64Array,
    x: Float64Array,
    y: Float64Array,
  ): number {
    const { literals, columns } = this;
    let i = at;
    for (let k = 0; k < columns.length; k++) {
      const literal = literals[k];
      if (!matches(text, i, literal)) return -1;
      const column = columns[k];
      i = readNumber(
        text,
        i + literal.length,
        column === X_COLUMN ? x : column === Y_COLUMN ? y : households,
        f,
      );
      if (i < 0) return -1;
    }
    const last = literals[columns.length];
    return matches(text, i, last) ? i + last.length : -1;
  }
}
