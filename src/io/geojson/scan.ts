/**
 * A fast path for the common GeoJSON FeatureCollection: one pass over the text that reads polygon
 * coordinates straight into flat Float64Arrays. `JSON.parse` would build an array per position
 * (435 k on the NRW coverage) that the collector then has to trace and promote; this takes the
 * coverage read from ~140 ms of parsing plus its garbage to a single scan.
 *
 * It gives up (returns undefined) on anything it does not fully understand — a syntax error, a
 * duplicate key, a top-level Feature — and the caller parses the text with `JSON.parse` instead,
 * whose errors the user sees. Small values (type, id, properties, crs, unknown members) are cut out
 * and parsed with `JSON.parse`, so they are validated exactly as before.
 */

import { FlatPolygons } from '../flat-polygons.js';
import {
  CLOSE_ARRAY,
  COMMA,
  DOT,
  giveUp,
  isSpace,
  JsonCursor,
  LOWER_E,
  MINUS,
  NINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  PLUS,
  skipSpace,
  UPPER_E,
  ZERO,
} from './json-cursor.js';

/** Polygon or MultiPolygon coordinates as read: flat rings, unchecked, with the geometry's text. */
export class ScannedGeometry extends FlatPolygons {
  constructor(
    type: 'Polygon' | 'MultiPolygon',
    polygons: Float64Array[][],
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
  ) {
    super(type, polygons);
  }

  /** The geometry as `JSON.parse` gives it, for the checks that report or repair a problem. */
  parse(): unknown {
    return JSON.parse(this.text.slice(this.start, this.end));
  }
}

export interface ScannedFeature {
  index: number;
  type: unknown;
  id: unknown;
  properties: unknown;
  /** A ScannedGeometry, or the geometry as `JSON.parse` gives it (any other type, null, absent). */
  geometry: unknown;
}

export interface ScannedCollection {
  type: unknown;
  crs: unknown;
  features: ScannedFeature[];
}

/** Powers of ten that are exact doubles: a ≤ 15-digit mantissa divided by one is correctly rounded. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

export function scanFeatureCollection(text: string): ScannedCollection | undefined {
  try {
    return new Scanner(text).collection();
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
}

class Scanner extends JsonCursor {
  /** Coordinates of the ring being read; grown as needed and reused. */
  private ring = new Float64Array(1 << 12);

  collection(): ScannedCollection {
    let type: unknown;
    let crs: unknown;
    let features: ScannedFeature[] | undefined;
    const seen = new Set<string>();
    this.members(seen, (key) => {
      if (key === 'features') features = this.features();
      else if (key === 'type') type = this.value();
      else if (key === 'crs') crs = this.value();
      else this.value(); // read past, and checked: a syntax error there is the user's too
    });
    this.ws();
    if (this.i !== this.text.length || type !== 'FeatureCollection' || features === undefined) throw giveUp;
    return { type, crs, features };
  }

  private features(): ScannedFeature[] {
    const features: ScannedFeature[] = [];
    this.elements(() => {
      features.push(this.feature(features.length));
    });
    return features;
  }

  private feature(index: number): ScannedFeature {
    const feature: ScannedFeature = {
      index,
      type: undefined,
      id: undefined,
      properties: undefined,
      geometry: undefined,
    };
    this.members(new Set<string>(), (key) => {
      if (key === 'geometry') feature.geometry = this.geometry();
      else if (key === 'type') feature.type = this.value();
      else if (key === 'id') feature.id = this.value();
      else if (key === 'properties') feature.properties = this.value();
      else this.value(); // read past, and checked: a syntax error there is the user's too
    });
    return feature;
  }

  private geometry(): unknown {
    this.ws();
    const start = this.i;
    if (this.code() !== OPEN_OBJECT) return this.value();
    let type: unknown;
    let polygons: Float64Array[][] | undefined;
    let depth = 0;
    this.members(new Set<string>(), (key) => {
      if (key === 'type') type = this.value();
      else if (key === 'coordinates') {
        this.ws();
        depth = this.arrayDepth();
        if (depth === 3) polygons = [this.polygon()];
        else if (depth === 4) polygons = this.multiPolygon();
        else this.value(); // read past, and checked: a syntax error there is the user's too
      } else this.value(); // read past, and checked: a syntax error there is the user's too
    });
    const end = this.i;
    if (polygons && ((type === 'Polygon' && depth === 3) || (type === 'MultiPolygon' && depth === 4)))
      return new ScannedGeometry(type, polygons, this.text, start, end);
    return JSON.parse(this.text.slice(start, end));
  }

  /** How many arrays open at the cursor before the first non-array (whitespace between allowed). */
  private arrayDepth(): number {
    let j = this.i;
    let depth = 0;
    for (;;) {
      const c = this.text.charCodeAt(j);
      if (c === OPEN_ARRAY) depth++;
      else if (!isSpace(c)) return depth;
      j++;
    }
  }

  private multiPolygon(): Float64Array[][] {
    const polygons: Float64Array[][] = [];
    this.elements(() => {
      polygons.push(this.polygon());
    });
    return polygons;
  }

  private polygon(): Float64Array[] {
    const rings: Float64Array[] = [];
    this.elements(() => {
      rings.push(this.positions());
    });
    return rings;
  }

  /**
   * A ring: [[x, y], …] of numbers (further numbers in a position are read past, as GeoJSON allows).
   * The hot path of the whole read: one loop, the cursor in a local, nothing allocated but the ring.
   */
  private positions(): Float64Array {
    const { text } = this;
    let i = skipSpace(text, this.i);
    if (text.charCodeAt(i) !== OPEN_ARRAY) throw giveUp;
    i = skipSpace(text, i + 1);
    let n = 0;
    if (text.charCodeAt(i) === CLOSE_ARRAY) {
      this.i = i + 1;
      return new Float64Array(0);
    }
    for (;;) {
      if (n + 3 > this.ring.length) {
        const grown = new Float64Array(this.ring.length * 2);
        grown.set(this.ring);
        this.ring = grown;
      }
      i = skipSpace(text, i);
      if (text.charCodeAt(i) !== OPEN_ARRAY) throw giveUp;
      i = this.number(skipSpace(text, i + 1), n);
      i = skipSpace(text, i);
      if (text.charCodeAt(i) !== COMMA) throw giveUp;
      i = this.number(skipSpace(text, i + 1), n + 1);
      i = skipSpace(text, i);
      while (text.charCodeAt(i) === COMMA) {
        i = skipSpace(text, this.number(skipSpace(text, i + 1), n + 2)); // read past: the slot is reused
      }
      if (text.charCodeAt(i) !== CLOSE_ARRAY) throw giveUp;
      n += 2;
      i = skipSpace(text, i + 1);
      const c = text.charCodeAt(i++);
      if (c === CLOSE_ARRAY) break;
      if (c !== COMMA) throw giveUp;
    }
    this.i = i;
    return this.ring.slice(0, n);
  }

  /**
   * The JSON number at `start`, parsed as `JSON.parse` would (correctly rounded), into
   * `ring[slot]`: stored, not returned, so no double is boxed on the way. Returns where it ends.
   */
  private number(start: number, slot: number): number {
    const { text } = this;
    let j = start;
    const negative = text.charCodeAt(j) === MINUS;
    if (negative) j++;
    let mantissa = 0;
    let digits = 0;
    const intStart = j;
    for (let c = text.charCodeAt(j); c >= ZERO && c <= NINE; c = text.charCodeAt(++j)) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
    }
    // JSON: at least one integer digit, and no leading zero before another digit.
    if (j === intStart || (text.charCodeAt(intStart) === ZERO && j > intStart + 1)) throw giveUp;
    let decimals = 0;
    if (text.charCodeAt(j) === DOT) {
      j++;
      const fracStart = j;
      for (let c = text.charCodeAt(j); c >= ZERO && c <= NINE; c = text.charCodeAt(++j)) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
      }
      decimals = j - fracStart;
      if (decimals === 0) throw giveUp;
    }
    const e = text.charCodeAt(j);
    if (e === LOWER_E || e === UPPER_E) {
      j++;
      const sign = text.charCodeAt(j);
      if (sign === PLUS || sign === MINUS) j++;
      const expStart = j;
      for (let c = text.charCodeAt(j); c >= ZERO && c <= NINE; c = text.charCodeAt(++j));
      if (j === expStart) throw giveUp;
      this.ring[slot] = Number(text.slice(start, j));
      return j;
    }
    if (digits > 15) this.ring[slot] = Number(text.slice(start, j));
    else this.ring[slot] = negative ? -(mantissa / POW10[decimals]) : mantissa / POW10[decimals];
    return j;
  }
}
