import { InputError } from '../../errors.js';
import { laeaInverse } from '../../geometry/laea.js';
import { MAX_WEIGHT } from '../../model/households.js';
import { PointColumns } from '../../model/point-columns.js';
import { decodeText } from '../csv/decode.js';
import { isBlankLine, isNoValue, parseDecimal, splitFields } from '../csv/fields.js';
import { CsvRecords } from '../csv/records.js';
import { HouseholdTotal } from '../household-total.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { HouseholdsFileRead } from '../read-result.js';
import type { SkipCounts } from '../skipped.js';
import { type ZensusColumns, zensusColumns } from './columns.js';

const SEMICOLON = 59;
const COMMA = 44;
const CHUNK_BYTES = 8 << 20;

/**
 * Households from a Zensus grid CSV (100 m or 1 km cells, the 2011 and 2022 layouts; `;` or `,`
 * separated, decimal point or comma, UTF-8 or Windows-1252): each cell becomes one point at its
 * centre (EPSG:3035 `x_mp`/`y_mp`, else the centre of the cell its `Gitter_ID` names), weighted by
 * its households. A cell's households, in this order of preference:
 *   1. its value in a households column (see zensus-columns.ts);
 *   2. its population ÷ its own average household size (e.g. `hh_groesse_d`, `durchschnHHGroesse`);
 *   3. its population ÷ `options.householdSize` (`--household-size`);
 * a quotient rounded to the nearest integer, halves to even — the rule `households_est_derived` of
 * the shipped 2011 grid was made with (Python's round), so 2. reproduces that column exactly.
 * A cell whose values are suppressed (`–`, `-`, `.`, `/`, `x`, blank, or -1 as in Zensus 2011) has
 * no households: it is counted in `skipped` (`suppressed-value`, or `no-household-size` when only
 * the size to divide by is missing) and is not a point. `features` counts every data row read.
 *
 * Crosswalk to coverage: a cell is placed by its centre alone, and all its households count as
 * covered where that point is covered (point-in-polygon against the coverage, e.g. the dissolved
 * EPSG:25832 cells of a Bundesnetzagentur grid, which do not align with the EPSG:3035 Zensus grid).
 * No area weighting: a 1 km cell straddling covered and uncovered 100 m cells is all one or the other.
 */
export async function readZensusHouseholds(path: string, options: ReadOptions): Promise<HouseholdsFileRead> {
  const fixedSize = options.householdSize;
  let columns: ZensusColumns | undefined;
  const points = new PointColumns();
  const total = new HouseholdTotal(path);
  let rows = 0;
  const reasons: Record<string, number> = {};
  let starts = new Int32Array(0);
  let ends = new Int32Array(0);
  let decimalComma = false;
  let separator = COMMA;
  const centre = [0, 0];

  const records = new CsvRecords(path, (data, start, end, line) => {
    if (columns === undefined) {
      const headerText = decodeText(data.subarray(start, end)).replace(/^\ufeff/, '');
      separator = headerText.includes(';') ? SEMICOLON : COMMA;
      records.separator = separator;
      decimalComma = separator === SEMICOLON;
      columns = zensusColumns(headerText, separator === SEMICOLON ? ';' : ',', path, options);
      starts = new Int32Array(columns.names.length + 1);
      ends = new Int32Array(columns.names.length + 1);
      return;
    }
    if (isBlankLine(data, start, end)) return;
    rows++;
    const n = splitFields(data, start, end, separator, starts, ends);
    if (n < columns.needed)
      throw new InputError(`row has ${n} fields, the header ${columns.names.length}`, {
        file: path,
        line,
        value: decodeText(data.subarray(start, end)),
      });
    const names = columns.names;
    const field = (k: number) => ({ file: path, line, field: names[k] });
    const value = (k: number) => numberOrNoValue(data, starts[k], ends[k], decimalComma, field(k));

    let households = columns.households >= 0 ? value(columns.households) : Number.NaN;
    let reason = 'suppressed-value';
    if (Number.isNaN(households) && columns.population >= 0) {
      const population = value(columns.population);
      const own = columns.size >= 0 ? value(columns.size) : Number.NaN;
      if (own <= 0)
        throw new InputError('average household size must be positive', {
          ...field(columns.size),
          value: own,
        });
      const size = Number.isNaN(own) ? (fixedSize ?? Number.NaN) : own;
      if (!Number.isNaN(population) && Number.isNaN(size)) reason = 'no-household-size';
      // No one lives there: no households, whatever the size would be.
      households = population === 0 ? 0 : roundHalfEven(population / size);
    }
    if (Number.isNaN(households)) {
      reasons[reason] = (reasons[reason] ?? 0) + 1;
      return;
    }
    if (!Number.isInteger(households) || households < 0 || households > MAX_WEIGHT)
      throw new InputError(`households must be an integer from 0 to ${MAX_WEIGHT}`, {
        ...field(columns.households >= 0 ? columns.households : columns.population),
        value: households,
      });
    if (!total.add(households)) throw total.passed({ line });
    cellCentre(data, starts, ends, columns, path, line, centre);
    laeaInverse(centre[0], centre[1], centre);
    points.push(centre[0], centre[1], households);
  });
  const digest = await records.readAll(path, CHUNK_BYTES);
  if (columns === undefined) zensusColumns('', ',', path, options);

  const skipped: SkipCounts | undefined =
    Object.keys(reasons).length > 0 ? { reasons, households: 0 } : undefined;
  return {
    households: points.finish(),
    features: rows,
    digest,
    crs: 'EPSG:3035',
    ...(skipped ? { skipped } : {}),
  };
}

/** A number, NaN for a "no value" mark; anything else is the user's error. */
function numberOrNoValue(
  bytes: Uint8Array,
  start: number,
  end: number,
  decimalComma: boolean,
  where: { file: string; line: number; field: string },
): number {
  const value = parseDecimal(bytes, start, end, decimalComma);
  // Zensus 2011's 100 m population grid marks secret cells with -1.
  if (value === -1) return Number.NaN;
  if (!Number.isNaN(value)) return value;
  if (isNoValue(bytes, start, end)) return Number.NaN;
  throw new InputError('not a number nor a "no value" mark (–, -, ., /, blank)', {
    ...where,
    value: decodeText(bytes.subarray(start, end)),
    hint: decimalComma ? undefined : 'a ","-separated file needs a decimal point',
  });
}

/** EPSG:3035 covers Europe with x and y from about 1,000 to 8,000 km: anything near 0 is another CRS. */
const inEpsg3035 = (v: number) => v >= 1e5 && v <= 1e7;

/** Rounds to the nearest integer, halves to the even neighbour (NaN stays NaN). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The cell's centre in EPSG:3035: from `x_mp`/`y_mp`, else from its grid id. */
function cellCentre(
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  columns: ZensusColumns,
  path: string,
  line: number,
  out: number[],
): void {
  if (columns.x >= 0) {
    for (const [k, axis] of [
      [columns.x, 0],
      [columns.y, 1],
    ]) {
      const v = parseDecimal(bytes, starts[k], ends[k], true);
      if (!inEpsg3035(v))
        throw new InputError('cell centre must be EPSG:3035 metres', {
          file: path,
          line,
          field: columns.names[k],
          value: decodeText(bytes.subarray(starts[k], ends[k])),
          hint:
            Math.abs(v) <= 180
              ? 'these look like degrees; Zensus grids give LAEA (EPSG:3035) metres'
              : undefined,
        });
      out[axis] = v;
    }
    return;
  }
  const text = decodeText(bytes.subarray(starts[columns.id], ends[columns.id]));
  const cell = parseGridId(text);
  if (cell === undefined)
    throw new InputError('not a Zensus grid cell id', {
      file: path,
      line,
      field: columns.names[columns.id],
      value: text,
      hint: 'expected CRS3035RES100mN2689100E4337000 or 100mN26891E43370',
    });
  out[0] = cell.east + cell.size / 2;
  out[1] = cell.north + cell.size / 2;
  if (!(inEpsg3035(out[0]) && inEpsg3035(out[1])))
    throw new InputError('cell id lies outside the EPSG:3035 extent', {
      file: path,
      line,
      field: columns.names[columns.id],
      value: text,
    });
}

/**
 * The lower-left corner and size (metres) of a cell from its id: INSPIRE `CRS3035RES{size}mN{north}E{east}`
 * (metres), or the short `{size}{m|km}N{north}E{east}` (in units of the cell size).
 */
export function parseGridId(id: string): { north: number; east: number; size: number } | undefined {
  const inspire = /^CRS3035RES(\d+)mN(\d+)E(\d+)$/.exec(id);
  if (inspire) return { size: Number(inspire[1]), north: Number(inspire[2]), east: Number(inspire[3]) };
  const short = /^(\d+)(m|km)N(\d+)E(\d+)$/.exec(id);
  if (!short) return undefined;
  const size = Number(short[1]) * (short[2] === 'km' ? 1000 : 1);
  return { size, north: Number(short[3]) * size, east: Number(short[4]) * size };
}
