import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { MAX_WEIGHT } from '../model/households.js';
import { PointColumns } from '../model/point-columns.js';
import { isBlankLine, parseDecimal } from './csv-fields.js';
import { HouseholdTotal } from './household-total.js';
import type { HouseholdsRead } from './households-read.js';
import type { ReadOptions } from './read-options.js';
import { InvalidFeatures } from './skipped.js';
import { checkInputFile, type FileDigest, readInputBytes } from './source.js';

const CHUNK_BYTES = 8 << 20;
const NL = 10;
const CR = 13;
const COMMA = 44;
const SEMICOLON = 59;
const QUOTE = 34;
const DOT = 46;

/** What the header says: each column's role (0 lon, 1 lat, 2 households, −1 ignored), separator, decimal mark. */
interface CsvLayout {
  roles: number[];
  hasWeight: boolean;
  separator: number;
  /** `.`, or `,` in `;`-separated files (a German spreadsheet's export). */
  decimalMark: number;
}

/**
 * Household points from CSV `lon,lat[,households]` (columns in any order, more columns ignored),
 * parsed from bytes in fixed-size chunks: no line strings, no whole-file text, so a 20 M-row file
 * streams at tens of millions of numbers per second. Plain decimals are parsed by hand (exactly as
 * `Number` would: mantissa < 2^53 divided by an exact power of ten); anything else falls back to
 * `Number` on the field's text.
 */
export function readHouseholdsCsv(
  path: string,
  options: ReadOptions = {},
  chunkBytes = CHUNK_BYTES,
): HouseholdsRead {
  const invalid = new InvalidFeatures(options.invalid);
  const columns = new PointColumns();
  const total = new HouseholdTotal(path);
  let layout: CsvLayout | undefined;
  let line = 0;
  const values = [0, 0, 1];
  let carry: Buffer | undefined;
  let rows = 0; // data rows skipped as invalid (the kept ones are columns.count)

  const hash = createHash('sha256');
  let size = 0;
  const source = { digest: undefined as FileDigest | undefined };
  for (let chunk of chunks(path, chunkBytes, source)) {
    if (!source.digest) {
      hash.update(chunk);
      size += chunk.length;
    }
    if (carry) {
      chunk = Buffer.concat([carry, chunk]);
      carry = undefined;
    }
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(NL, start);
      if (end < 0) break;
      line++;
      if (layout === undefined) {
        layout = parseHeader(chunk.toString('utf8', start, end), path);
      } else {
        try {
          parseRow(chunk, start, end, layout, values, path, line);
          if (!Number.isNaN(values[0])) {
            if (!total.add(values[2])) throw total.passed({ line });
            columns.push(values[0], values[1], values[2]);
          }
        } catch (error) {
          invalid.skip(error, values[2]);
          rows++;
        }
      }
      start = end + 1;
    }
    if (start < chunk.length) carry = Buffer.from(chunk.subarray(start));
  }
  if (carry && carry.length > 0) {
    line++;
    if (layout === undefined) layout = parseHeader(carry.toString('utf8'), path);
    else {
      try {
        parseRow(carry, 0, carry.length, layout, values, path, line);
        if (!Number.isNaN(values[0])) {
          if (!total.add(values[2])) throw total.passed({ line });
          columns.push(values[0], values[1], values[2]);
        }
      } catch (error) {
        invalid.skip(error, values[2]);
        rows++;
      }
    }
  }
  if (layout === undefined)
    throw new InputError('CSV file is empty, expected a header lon,lat[,households]', { file: path });
  // A gzipped file is digested whole before its decompressed chunks; a plain one chunk by chunk.
  const digest = source.digest ?? { sha256: hash.digest('hex'), bytes: size };
  return { households: columns.finish(), features: columns.count + rows, digest, ...invalid.report() };
}

function parseHeader(text: string, path: string): CsvLayout {
  const clean = text.replace(/^\ufeff/, '').replace(/\r$/, '');
  const semicolons = !clean.includes(',') && clean.includes(';');
  const names = clean.split(semicolons ? ';' : ',').map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^"(.*)"$/, '$1'),
  );
  const roles = names.map((n) => (n === 'lon' ? 0 : n === 'lat' ? 1 : n === 'households' ? 2 : -1));
  if (!roles.includes(0) || !roles.includes(1))
    throw new InputError('CSV header must name the columns lon and lat (and optionally households)', {
      file: path,
      line: 1,
      value: clean,
    });
  return {
    roles,
    hasWeight: roles.includes(2),
    separator: semicolons ? SEMICOLON : COMMA,
    decimalMark: semicolons ? COMMA : DOT,
  };
}

/** Parses one row into values [lon, lat, weight]; a blank row sets values[0] to NaN (skipped, not a household). */
function parseRow(
  bytes: Buffer,
  start: number,
  end: number,
  layout: CsvLayout,
  values: number[],
  path: string,
  line: number,
): void {
  const { roles, hasWeight, separator } = layout;
  if (end > start && bytes[end - 1] === CR) end--;
  if (isBlankLine(bytes, start, end)) {
    values[0] = Number.NaN;
    return;
  }
  values[2] = 1;
  let seen = 0;
  let field = 0;
  let fieldStart = start;
  // Every field is parsed before a problem is thrown, so a skipped row still tells its households.
  let failure: unknown;
  // RFC 4180 quoting: a separator inside "…" is text (an address column "Müller, Hans").
  let quoted = false;
  for (let k = start; k <= end; k++) {
    if (k < end && bytes[k] === QUOTE) quoted = !quoted;
    if (k < end && (quoted || bytes[k] !== separator)) continue;
    const role = roles[field++];
    if (role !== undefined && role >= 0) {
      seen |= 1 << role;
      // A quoted number ("16", as GDAL writes CSV) is the number.
      const unquote = k - fieldStart >= 2 && bytes[fieldStart] === QUOTE && bytes[k - 1] === QUOTE ? 1 : 0;
      try {
        values[role] = parseField(
          bytes,
          fieldStart + unquote,
          k - unquote,
          role,
          layout.decimalMark,
          path,
          line,
        );
      } catch (error) {
        failure ??= error;
        if (role === 2) values[2] = 0;
      }
    }
    fieldStart = k + 1;
  }
  if (failure) throw failure;
  if ((seen & 3) !== 3) {
    const missing = (seen & 1) === 0 ? 'lon' : 'lat';
    throw new InputError('row has too few columns', {
      file: path,
      line,
      field: missing,
      value: bytes.toString('utf8', start, end),
      code: 'too-few-columns',
    });
  }
  if (hasWeight && (seen & 4) === 0) values[2] = 1;
}

const FIELD_NAMES = ['lon', 'lat', 'households'];

function parseField(
  bytes: Buffer,
  start: number,
  end: number,
  role: number,
  decimalMark: number,
  path: string,
  line: number,
): number {
  let value = parseDecimal(bytes, start, end, decimalMark === COMMA);
  if (Number.isNaN(value)) {
    const raw = bytes.toString('utf8', start, end).trim();
    const text = decimalMark === COMMA ? raw.replace(',', '.') : raw;
    if (role === 2 && text === '') return 1;
    // Decimal notation only: Number would also take 0x10, 0b1 or 'Infinity'.
    value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value)) {
      const problem =
        role === 2
          ? `households must be an integer from 0 to ${MAX_WEIGHT}`
          : 'coordinate must be a finite number';
      throw new InputError(problem, {
        file: path,
        line,
        field: FIELD_NAMES[role],
        value: raw,
        code: role === 2 ? 'bad-households' : 'bad-coordinates',
      });
    }
  }
  if (role === 2) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_WEIGHT)
      throw new InputError(`households must be an integer from 0 to ${MAX_WEIGHT}`, {
        file: path,
        line,
        field: 'households',
        value: bytes.toString('utf8', start, end).trim(),
        code: 'bad-households',
      });
  } else if (role === 0 ? Math.abs(value) > 180 : Math.abs(value) > 90) {
    throw new InputError('coordinates out of range for WGS84 lon/lat', {
      file: path,
      line,
      field: FIELD_NAMES[role],
      value,
      hint:
        Math.abs(value) > 1000
          ? 'these look like metres in a projected CRS: convert to EPSG:4326'
          : undefined,
      code: Math.abs(value) > 1000 ? 'projected-coordinates' : 'out-of-range',
    });
  }
  return value;
}

/** The file's bytes in chunks; for a `.gz` file the decompressed bytes, with `source.digest` set from the file. */
function* chunks(path: string, chunkBytes: number, source: { digest?: FileDigest }): Generator<Buffer> {
  if (path.toLowerCase().endsWith('.gz')) {
    const { data: bytes, digest } = readInputBytes(path);
    source.digest = digest;
    for (let offset = 0; offset < bytes.length; offset += chunkBytes)
      yield bytes.subarray(offset, offset + chunkBytes);
    return;
  }
  checkInputFile(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InputError(`cannot read file (${(error as NodeJS.ErrnoException).code})`, { file: path });
  }
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) break;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
