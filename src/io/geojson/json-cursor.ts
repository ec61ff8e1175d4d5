/** Thrown inside the scanner when it gives up; never escapes it. */
class GiveUp {}
export const giveUp = new GiveUp();

const QUOTE = 34;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
const COLON = 58;
export const OPEN_ARRAY = 91;
const BACKSLASH = 92;
export const CLOSE_ARRAY = 93;
export const LOWER_E = 101;
export const UPPER_E = 69;
export const PLUS = 43;
export const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** The JSON grammar the scanner needs, on a cursor `i` into `text`; anything unexpected throws `giveUp`. */
export class JsonCursor {
  protected i = 0;

  constructor(protected readonly text: string) {}

  /** `{ "key": value, … }`: calls `member(key)` with the cursor before each value. */
  protected members(seen: Set<string>, member: (key: string) => void): void {
    this.list(OPEN_OBJECT, CLOSE_OBJECT, () => {
      const key = this.key();
      // JSON.parse keeps the last of duplicate keys; rather than follow that, leave it to JSON.parse.
      if (seen.has(key)) throw giveUp;
      seen.add(key);
      this.expect(COLON);
      member(key);
    });
  }

  /** `[ element, … ]`: calls `element()` with the cursor before each. */
  protected elements(element: () => void): void {
    this.list(OPEN_ARRAY, CLOSE_ARRAY, element);
  }

  /** `open item, item, … close`, possibly empty. */
  protected list(open: number, close: number, item: () => void): void {
    this.expect(open);
    this.ws();
    if (this.code() === close) {
      this.i++;
      return;
    }
    for (;;) {
      item();
      this.ws();
      const c = this.code();
      this.i++;
      if (c === close) return;
      if (c !== COMMA) throw giveUp;
    }
  }

  /** A key without escapes (a key with one is left to JSON.parse). */
  protected key(): string {
    this.expect(QUOTE);
    const start = this.i;
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < 0x20 || Number.isNaN(c)) throw giveUp;
      this.i++;
    }
    this.i++;
    return this.text.slice(start, this.i - 1);
  }

  /** Any JSON value, parsed by JSON.parse from its text. */
  protected value(): unknown {
    this.ws();
    const start = this.i;
    this.i = this.valueEnd(start);
    try {
      return JSON.parse(this.text.slice(start, this.i));
    } catch {
      throw giveUp;
    }
  }

  /** Where the value starting at `start` ends, found by its brackets and strings alone. */
  protected valueEnd(start: number): number {
    const { text } = this;
    let depth = 0;
    let j = start;
    for (;;) {
      const c = text.charCodeAt(j);
      if (Number.isNaN(c)) throw giveUp;
      if (c === QUOTE) {
        j++;
        for (let d = text.charCodeAt(j); d !== QUOTE; d = text.charCodeAt(++j)) {
          if (Number.isNaN(d)) throw giveUp;
          if (d === BACKSLASH) j++;
        }
        j++;
        if (depth === 0) return j;
      } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        depth++;
        j++;
      } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        if (depth === 0) return j;
        depth--;
        j++;
        if (depth === 0) return j;
      } else if (depth === 0 && c === COMMA) return j;
      else j++;
    }
  }

  protected expect(code: number): void {
    this.ws();
    if (this.text.charCodeAt(this.i) !== code) throw giveUp;
    this.i++;
  }

  protected code(): number {
    return this.text.charCodeAt(this.i);
  }

  protected ws(): void {
    while (isSpace(this.text.charCodeAt(this.i))) this.i++;
  }
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function skipSpace(text: string, i: number): number {
  let j = i;
  while (isSpace(text.charCodeAt(j))) j++;
  return j;
}
