import { type Crs, crsOption } from '../geometry/crs.js';
import { laeaForward, laeaInverse } from '../geometry/laea.js';
import { utmZone } from '../geometry/utm.js';
import { interpolate, type ProjectionTable } from './funkloch-cells-table.js';

/**
 * The square grid Funkloch cells are counted on: cell (col, row) is [col·size, (col+1)·size) ×
 * [row·size, (row+1)·size) in the grid's CRS, so a point on an edge belongs to the cell whose
 * lower-left corner it is. Default: the BNetzA grid, 100 m cells in EPSG:25832.
 */
export interface CellGrid {
  /** The grid CRS's name, as the output records it: `EPSG:25832`. */
  readonly crs: string;
  /** Cell edge length in the CRS's units (metres; degrees for a geographic CRS). */
  readonly cellSize: number;
  /** Writes the grid CRS's (x, y) of (lon, lat) into out[offset], out[offset+1]. */
  forward(lon: number, lat: number, out: Float64Array | number[], offset: number): void;
  /** Writes (lon, lat) of the grid CRS's (x, y) into out[offset], out[offset+1]. */
  inverse(x: number, y: number, out: Float64Array | number[], offset: number): void;
}

export const DEFAULT_GRID_CRS = 'EPSG:25832';

/** Marks a household that is in no cell (weight 0, or beyond the CRS's domain) in the column array. */
export const NO_CELL = -0x80000000;

/** The grid in `crs` (a name or a resolved Crs; default EPSG:25832) with cells of `cellSize`. */
export function cellGrid(crs: Crs | string | undefined, cellSize: number, option: string): CellGrid {
  if (crs === undefined || crs === DEFAULT_GRID_CRS)
    return { crs: DEFAULT_GRID_CRS, cellSize, ...utmZone(32) };
  const resolved = crsOption(crs, option) as Crs;
  const { name } = resolved;
  // UTM and LAEA by direct formulas (UTM identical to proj4's, LAEA the Zensus reader's own); others by proj4.
  if (name === 'EPSG:25832' || name === 'EPSG:25833')
    return { crs: name, cellSize, ...utmZone(name === 'EPSG:25832' ? 32 : 33) };
  if (name === 'EPSG:3035') return { crs: name, cellSize, forward: laeaForward, inverse: laeaInverse };
  if (resolved.geographic) return { crs: name, cellSize, forward: copyPoint, inverse: copyPoint };
  const point = [0, 0];
  const through =
    (transform: (xy: number[]) => void) =>
    (a: number, b: number, out: Float64Array | number[], offset: number) => {
      point[0] = a;
      point[1] = b;
      transform(point);
      out[offset] = point[0];
      out[offset + 1] = point[1];
    };
  return {
    crs: name,
    cellSize,
    forward: through((xy) => resolved.fromLonLat(xy)),
    inverse: through((xy) => resolved.toLonLat(xy)),
  };
}

function copyPoint(a: number, b: number, out: Float64Array | number[], offset: number): void {
  out[offset] = a;
  out[offset + 1] = b;
}

/**
 * The cell index of coordinate v: the k with k·size ≤ v < (k+1)·size, products as doubles — the
 * quotient alone can round up onto the next edge; NO_CELL when v is not finite or k not an Int32.
 */
export function cellIndex(v: number, size: number): number {
  let k = Math.floor(v / size);
  if (k * size > v) k--;
  else if ((k + 1) * size <= v) k++;
  return k > NO_CELL && k <= 0x7fffffff ? k : NO_CELL;
}

/**
 * Column and row of households start..end-1 into `col`/`row`; NO_CELL in `col` for a point with no
 * households or off the grid. With a table, the exact projection runs only for points within its
 * tolerance of a cell edge, so the cells are the exact projection's. Each point is written alone,
 * so the range may be split across threads.
 */
export function householdCells(
  grid: CellGrid,
  lon: Float64Array,
  lat: Float64Array,
  weight: Uint32Array,
  start: number,
  end: number,
  col: Int32Array,
  row: Int32Array,
  table: ProjectionTable | null = null,
): void {
  const xy = new Float64Array(2);
  const size = grid.cellSize;
  for (let i = start; i < end; i++) {
    if (weight[i] === 0) {
      col[i] = NO_CELL;
      continue;
    }
    if (table !== null && tabledCell(table, size, lon[i], lat[i], col, row, i, xy)) continue;
    grid.forward(lon[i], lat[i], xy, 0);
    const c = cellIndex(xy[0], size);
    const r = cellIndex(xy[1], size);
    col[i] = r === NO_CELL ? NO_CELL : c;
    row[i] = r;
  }
}

/** The point's cell by interpolation, written to col[i]/row[i]; false when it lies too near an edge to tell. */
function tabledCell(
  table: ProjectionTable,
  size: number,
  lon: number,
  lat: number,
  col: Int32Array,
  row: Int32Array,
  i: number,
  xy: Float64Array,
): boolean {
  if (!interpolate(table, lon, lat, xy)) return false;
  const x = xy[0];
  const y = xy[1];
  const c = Math.floor(x / size);
  const r = Math.floor(y / size);
  const dx = x - c * size;
  const dy = y - r * size;
  if (!(dx >= table.tolA && size - dx > table.tolA && dy >= table.tolB && size - dy > table.tolB))
    return false;
  if (!(c > NO_CELL && c <= 0x7fffffff && r > NO_CELL && r <= 0x7fffffff)) return false;
  col[i] = c;
  row[i] = r;
  return true;
}

/** The cell's centre in lon/lat into out[offset], out[offset+1]. */
export function cellCentre(
  grid: CellGrid,
  col: number,
  row: number,
  out: Float64Array,
  offset: number,
): void {
  const size = grid.cellSize;
  grid.inverse(col * size + size / 2, row * size + size / 2, out, offset);
}

/**
 * The cell's square as a closed lon/lat ring (lower-left, lower-right, upper-right, upper-left,
 * lower-left: counter-clockwise), 10 numbers from out[offset]; with `westRing` ≥ 0, the west corners
 * are copied from the ring there (the cell to the west), as the same inverse would give them.
 */
export function cellRing(
  grid: CellGrid,
  col: number,
  row: number,
  out: Float64Array,
  offset: number,
  westRing = -1,
): void {
  const size = grid.cellSize;
  const x0 = col * size;
  const y0 = row * size;
  const x1 = (col + 1) * size;
  const y1 = (row + 1) * size;
  if (westRing >= 0) {
    out.copyWithin(offset, westRing + 2, westRing + 4);
    out.copyWithin(offset + 6, westRing + 4, westRing + 6);
  } else {
    grid.inverse(x0, y0, out, offset);
    grid.inverse(x0, y1, out, offset + 6);
  }
  grid.inverse(x1, y0, out, offset + 2);
  grid.inverse(x1, y1, out, offset + 4);
  out[offset + 8] = out[offset];
  out[offset + 9] = out[offset + 1];
}
