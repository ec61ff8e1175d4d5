import { InputError } from '../../errors.js';
import { type Crs, crsRecord, WGS84 } from '../../geometry/crs.js';
import { MAX_WEIGHT } from '../../model/households.js';
import { PointColumns } from '../../model/point-columns.js';
import { expectedBytes } from '../files/source.js';
import { HouseholdTotal } from '../household-total.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { HouseholdsFileRead } from '../read-result.js';
import { InvalidFeatures } from '../skipped.js';
import { headerFields, isBlankLine, parseDecimal } from './fields.js';
import { CsvRecords } from './records.js';
import { readSimpleRow } from './simple-row.js';

const CHUNK_BYTES = 8 << 20;
/** Bytes of a short data row (`7.12,51.23,1` and its line end), for sizing the columns up front. */
const MIN_ROW_BYTES = 14;
const COMMA = 44;
const SEMICOLON = 59;
const QUOTE = 34;
const DOT = 46;

/** What the header says: each column's role (0 lon or x, 1 lat or y, 2 households, −1 ignored), separator, decimal mark. */
interface CsvLayout {
  roles: number[];
  /** The header's names of the lon, lat and households columns, for errors. */
  names: string[];
  hasWeight: boolean;
  separator: number;
  /** `.`, or `,` in `;`-separated files (a German spreadsheet's export). */
  decimalMark: number;
  /** The CRS of the coordinates: lon/lat always WGS84 degrees; `X`/`Y` (ogr2ogr's export) in `--input-crs`. */
  crs: Crs;
  /** `lon,lat[,households]` in that order, `,` and decimal points, lon/lat: rows may take `readSimpleRow`. */
  simple: boolean;
}

/**
 * Household points from CSV `lon,lat[,households]` or `X,Y[,households]` (columns in any order,
 * more columns ignored), parsed from bytes streamed in chunks (gunzipped on the way): no line
 * strings, no whole-file text, so a 20 M-row file streams at tens of millions of numbers per
 * second in bounded memory. Plain decimals are parsed by hand (exactly as `Number` would: mantissa
 * < 2^53 divided by an exact power of ten); anything else falls back to `Number` on the field's
 * text. A row's errors name its first line (a quoted field may span several).
 */
export async function readHouseholdsCsv(
  path: string,
  options: ReadOptions = {},
  chunkBytes = CHUNK_BYTES,
): Promise<HouseholdsFileRead> {
  // Sized from the input's bytes (rows of lon,lat,households take ~16–25): no grow-and-copy.
  const rows = new CsvHouseholdRows(path, options, expectedBytes(path) ?? 0);
  const records = new CsvRecords(path, rows.onRecord);
  rows.onLayout = (layout) => {
    records.separator = layout.separator;
  };
  const digest = await records.readAll(path, chunkBytes);
  return { ...rows.finish(), digest };
}

/**
 * The households of CSV records handed over one by one, the header first: what `readHouseholdsCsv`
 * reads from a whole file, and a distributed job from its byte range of one (households-range.ts).
 */
export class CsvHouseholdRows {
  onLayout: (layout: CsvLayout) => void = () => {};
  private layout: CsvLayout | undefined;
  private readonly invalid: InvalidFeatures;
  private readonly columns: PointColumns;
  private readonly total: HouseholdTotal;
  private readonly values = [0, 0, 1];
  /** Data rows skipped as invalid (the kept ones are columns.count). */
  private skippedRows = 0;

  constructor(
    private readonly path: string,
    private readonly options: ReadOptions,
    expectedBytes: number,
  ) {
    this.invalid = new InvalidFeatures(options.invalid);
    this.columns = new PointColumns(expectedBytes / MIN_ROW_BYTES);
    this.total = new HouseholdTotal(path);
  }

  readonly onRecord = (bytes: Buffer, start: number, end: number, line: number): void => {
    const { layout, values, path } = this;
    if (layout === undefined) {
      this.layout = parseHeader(bytes.toString('utf8', start, end), path, this.options.inputCrs ?? WGS84);
      this.onLayout(this.layout);
      return;
    }
    try {
      parseRow(bytes, start, end, layout, values, path, line);
      if (!Number.isNaN(values[0])) {
        if (!this.total.add(values[2])) throw this.total.passed({ line });
        this.columns.push(values[0], values[1], values[2]);
      }
    } catch (error) {
      this.invalid.skip(error, values[2]);
      this.skippedRows++;
    }
  };

  /** The households and the reader's record fields (no digest: the caller read the bytes). */
  finish(): Omit<HouseholdsFileRead, 'digest'> {
    if (this.layout === undefined)
      throw new InputError('CSV file is empty, expected a header lon,lat[,households]', { file: this.path });
    return {
      households: this.columns.finish(),
      features: this.columns.count + this.skippedRows,
      ...crsRecord(this.layout.crs),
      ...this.invalid.report(),
    };
  }
}

function parseHeader(text: string, path: string, inputCrs: Crs): CsvLayout {
  const clean = text.replace(/^\ufeff/, '');
  const header = headerFields(clean);
  const semicolons = header.separator === ';';
  const names = header.names;
  const lower = names.map((n) => n.toLowerCase());
  // lon/lat first: a file with both keeps X/Y as ordinary columns.
  const lonLat = lower.includes('lon') && lower.includes('lat');
  const [xName, yName] = lonLat ? ['lon', 'lat'] : ['x', 'y'];
  const roles: number[] = lower.map((n) => (n === xName ? 0 : n === yName ? 1 : n === 'households' ? 2 : -1));
  if (!roles.includes(0) || !roles.includes(1))
    throw new InputError(
      'CSV header must name the columns lon and lat, or X and Y (and optionally households)',
      {
        file: path,
        line: 1,
        value: clean,
        hint: 'X and Y are in read.inputCrs (default EPSG:4326), lon and lat always in degrees',
      },
    );
  const crs = lonLat ? WGS84 : inputCrs;
  return {
    roles,
    names: [0, 1, 2].map((role) => names[roles.indexOf(role)] ?? 'households'),
    hasWeight: roles.includes(2),
    separator: semicolons ? SEMICOLON : COMMA,
    decimalMark: semicolons ? COMMA : DOT,
    crs,
    simple:
      !semicolons &&
      crs.geographic &&
      roles.every((role, k) => role === k) &&
      (roles.length === 2 || roles.length === 3),
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
  if (layout.simple && readSimpleRow(bytes, start, end, hasWeight, values)) return;
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
  // RFC 4180 quoting: a separator inside "…" is text (an address column "Müller, Hans"); a quote
  // counts only in a field that starts with one, as in CsvRecords.
  let quoted = false;
  let fieldQuoted = false;
  for (let k = start; k <= end; k++) {
    if (k < end && bytes[k] === QUOTE) {
      if (quoted) quoted = false;
      else if (k === fieldStart || fieldQuoted) quoted = fieldQuoted = true;
    }
    if (k < end && (quoted || bytes[k] !== separator)) continue;
    fieldQuoted = false;
    const role = roles[field++];
    if (role !== undefined && role >= 0) {
      seen |= 1 << role;
      // A quoted number ("16", as GDAL writes CSV) is the number.
      const unquote = k - fieldStart >= 2 && bytes[fieldStart] === QUOTE && bytes[k - 1] === QUOTE ? 1 : 0;
      try {
        values[role] = parseField(bytes, fieldStart + unquote, k - unquote, role, layout, path, line);
      } catch (error) {
        failure ??= error;
        if (role === 2) values[2] = 0;
      }
    }
    fieldStart = k + 1;
  }
  if (failure) throw failure;
  if ((seen & 3) !== 3) {
    const missing = (seen & 1) === 0 ? 0 : 1;
    throw new InputError('row has too few columns', {
      file: path,
      line,
      field: layout.names[missing],
      value: bytes.toString('utf8', start, end),
      code: 'too-few-columns',
    });
  }
  if (hasWeight && (seen & 4) === 0) values[2] = 1;
  if (!layout.crs.geographic) toLonLat(layout.crs, values, path, line, bytes.toString('utf8', start, end));
}

const xy = [0, 0];

/** A projected row's X, Y in place to lon/lat, one point at a time so its error names its line. */
function toLonLat(crs: Crs, values: number[], path: string, line: number, row: string): void {
  xy[0] = values[0];
  xy[1] = values[1];
  crs.toLonLat(xy);
  if (!(Math.abs(xy[0]) <= 180 && Math.abs(xy[1]) <= 90))
    throw new InputError(`X, Y cannot be transformed from ${crs.name} to lon/lat`, {
      file: path,
      line,
      value: row,
      hint: 'check read.inputCrs',
      code: 'out-of-range',
    });
  values[0] = xy[0];
  values[1] = xy[1];
}

function parseField(
  bytes: Buffer,
  start: number,
  end: number,
  role: number,
  layout: CsvLayout,
  path: string,
  line: number,
): number {
  const decimalComma = layout.decimalMark === COMMA;
  let value = parseDecimal(bytes, start, end, decimalComma);
  if (Number.isNaN(value)) {
    const raw = bytes.toString('utf8', start, end).trim();
    const text = decimalComma ? raw.replace(',', '.') : raw;
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
        field: layout.names[role],
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
        field: layout.names[role],
        value: bytes.toString('utf8', start, end).trim(),
        code: 'bad-households',
      });
  } else if (layout.crs.degrees && (role === 0 ? Math.abs(value) > 180 : Math.abs(value) > 90)) {
    const metres = Math.abs(value) > 1000;
    throw new InputError('coordinates out of range for WGS84 lon/lat', {
      file: path,
      line,
      field: layout.names[role],
      value,
      hint: metres
        ? `these look like metres in a projected CRS: ${layout.names[0].toLowerCase() === 'lon' ? 'name the columns X,Y and ' : ''}give their CRS with read.householdsCrs (e.g. EPSG:25832)`
        : undefined,
      code: metres ? 'projected-coordinates' : 'out-of-range',
    });
  }
  return value;
}
