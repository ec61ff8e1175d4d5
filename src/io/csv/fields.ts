/**
 * Byte-level helpers for delimited text: fields are byte ranges of one Buffer, numbers are parsed
 * without making strings (see csv/households-read.ts for the same idea on the lon,lat format).
 */

const QUOTE = 34;
const SPACE = 32;
const TAB = 9;
const CR = 13;

/**
 * Splits bytes[start, end) at `separator` into field ranges (quotes and blanks around each field
 * trimmed; a quoted field may contain the separator). Returns the number of fields.
 */
export function splitFields(
  bytes: Uint8Array,
  start: number,
  end: number,
  separator: number,
  starts: Int32Array,
  ends: Int32Array,
): number {
  if (end > start && bytes[end - 1] === CR) end--;
  let n = 0;
  let k = start;
  while (k <= end && n < starts.length) {
    let s = k;
    let e: number;
    while (s < end && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
    if (s < end && bytes[s] === QUOTE) {
      s++;
      e = s;
      while (e < end && bytes[e] !== QUOTE) e++;
      k = e + 1;
      while (k < end && bytes[k] !== separator) k++;
    } else {
      e = s;
      while (e < end && bytes[e] !== separator) e++;
      k = e;
      while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
    }
    starts[n] = s;
    ends[n] = e;
    n++;
    k++;
  }
  return n;
}

/**
 * A plain decimal number (`-12`, `3.5`, with `decimalComma` also `3,5`), else NaN. At most 15
 * significant digits, so the value is exactly what Number would give.
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number, decimalComma: boolean): number {
  let k = start;
  let negative = false;
  if (k < end && (bytes[k] === 45 || bytes[k] === 43)) {
    negative = bytes[k] === 45;
    k++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; k < end; k++) {
    const c = bytes[k];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) scale++;
    } else if (!dot && (c === 46 || (decimalComma && c === 44))) {
      dot = true;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const value = mantissa / POW10[scale];
  return negative ? -value : value;
}

/**
 * Whether a field is a statistical office's "no value" mark: empty, `-`, `–` or `—` (in UTF-8 or
 * Windows-1252), `.` (unknown or secret), `/` (not reliable enough) or `x` (suppressed).
 */
export function isNoValue(bytes: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  if (n === 0) return true;
  if (n === 1) {
    const c = bytes[start];
    return c === 45 || c === 46 || c === 47 || c === 120 || c === 88 || c === 0x96 || c === 0x97;
  }
  return (
    n === 3 &&
    bytes[start] === 0xe2 &&
    bytes[start + 1] === 0x80 &&
    (bytes[start + 2] === 0x93 || bytes[start + 2] === 0x94)
  );
}

/** Calls `row(start, end, line)` for each line of bytes (1-based line numbers, `\n` or `\r\n`). */
export function forEachLine(
  bytes: Uint8Array,
  row: (start: number, end: number, line: number) => void,
): void {
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    row(start, end, ++line);
    start = end + 1;
  }
}

/** Whether bytes start..end hold only spaces, tabs and a carriage return: a blank line, not a row. */
export function isBlankLine(bytes: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (bytes[k] !== 32 && bytes[k] !== 9 && bytes[k] !== 13) return false;
  return true;
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A header line's column names and separator, quote-aware as the rows are read (RFC 4180: `""` in
 * quotes is a quote): `"Name, Vorname",lon,lat` has three columns. `;` when the line has no comma
 * outside quotes but a semicolon, as German spreadsheets export.
 */
export function headerFields(text: string): { names: string[]; separator: ',' | ';' } {
  const line = text.replace(/^\ufeff/, '');
  const outside = (mark: string) => {
    let quoted = false;
    for (const c of line) {
      if (c === '"') quoted = !quoted;
      else if (c === mark && !quoted) return true;
    }
    return false;
  };
  const separator = !outside(',') && outside(';') ? ';' : ',';
  return { names: lineFields(line, separator), separator };
}

/** One text line's fields, quotes removed (`""` inside quotes is a quote), blanks around them trimmed. */
export function lineFields(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') {
        field += '"';
        k++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}
