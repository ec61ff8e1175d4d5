import { InputError } from '../../errors.js';
import { type CellGrid, cellPolygons } from '../../geometry/cell-polygons.js';
import { resolveCrs } from '../../geometry/crs.js';
import { decodeText } from '../csv/decode.js';
import { forEachLine, isBlankLine, parseDecimal, splitFields } from '../csv/fields.js';
import { readInputBytes } from '../files/source.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { CoverageFileRead, CoverageSink } from '../read-result.js';

/**
 * The columns read, each as layers of one technology. `nr_gesamt` (5G of any kind) is the 5G: its
 * parts `nr_dss` and `nr_nsa_sa` are not read, as layers of their own would count an operator that
 * offers both twice. `gsm_out` (GSM outdoors) becomes the technology `2g`, reported as an other
 * technology.
 */
export const BNETZA_TECHNOLOGIES = [
  { column: 'lte', technology: 'lte' },
  { column: 'nr_gesamt', technology: '5g' },
  { column: 'gsm_out', technology: '2g' },
] as const;

/** The operator name of the layer "at least k operators": `ops1`, `ops2`, … (usable as a CSV column prefix). */
export const operatorCountName = (k: number) => `ops${k}`;

/** Highest operator count accepted: 3 technologies × 10 layers stay within the 32 layers a household mask holds. */
const MAX_COUNT = 10;

/** Twice Germany's extent in 100 m cells (56 M), so masks and corner indices stay well inside typed-array limits. */
const MAX_GRID_CELLS = 120_000_000;

const CELL = 100;
const ID_PREFIX = [49, 48, 48, 109, 78]; // "100mN"
const E = 69;

/**
 * Coverage from a Bundesnetzagentur Mobilfunk-Monitoring grid CSV (`id,gsm_out,lte,nr_dss,nr_nsa_sa,
 * nr_gesamt`; id `100mN{northing/100}E{easting/100}`, the lower-left corner of a 100 m cell in
 * EPSG:25832; values the number of operators offering the technology there) with operator-count
 * semantics: for each technology and each k from 1 to its highest count, the layer `ops{k}` covers
 * the cells where at least k operators offer it. So the number of a technology's layers covering a
 * household is the cell's count: 5G household = `nr_gesamt ≥ 1`, white spot = `lte = 0`, grey spot =
 * `lte = 1`, and the dead-zone polygons are the dissolved cells with `lte = 0`. Cells not in the file
 * have no coverage. Each layer's cells are dissolved into polygons (cellPolygons) on a dense grid over
 * the file's extent, whose edges stay straight in EPSG:25832.
 *
 * Households are matched to cells by position: a household point (e.g. a Zensus cell centre in
 * EPSG:3035, a grid that does not align with this one) is in the cell whose polygon covers it.
 */
export function readBnetzaCoverage(
  path: string,
  sink: CoverageSink,
  _options: ReadOptions,
): CoverageFileRead {
  const { data, digest } = readInputBytes(path);
  const headerEnd = data.indexOf(10) < 0 ? data.length : data.indexOf(10);
  const header = decodeText(data.subarray(0, headerEnd))
    .replace(/^\ufeff/, '')
    .replace(/\r$/, '');
  const separator = header.includes(';') ? ';' : ',';
  const names = header.split(separator).map((n) => n.trim().replace(/^"|"$/g, '').toLowerCase());
  const idColumn = names.indexOf('id');
  const valueColumns = BNETZA_TECHNOLOGIES.map((t) => names.indexOf(t.column));
  const missing = BNETZA_TECHNOLOGIES.filter((_, k) => valueColumns[k] < 0).map((t) => t.column);
  if (idColumn < 0 || missing.length > 0)
    throw new InputError(
      `Bundesnetzagentur grid header lacks ${['id', ...missing].slice(idColumn < 0 ? 0 : 1).join(', ')}`,
      {
        file: path,
        line: 1,
        value: header,
        hint: 'expected id,gsm_out,lte,nr_dss,nr_nsa_sa,nr_gesamt',
      },
    );

  const cells = readCells(data, path, separator.charCodeAt(0), idColumn, valueColumns, names);
  const { count, north, east, values, lines } = cells;
  if (count === 0)
    return { features: 0, synthetic: false, digest, crs: 'EPSG:25832', semantics: 'operator-count' };

  let minN = Number.POSITIVE_INFINITY;
  let maxN = Number.NEGATIVE_INFINITY;
  let minE = Number.POSITIVE_INFINITY;
  let maxE = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    minN = Math.min(minN, north[i]);
    maxN = Math.max(maxN, north[i]);
    minE = Math.min(minE, east[i]);
    maxE = Math.max(maxE, east[i]);
  }
  const grid: CellGrid = {
    crs: resolveCrs('EPSG:25832'),
    x0: minE * CELL,
    y0: (maxN + 1) * CELL,
    cellWidth: CELL,
    cellHeight: CELL,
    columns: maxE - minE + 1,
    rows: maxN - minN + 1,
  };
  const size = grid.columns * grid.rows;
  if (size > MAX_GRID_CELLS)
    throw new InputError(
      `cells span ${grid.columns} × ${grid.rows} (100 m), more than the ${MAX_GRID_CELLS} a grid may have`,
      {
        file: path,
        field: 'id',
        value: { north: [minN, maxN], east: [minE, maxE] },
        hint: 'Germany spans about 6,500 × 8,800 cells: check the ids, or split the file',
      },
    );
  const present = new Uint8Array(size);
  const cellOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const cell = (maxN - north[i]) * grid.columns + (east[i] - minE);
    if (present[cell])
      throw new InputError('cell listed twice', {
        file: path,
        line: lines[i],
        field: 'id',
        value: `100mN${north[i]}E${east[i]}`,
      });
    present[cell] = 1;
    cellOf[i] = cell;
  }

  const mask = new Uint8Array(size);
  const technologies = BNETZA_TECHNOLOGIES.length;
  BNETZA_TECHNOLOGIES.forEach(({ column, technology }, t) => {
    let highest = 0;
    for (let i = 0; i < count; i++) highest = Math.max(highest, values[i * technologies + t]);
    for (let k = 1; k <= highest; k++) {
      mask.fill(0);
      for (let i = 0; i < count; i++) if (values[i * technologies + t] >= k) mask[cellOf[i]] = 1;
      // Errors name the layer's cells by the condition that made them: "lte ≥ 2", polygon p.
      cellPolygons(grid, mask).forEach((rings, p) => {
        sink.add(operatorCountName(k), technology, rings, { file: path, feature: p, id: `${column} ≥ ${k}` });
      });
    }
  });
  return { features: count, synthetic: false, digest, crs: 'EPSG:25832', semantics: 'operator-count' };
}

interface Cells {
  count: number;
  /** Cell corner in hectometres (EPSG:25832 metres / 100). */
  north: Int32Array;
  east: Int32Array;
  /** Per cell, the counts of BNETZA_TECHNOLOGIES in order. */
  values: Uint8Array;
  lines: Int32Array;
}

function readCells(
  data: Buffer,
  path: string,
  separator: number,
  idColumn: number,
  valueColumns: number[],
  names: string[],
): Cells {
  let capacity = 0;
  for (let k = data.indexOf(10); k >= 0; k = data.indexOf(10, k + 1)) capacity++;
  capacity++;
  const north = new Int32Array(capacity);
  const east = new Int32Array(capacity);
  const values = new Uint8Array(capacity * valueColumns.length);
  const lines = new Int32Array(capacity);
  const starts = new Int32Array(names.length + 1);
  const ends = new Int32Array(names.length + 1);
  const needed = 1 + Math.max(idColumn, ...valueColumns);
  let count = 0;
  forEachLine(data, (start, end, line) => {
    if (line === 1 || isBlankLine(data, start, end)) return;
    const n = splitFields(data, start, end, separator, starts, ends);
    if (n < needed)
      throw new InputError(`row has ${n} fields, the header ${names.length}`, {
        file: path,
        line,
        value: decodeText(data.subarray(start, end)),
      });
    if (!parseId(data, starts[idColumn], ends[idColumn], north, east, count))
      throw new InputError('not a 100 m cell id', {
        file: path,
        line,
        field: 'id',
        value: decodeText(data.subarray(starts[idColumn], ends[idColumn])),
        hint: 'expected 100mN{northing/100}E{easting/100}, e.g. 100mN58735E4942 (EPSG:25832)',
      });
    valueColumns.forEach((column, t) => {
      const v = parseDecimal(data, starts[column], ends[column], false);
      if (!(Number.isInteger(v) && v >= 0 && v <= MAX_COUNT))
        throw new InputError(`operator count must be an integer from 0 to ${MAX_COUNT}`, {
          file: path,
          line,
          field: names[column],
          value: decodeText(data.subarray(starts[column], ends[column])),
        });
      values[count * valueColumns.length + t] = v;
    });
    lines[count++] = line;
  });
  return { count, north, east, values, lines };
}

/** Parses `100mN{digits}E{digits}` into north[i], east[i] (hectometres); false if it is not one. */
function parseId(
  bytes: Buffer,
  start: number,
  end: number,
  north: Int32Array,
  east: Int32Array,
  i: number,
): boolean {
  if (end - start < ID_PREFIX.length + 3) return false;
  for (let k = 0; k < ID_PREFIX.length; k++) if (bytes[start + k] !== ID_PREFIX[k]) return false;
  let k = start + ID_PREFIX.length;
  let n = 0;
  let digits = 0;
  for (; k < end && bytes[k] >= 48 && bytes[k] <= 57 && digits < 9; k++, digits++) n = n * 10 + bytes[k] - 48;
  if (digits === 0 || k >= end || bytes[k] !== E) return false;
  k++;
  let e = 0;
  digits = 0;
  for (; k < end && bytes[k] >= 48 && bytes[k] <= 57 && digits < 9; k++, digits++) e = e * 10 + bytes[k] - 48;
  if (digits === 0 || k !== end) return false;
  north[i] = n;
  east[i] = e;
  return true;
}
