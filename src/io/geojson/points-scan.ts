/**
 * A fast path for a FeatureCollection of Point features: one pass over the text that reads each
 * feature's x, y and `properties.households` straight into columns, and checks everything else with
 * the validating skipper, so no object is built per feature. A feature it does not fully understand
 * (another geometry, a duplicate key, an escaped key, households neither a number, null nor a string
 * of digits) is parsed with JSON.parse and kept for the exact path; a syntax error anywhere, or a
 * document that is no FeatureCollection, gives up the whole scan (undefined), and the caller parses
 * the text with JSON.parse, whose errors the user sees.
 */

import { scanCollection, scanElements } from './collection-scan.js';
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  giveUp,
  OPEN_ARRAY,
  OPEN_OBJECT,
  parseSlice,
  plainKeyEnd,
  QUOTE,
} from './json-cursor.js';
import { readNumber } from './json-number.js';
import { ascii, isKey, matches, NULL, skipSpace, skipValue } from './json-skip.js';
import { HOUSEHOLDS_COLUMN, type NumberSpan, PointTemplate, X_COLUMN, Y_COLUMN } from './point-template.js';

export interface ScannedPoints {
  /** Features in the collection. */
  count: number;
  /** Per feature: x, y and households as written (NaN: absent or null); x is NaN for a parsed feature. */
  x: Float64Array;
  y: Float64Array;
  households: Float64Array;
  /** Where each feature's text starts, to parse one whose values need the exact checks. */
  start: Uint32Array;
  /** The features the fast path did not take, as JSON.parse gives them, by index (in index order). */
  parsed: Map<number, unknown>;
  crs: unknown;
}

/** A feature the fast path leaves to JSON.parse. */
const SLOW = -1;
const TYPE = ascii('type');
const FEATURE = ascii('"Feature"');
const PROPERTIES = ascii('properties');
const GEOMETRY = ascii('geometry');
const HOUSEHOLDS = ascii('households');
const POINT = ascii('"Point"');
const COORDINATES = ascii('coordinates');

/** Scans the UTF-8 text in `text` from `begin` (past a byte order mark). */
export function scanPoints(text: Buffer, begin: number): ScannedPoints | undefined {
  try {
    return new PointScanner(text).collection(begin);
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
}

class PointScanner {
  private count = 0;
  private x: Float64Array;
  private y: Float64Array;
  private households: Float64Array;
  private start: Uint32Array;
  private readonly parsed = new Map<number, unknown>();
  /** The layout of the last feature read in full, and where that feature's numbers were. */
  private template: PointTemplate | undefined;
  private readonly spans: NumberSpan[] = [];
  /** Whether the feature read in full wrote its households as a string of digits. */
  private quoted = false;

  constructor(private readonly text: Buffer) {
    // About 110 bytes a feature as GDAL writes them; grown when there are more.
    const capacity = Math.ceil(text.length / 100) + 16;
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.households = new Float64Array(capacity);
    this.start = new Uint32Array(capacity);
  }

  collection(begin: number): ScannedPoints {
    const { crs } = scanCollection(this.text, begin, (at) =>
      scanElements(this.text, at, (i) => {
        const f = this.next(i);
        const { text, template } = this;
        const fast = template ? template.read(text, i, f, this.households, this.x, this.y) : -1;
        if (fast >= 0) return fast;
        this.households[f] = Number.NaN;
        this.spans.length = 0;
        this.quoted = false;
        const end = this.feature(i, f);
        // The layout the next features are tried against; not one whose households, a string, would be read as written.
        if (end >= 0 && !this.quoted) this.template = new PointTemplate(text, i, end, this.spans);
        return end < 0 ? this.slow(i, f) : end;
      }),
    );
    const { count, x, y, households, start, parsed } = this;
    return { count, x, y, households, start, parsed, crs };
  }

  /** Makes room for one more feature, starting at `at`; returns its index. */
  private next(at: number): number {
    const f = this.count++;
    if (f === this.x.length) {
      const grow = <T extends Float64Array | Uint32Array>(a: T): T => {
        const grown = new (a.constructor as new (n: number) => T)(a.length * 2);
        grown.set(a);
        return grown;
      };
      this.x = grow(this.x);
      this.y = grow(this.y);
      this.households = grow(this.households);
      this.start = grow(this.start);
    }
    this.start[f] = at;
    this.households[f] = Number.NaN;
    return f;
  }

  /** Feature f, parsed by JSON.parse; returns where it ends. */
  private slow(at: number, f: number): number {
    const end = skipValue(this.text, at);
    if (end < 0) throw giveUp;
    this.parsed.set(f, parseSlice(this.text, at, end));
    this.x[f] = Number.NaN;
    return end;
  }

  /** `{"type": "Feature", "properties": …, "geometry": {"type": "Point", …}}`: its end, or SLOW. */
  private feature(at: number, f: number): number {
    const { text } = this;
    if (text[at] !== OPEN_OBJECT) return SLOW;
    let i = skipSpace(text, at + 1);
    let seen = 0;
    for (;;) {
      const keyEnd = plainKeyEnd(text, i);
      if (keyEnd < 0) return SLOW;
      const length = keyEnd - i - 2;
      const colon = skipSpace(text, keyEnd);
      if (text[colon] !== COLON) return SLOW;
      const value = skipSpace(text, colon + 1);
      let end: number;
      if (isKey(text, i + 1, length, TYPE)) {
        if (seen & 1 || !matches(text, value, FEATURE)) return SLOW;
        seen |= 1;
        end = value + 9;
      } else if (isKey(text, i + 1, length, PROPERTIES)) {
        if (seen & 2) return SLOW;
        seen |= 2;
        end = this.properties(value, f);
      } else if (isKey(text, i + 1, length, GEOMETRY)) {
        if (seen & 4) return SLOW;
        seen |= 4;
        end = this.point(value, f);
      } else end = skipValue(text, value);
      if (end < 0) return SLOW;
      i = skipSpace(text, end);
      const c = text[i];
      if (c === CLOSE_OBJECT) return seen & 1 && seen & 4 ? i + 1 : SLOW;
      if (c !== COMMA) return SLOW;
      i = skipSpace(text, i + 1);
    }
  }

  /** `null`, or `{…}` with `households` a number, null or a string of digits: its end, or SLOW. */
  private properties(at: number, f: number): number {
    const { text } = this;
    if (matches(text, at, NULL)) return at + 4;
    if (text[at] !== OPEN_OBJECT) return SLOW;
    let i = skipSpace(text, at + 1);
    if (text[i] === CLOSE_OBJECT) return i + 1;
    let seen = false;
    for (;;) {
      const keyEnd = plainKeyEnd(text, i);
      if (keyEnd < 0) return SLOW;
      const colon = skipSpace(text, keyEnd);
      if (text[colon] !== COLON) return SLOW;
      const value = skipSpace(text, colon + 1);
      let end: number;
      if (keyEnd - i === 12 && matches(text, i + 1, HOUSEHOLDS)) {
        if (seen) return SLOW;
        seen = true;
        end = this.householdsAt(value, f);
      } else end = skipValue(text, value);
      if (end < 0) return SLOW;
      i = skipSpace(text, end);
      const c = text[i];
      if (c === CLOSE_OBJECT) return i + 1;
      if (c !== COMMA) return SLOW;
      i = skipSpace(text, i + 1);
    }
  }

  /** A number, null, or `"123"` (at most 15 digits, as checkWeight takes it): its end, or SLOW. */
  private householdsAt(at: number, f: number): number {
    const { text } = this;
    const c = text[at];
    if (c === 110 /* n */) return matches(text, at, NULL) ? at + 4 : SLOW;
    if (c !== QUOTE) return this.number(at, HOUSEHOLDS_COLUMN, this.households, f);
    let j = at + 1;
    let value = 0;
    for (let d = text[j]; d >= 48 && d <= 57; d = text[++j]) value = value * 10 + d - 48;
    if (j === at + 1 || j > at + 16 || text[j] !== QUOTE) return SLOW;
    this.households[f] = value;
    this.quoted = true;
    return j + 1;
  }

  /** `{"type": "Point", "coordinates": [x, y]}` (other members checked and passed): its end, or SLOW. */
  private point(at: number, f: number): number {
    const { text } = this;
    if (text[at] !== OPEN_OBJECT) return SLOW;
    let i = skipSpace(text, at + 1);
    let seen = 0;
    for (;;) {
      const keyEnd = plainKeyEnd(text, i);
      if (keyEnd < 0) return SLOW;
      const length = keyEnd - i - 2;
      const colon = skipSpace(text, keyEnd);
      if (text[colon] !== COLON) return SLOW;
      const value = skipSpace(text, colon + 1);
      let end: number;
      if (isKey(text, i + 1, length, TYPE)) {
        if (seen & 1 || !matches(text, value, POINT)) return SLOW;
        seen |= 1;
        end = value + 7;
      } else if (isKey(text, i + 1, length, COORDINATES)) {
        if (seen & 2) return SLOW;
        seen |= 2;
        end = this.position(value, f);
      } else end = skipValue(text, value);
      if (end < 0) return SLOW;
      i = skipSpace(text, end);
      const c = text[i];
      if (c === CLOSE_OBJECT) return seen === 3 ? i + 1 : SLOW;
      if (c !== COMMA) return SLOW;
      i = skipSpace(text, i + 1);
    }
  }

  /** The number at `at` into column[f], its place noted for a template: its end, or −1. */
  private number(at: number, name: number, column: Float64Array, f: number): number {
    const end = readNumber(this.text, at, column, f);
    if (end >= 0) this.spans.push({ column: name, start: at, end });
    return end;
  }

  /** `[x, y]`, two numbers exactly: its end, or SLOW. */
  private position(at: number, f: number): number {
    const { text } = this;
    if (text[at] !== OPEN_ARRAY) return SLOW;
    let i = this.number(skipSpace(text, at + 1), X_COLUMN, this.x, f);
    if (i < 0) return SLOW;
    i = skipSpace(text, i);
    if (text[i] !== COMMA) return SLOW;
    i = this.number(skipSpace(text, i + 1), Y_COLUMN, this.y, f);
    if (i < 0) return SLOW;
    i = skipSpace(text, i);
    return text[i] === CLOSE_ARRAY ? i + 1 : SLOW;
  }
}
