/**
 * A fast path for the common GeoJSON FeatureCollection: one pass over the UTF-8 bytes that reads
 * polygon coordinates straight into flat Float64Arrays (`JSON.parse` would build an array per
 * position), checks the members no reader needs without building them, and, when `keys` is given,
 * parses only those properties.
 *
 * A feature it does not fully understand (a duplicate or escaped key, a position that is no pair of
 * numbers) is parsed whole with JSON.parse; a syntax error anywhere, or a document that is no
 * FeatureCollection, gives up the whole scan (undefined), and the caller parses the text with
 * `JSON.parse`, whose errors the user sees.
 */

import { scanCollection, scanElements } from './collection-scan.js';
import { FeatureLayout } from './feature-layout.js';
import { CLOSE_OBJECT, COLON, COMMA, giveUp, OPEN_OBJECT, parseSlice, plainKeyEnd } from './json-cursor.js';
import { ascii, isKey, matches, skipSpace, skipValue } from './json-skip.js';
import { arrayDepth, RingReader } from './ring-read.js';
import { type ScannedFeature, ScannedGeometry } from './scanned-geometry.js';
import { WantedKey } from './wanted-key.js';

export interface ScannedCollection {
  crs: unknown;
  /** ScannedFeatures, or what JSON.parse gives for a feature the scanner left to it. */
  features: unknown[];
}

const TYPE = ascii('type');
const ID = ascii('id');
const PROPERTIES = ascii('properties');
const GEOMETRY = ascii('geometry');
const COORDINATES = ascii('coordinates');
const FEATURE = ascii('"Feature"');
const POLYGON = ascii('"Polygon"');
const MULTI_POLYGON = ascii('"MultiPolygon"');

/** Scans the UTF-8 bytes from `begin` (past a byte order mark); `keys`: the only properties wanted. */
export function scanFeatureCollection(
  text: Buffer,
  begin = 0,
  keys?: readonly string[],
): ScannedCollection | undefined {
  try {
    return new Scanner(text, keys).collection(begin);
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
}

class Scanner {
  private readonly rings = new RingReader();
  /** The reused list a geometry's shape is read into; where the last coordinates read start in the ring reader's block, and their shape. */
  private readonly shapeList: number[] = [];
  private coordinatesFirst = 0;
  private shapeRead: number[] = [];
  /** The layout of the last polygon feature scanned in full, where its parts were, and whether its properties are plain values. */
  private readonly layout = new FeatureLayout();
  private readonly parts = {
    start: 0,
    end: 0,
    geometryStart: 0,
    geometryEnd: 0,
    coordinatesStart: -1,
    coordinatesEnd: 0,
  };
  private plain = false;
  private readonly features: unknown[] = [];
  private readonly keys: WantedKey[] | undefined;

  constructor(
    private readonly text: Buffer,
    keys: readonly string[] | undefined,
  ) {
    this.keys = keys?.map((name) => new WantedKey(name));
  }

  collection(begin: number): ScannedCollection {
    const { crs } = scanCollection(this.text, begin, (at) =>
      scanElements(this.text, at, (i) => this.feature(i)),
    );
    return { crs, features: this.features };
  }

  /** The feature at `at`, read in the last feature's layout, scanned, or else parsed whole; returns its end. */
  private feature(at: number): number {
    const fast = this.laidOut(this.layout, at);
    if (fast >= 0) return fast;
    try {
      return this.scannedFeature(at);
    } catch (error) {
      if (error !== giveUp) throw error;
      const end = skipValue(this.text, at);
      if (end < 0) throw giveUp;
      this.features.push(parseSlice(this.text, at, end));
      return end;
    }
  }

  /** The feature at `at` if it is in `layout`: its end, or −1 (nothing kept). */
  private laidOut(layout: FeatureLayout, at: number): number {
    const { text } = this;
    const start = layout.coordinatesAt(text, at);
    if (start < 0) return -1;
    let end: number;
    try {
      end = this.coordinates(start, layout.type === 'Polygon' ? 3 : 4);
    } catch (error) {
      if (error === giveUp) return -1;
      throw error;
    }
    const featureEnd = layout.endAfter(text, end);
    if (featureEnd < 0) return -1;
    this.features.push(
      layout.feature(text, at, end, this.rings.block, this.coordinatesFirst, this.shapeRead),
    );
    return featureEnd;
  }

  private scannedFeature(at: number): number {
    this.parts.coordinatesStart = -1;
    this.plain = false;
    const feature: ScannedFeature = {
      type: undefined,
      id: undefined,
      properties: undefined,
      geometry: undefined,
    };
    let seen = 0;
    const end = this.members(at, (key, length, value) => {
      const { text } = this;
      const bit = isKey(text, key, length, TYPE)
        ? 1
        : isKey(text, key, length, ID)
          ? 2
          : isKey(text, key, length, PROPERTIES)
            ? 4
            : isKey(text, key, length, GEOMETRY)
              ? 8
              : 0;
      if (seen & bit) throw giveUp; // JSON.parse keeps the last of duplicate keys: leave it to JSON.parse
      seen |= bit;
      if (bit === 1 && matches(this.text, value, FEATURE)) {
        feature.type = 'Feature';
        return value + FEATURE.length;
      }
      if (bit === 4) return this.properties(value, feature);
      if (bit === 8) return this.geometry(value, feature);
      const valueEnd = this.skip(value);
      if (bit === 1) feature.type = parseSlice(this.text, value, valueEnd);
      else if (bit === 2) feature.id = parseSlice(this.text, value, valueEnd);
      return valueEnd;
    });
    this.features.push(feature);
    const { parts } = this;
    // A polygon feature of plain values sets the layout the next ones are tried in.
    if (
      parts.coordinatesStart >= 0 &&
      this.plain &&
      feature.type === 'Feature' &&
      typeof feature.id !== 'object'
    ) {
      parts.start = at;
      parts.end = end;
      const { type } = feature.geometry as ScannedGeometry;
      this.layout.set(parts, type, feature.id, feature.properties as Record<string, unknown>);
    }
    return end;
  }

  /** `properties`: the wanted keys only, when there are such; else (or for a duplicate) all. */
  private properties(at: number, feature: ScannedFeature): number {
    const { keys, text } = this;
    if (keys === undefined || text[at] !== OPEN_OBJECT) {
      const end = this.skip(at);
      feature.properties = parseSlice(text, at, end);
      return end;
    }
    const properties: Record<string, unknown> = {};
    let duplicate = false;
    const end = this.members(at, (key, length, value) => {
      const valueEnd = this.skip(value);
      const wanted = keys.find((k) => isKey(text, key, length, k.bytes));
      if (wanted && Object.hasOwn(properties, wanted.name)) duplicate = true;
      else if (wanted) properties[wanted.name] = wanted.value(text, value, valueEnd);
      return valueEnd;
    });
    feature.properties = duplicate ? parseSlice(text, at, end) : properties;
    this.plain = !duplicate && Object.values(properties).every((v) => typeof v !== 'object' || v === null);
    return end;
  }

  private geometry(at: number, feature: ScannedFeature): number {
    const { text } = this;
    if (text[at] !== OPEN_OBJECT) {
      const end = this.skip(at);
      feature.geometry = parseSlice(text, at, end);
      return end;
    }
    let type: 'Polygon' | 'MultiPolygon' | undefined;
    let scanned = false;
    let depth = 0;
    let seen = 0;
    let coordinatesStart = -1;
    let coordinatesEnd = -1;
    const end = this.members(at, (key, length, value) => {
      const bit = isKey(text, key, length, TYPE) ? 1 : isKey(text, key, length, COORDINATES) ? 2 : 0;
      if (seen & bit) throw giveUp;
      seen |= bit;
      if (bit === 1 && matches(text, value, POLYGON)) {
        type = 'Polygon';
        return value + POLYGON.length;
      }
      if (bit === 1 && matches(text, value, MULTI_POLYGON)) {
        type = 'MultiPolygon';
        return value + MULTI_POLYGON.length;
      }
      if (bit === 2) {
        depth = arrayDepth(text, value);
        if (depth === 3 || depth === 4) {
          coordinatesStart = value;
          coordinatesEnd = this.coordinates(value, depth);
          scanned = true;
          return coordinatesEnd;
        }
      }
      return this.skip(value);
    });
    if (scanned && ((type === 'Polygon' && depth === 3) || (type === 'MultiPolygon' && depth === 4))) {
      const { block } = this.rings;
      feature.geometry = new ScannedGeometry(
        type,
        block,
        this.coordinatesFirst,
        this.shapeRead,
        text,
        at,
        end,
      );
      Object.assign(this.parts, { geometryStart: at, geometryEnd: end, coordinatesStart, coordinatesEnd });
    } else feature.geometry = parseSlice(text, at, end);
    return end;
  }

  /** Polygon (depth 3) or MultiPolygon (4) coordinates at `at`, into the ring reader's block (from `coordinatesFirst`) and `shapeRead`; returns their end. */
  private coordinates(at: number, depth: 3 | 4): number {
    const shape = this.shapeList;
    shape.length = 0;
    this.rings.begin();
    const end =
      depth === 3 ? this.polygon(at, shape) : scanElements(this.text, at, (i) => this.polygon(i, shape));
    this.coordinatesFirst = this.rings.first;
    // A copy of the exact length: the input's geometries live until it is read.
    this.shapeRead = shape.slice();
    return end;
  }

  /** A polygon's rings: their number, then each one's number of coordinates, added to `shape`; returns its end. */
  private polygon(at: number, shape: number[]): number {
    const count = shape.length;
    shape.push(0);
    return scanElements(this.text, at, (i) => {
      shape[count]++;
      return this.rings.read(this.text, i, shape);
    });
  }

  /**
   * `{ "key": value, … }` at `at` (keys without escapes): `member(key, length, value)` reads the
   * value and returns its end, with where the key's characters start and how many bytes they take.
   * Returns the object's end.
   */
  private members(at: number, member: (key: number, length: number, value: number) => number): number {
    const { text } = this;
    if (text[at] !== OPEN_OBJECT) throw giveUp;
    let i = skipSpace(text, at + 1);
    if (text[i] === CLOSE_OBJECT) return i + 1;
    for (;;) {
      const keyEnd = plainKeyEnd(text, i);
      if (keyEnd < 0) throw giveUp;
      const colon = skipSpace(text, keyEnd);
      if (text[colon] !== COLON) throw giveUp;
      i = skipSpace(text, member(i + 1, keyEnd - i - 2, skipSpace(text, colon + 1)));
      const c = text[i];
      if (c === CLOSE_OBJECT) return i + 1;
      if (c !== COMMA) throw giveUp;
      i = skipSpace(text, i + 1);
    }
  }

  /** The end of the valid JSON value at `at`. */
  private skip(at: number): number {
    const end = skipValue(this.text, at);
    if (end < 0) throw giveUp;
    return end;
  }
}
