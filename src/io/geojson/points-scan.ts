/**
 * A fast path for a FeatureCollection of Point features: one pass over the text that reads each
 * feature's x, y and `properties.households` straight into columns, and checks everything else with
 * the validating skipper, so no object is built per feature. A feature it does not fully understand
 * (another geometry, a duplicate key, an escaped key, households neither a number, null nor a string
 * of digits) is parsed with JSON.parse and kept for the exact path; a syntax error anywhere, or a
 * document that is no FeatureCollection, gives up the whole scan (undefined), and the caller parses
 * the text with JSON.parse, whose errors the user sees.
 */

import { giveUp } from './json-cursor.js';
import { readNumber } from './json-number.js';
import { ascii, matches, NULL, skipSpace, skipValue } from './json-skip.js';

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

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const BACKSLASH = 92;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
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

/** The parsed JSON of text[start, end), or a give-up where JSON.parse refuses it. */
export function parseSlice(text: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(text.toString('utf8', start, end));
  } catch {
    throw giveUp;
  }
}

class PointScanner {
  private count = 0;
  private x: Float64Array;
  private y: Float64Array;
  private households: Float64Array;
  private start: Uint32Array;
  private readonly parsed = new Map<number, unknown>();

  constructor(private readonly text: Buffer) {
    // About 110 bytes a feature as GDAL writes them; grown when there are more.
    const capacity = Math.ceil(text.length / 100) + 16;
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.households = new Float64Array(capacity);
    this.start = new Uint32Array(capacity);
  }

  collection(begin: number): ScannedPoints {
    const { text } = this;
    let type: unknown;
    let crs: unknown;
    let features = false;
    let i = skipSpace(text, begin);
    i = this.members(i, (key, at) => {
      if (key === 'features' && !features) {
        features = true;
        return this.features(at);
      }
      const end = skipValue(text, at);
      if (end < 0) throw giveUp;
      if (key === 'type' && type === undefined) type = parseSlice(text, at, end);
      else if (key === 'crs' && crs === undefined) crs = parseSlice(text, at, end);
      else if (key === 'type' || key === 'crs' || key === 'features') throw giveUp; // JSON.parse keeps the last
      return end;
    });
    if (skipSpace(text, i) !== text.length || type !== 'FeatureCollection' || !features) throw giveUp;
    const { count, x, y, households, start, parsed } = this;
    return { count, x, y, households, start, parsed, crs };
  }

  /** The top-level `{ "key": value, … }`: `member(key, at)` reads the value at `at` and returns its end. */
  private members(at: number, member: (key: string, at: number) => number): number {
    const { text } = this;
    if (text[at] !== OPEN_OBJECT) throw giveUp;
    let i = skipSpace(text, at + 1);
    if (text[i] === CLOSE_OBJECT) return i + 1;
    for (;;) {
      const keyEnd = plainKeyEnd(text, i);
      if (keyEnd < 0) throw giveUp;
      const colon = skipSpace(text, keyEnd);
      if (text[colon] !== COLON) throw giveUp;
      i = skipSpace(text, member(text.toString('utf8', i + 1, keyEnd - 1), skipSpace(text, colon + 1)));
      const c = text[i];
      if (c === CLOSE_OBJECT) return i + 1;
      if (c !== COMMA) throw giveUp;
      i = skipSpace(text, i + 1);
    }
  }

  private features(at: number): number {
    const { text } = this;
    if (text[at] !== OPEN_ARRAY) throw giveUp;
    let i = skipSpace(text, at + 1);
    if (text[i] === CLOSE_ARRAY) return i + 1;
    for (;;) {
      const f = this.next(i);
      const end = this.feature(i, f);
      i = skipSpace(text, end < 0 ? this.slow(i, f) : end);
      const c = text[i];
      if (c === CLOSE_ARRAY) return i + 1;
      if (c !== COMMA) throw giveUp;
      i = skipSpace(text, i + 1);
    }
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
      if (length === 4 && matches(text, i + 1, TYPE)) {
        if (seen & 1 || !matches(text, value, FEATURE)) return SLOW;
        seen |= 1;
        end = value + 9;
      } else if (length === 10 && matches(text, i + 1, PROPERTIES)) {
        if (seen & 2) return SLOW;
        seen |= 2;
        end = this.properties(value, f);
      } else if (length === 8 && matches(text, i + 1, GEOMETRY)) {
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
    if (c !== QUOTE) return readNumber(text, at, this.households, f);
    let j = at + 1;
    let value = 0;
    for (let d = text[j]; d >= 48 && d <= 57; d = text[++j]) value = value * 10 + d - 48;
    if (j === at + 1 || j > at + 16 || text[j] !== QUOTE) return SLOW;
    this.households[f] = value;
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
      if (length === 4 && matches(text, i + 1, TYPE)) {
        if (seen & 1 || !matches(text, value, POINT)) return SLOW;
        seen |= 1;
        end = value + 7;
      } else if (length === 11 && matches(text, i + 1, COORDINATES)) {
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

  /** `[x, y]`, two numbers exactly: its end, or SLOW. */
  private position(at: number, f: number): number {
    const { text } = this;
    if (text[at] !== OPEN_ARRAY) return SLOW;
    let i = readNumber(text, skipSpace(text, at + 1), this.x, f);
    if (i < 0) return SLOW;
    i = skipSpace(text, i);
    if (text[i] !== COMMA) return SLOW;
    i = readNumber(text, skipSpace(text, i + 1), this.y, f);
    if (i < 0) return SLOW;
    i = skipSpace(text, i);
    return text[i] === CLOSE_ARRAY ? i + 1 : SLOW;
  }
}

/** The end (past the closing quote) of the key at `at`, or −1 for no key, an escape or a control character. */
function plainKeyEnd(text: Uint8Array, at: number): number {
  if (text[at] !== QUOTE) return -1;
  let i = at + 1;
  for (let c = text[i]; c !== QUOTE; c = text[++i]) {
    if (c === BACKSLASH || !(c >= 0x20)) return -1;
  }
  return i + 1;
}
