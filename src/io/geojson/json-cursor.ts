/** What the GeoJSON scanners share: the give-up signal, keys, and slices handed to JSON.parse. */

/** Thrown inside a scanner when it gives up on the whole document; never escapes it. */
class GiveUp {}
export const giveUp = new GiveUp();

export const QUOTE = 34;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
export const COLON = 58;
export const OPEN_ARRAY = 91;
export const BACKSLASH = 92;
export const CLOSE_ARRAY = 93;
export const OPEN_OBJECT = 123;
export const CLOSE_OBJECT = 125;

/** The parsed JSON of the UTF-8 bytes [start, end), or a give-up where JSON.parse refuses it. */
export function parseSlice(text: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(text.toString('utf8', start, end));
  } catch {
    throw giveUp;
  }
}

/** The end (past the closing quote) of the key at `at`, or −1 for no key, an escape or a control character. */
export function plainKeyEnd(text: Uint8Array, at: number): number {
  if (text[at] !== QUOTE) return -1;
  let i = at + 1;
  for (let c = text[i]; c !== QUOTE; c = text[++i]) {
    if (c === BACKSLASH || !(c >= 0x20)) return -1;
  }
  return i + 1;
}
