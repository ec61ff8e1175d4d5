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
} from './json-cursor.js';
import { skipSpace, skipValue } from './json-skip.js';

/**
 * The top level of a FeatureCollection at `begin`: `type` must be "FeatureCollection", `crs` is
 * parsed, other members are checked, and `features(at)` reads the features array at `at` and
 * returns its end. Gives up (throws giveUp) on anything else: a duplicate or escaped key, text
 * after the document, a syntax error.
 */
export function scanCollection(
  text: Buffer,
  begin: number,
  features: (at: number) => number,
): { crs: unknown } {
  let type: unknown;
  let crs: unknown;
  let read = false;
  let i = skipSpace(text, begin);
  if (text[i] !== OPEN_OBJECT) throw giveUp;
  i = skipSpace(text, i + 1);
  if (text[i] !== CLOSE_OBJECT) {
    for (;;) {
      const keyEnd = plainKeyEnd(text, i);
      if (keyEnd < 0) throw giveUp;
      const colon = skipSpace(text, keyEnd);
      if (text[colon] !== COLON) throw giveUp;
      const key = text.toString('utf8', i + 1, keyEnd - 1);
      const at = skipSpace(text, colon + 1);
      let end: number;
      if (key === 'features') {
        if (read) throw giveUp; // JSON.parse keeps the last of duplicate keys: leave it to JSON.parse
        read = true;
        end = features(at);
      } else {
        end = skipValue(text, at);
        if (end < 0) throw giveUp;
        if (key === 'type' || key === 'crs') {
          if ((key === 'type' ? type : crs) !== undefined) throw giveUp;
          if (key === 'type') type = parseSlice(text, at, end);
          else crs = parseSlice(text, at, end);
        }
      }
      i = skipSpace(text, end);
      if (text[i] === CLOSE_OBJECT) break;
      if (text[i] !== COMMA) throw giveUp;
      i = skipSpace(text, i + 1);
    }
  }
  if (skipSpace(text, i + 1) !== text.length || type !== 'FeatureCollection' || !read) throw giveUp;
  return { crs };
}

/** `[ element, … ]` at `at`: `element(at)` reads each and returns its end; returns the array's end. */
export function scanElements(text: Uint8Array, at: number, element: (at: number) => number): number {
  if (text[at] !== OPEN_ARRAY) throw giveUp;
  let i = skipSpace(text, at + 1);
  if (text[i] === CLOSE_ARRAY) return i + 1;
  for (;;) {
    i = skipSpace(text, element(i));
    const c = text[i];
    if (c === CLOSE_ARRAY) return i + 1;
    if (c !== COMMA) throw giveUp;
    i = skipSpace(text, i + 1);
  }
}
