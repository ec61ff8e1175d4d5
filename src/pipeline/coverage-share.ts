import type { TileRect } from '../analysis/coverage-tiles.js';
import { CLIP_SCALE } from '../geometry/integer-paths.js';
import type { Households } from '../model/households.js';
import { type CoordsReader, type PolygonSet, polygonSubset } from '../model/polygon-set.js';
import { type GridSpec, gridWindow } from '../spatial/grid-raster.js';
import { cellPad } from '../spatial/polygon-grid.js';

/**
 * A distributed job's share of a coverage set: the polygons near its regions, and which the unions
 * need (or, for `coverageShare`, the whole set as indexed).
 */
export interface CoverageShare {
  polygons: PolygonSet;
  /** Per polygon of the share: the whole set's union culling (see full-cells.ts). */
  needed: Uint8Array;
  /** The window of the whole set's grid that the share's work looks into. */
  grid: GridSpec;
}

/**
 * Where a job's work reads the coverage, as marked bins over the coverage grid's extent: its tiles
 * (the unions and clips) and its households (the classification), each with a grid cell around.
 * Then every grid cell the job looks at has all the polygons that touch it, so its full cells, its
 * edge lists and its tile unions are the whole run's.
 */
export interface ShareBins {
  x0: number;
  y0: number;
  size: number;
  cols: number;
  rows: number;
  marked: Uint8Array;
}

/** Bins at least this wide (degrees, ~1 km): fine enough to follow regions, few enough to mark fast. */
const MIN_BIN = 0.01;

export function shareBins(tiles: readonly TileRect[], households: Households, grid: GridSpec): ShareBins {
  const pad = cellPad(grid);
  const size = Math.max(MIN_BIN, pad);
  const x0 = grid.x0 - size;
  const y0 = grid.y0 - size;
  const cols = Math.max(1, Math.ceil((grid.cols * grid.dx) / size) + 2);
  const rows = Math.max(1, Math.ceil((grid.rows * grid.dy) / size) + 2);
  const marked = new Uint8Array(cols * rows);
  const bins = { x0, y0, size, cols, rows, marked };
  const mark = (minX: number, minY: number, maxX: number, maxY: number) => {
    // A box wholly outside the grid needs no polygon: clamped, it would mark the edge bins.
    if (maxX < x0 || maxY < y0 || minX > x0 + cols * size || minY > y0 + rows * size) return;
    const [c0, r0, c1, r1] = binRange(bins, minX, minY, maxX, maxY);
    for (let r = r0; r <= r1; r++) marked.fill(1, r * cols + c0, r * cols + c1 + 1);
  };
  for (const t of tiles)
    mark(
      t.left / CLIP_SCALE - pad,
      t.top / CLIP_SCALE - pad,
      t.right / CLIP_SCALE + pad,
      t.bottom / CLIP_SCALE + pad,
    );
  const { lon, lat, count } = households;
  const perX = 1 / grid.dx;
  const perY = 1 / grid.dy;
  for (let i = 0; i < count; i++) {
    const x = lon[i];
    const y = lat[i];
    // Outside the grid as classification finds it (the same expressions): in no coverage cell, it
    // needs no polygon. NaN fails the test too.
    const gc = (x - grid.x0) * perX;
    const gr = (y - grid.y0) * perY;
    if (!(gc >= 0 && gr >= 0 && gc < grid.cols && gr < grid.rows)) continue;
    // The point's box (pad ≤ size) lies within its bin's 3 × 3 (inside the bins: a bin of margin
    // on each side): marked already, as for most points of a share, nothing to do.
    const c = Math.floor((x - x0) / size);
    const r = Math.floor((y - y0) / size);
    if (allMarked(marked, cols, c, r)) continue;
    mark(x - pad, y - pad, x + pad, y + pad);
  }
  return bins;
}

function allMarked(marked: Uint8Array, cols: number, c: number, r: number): boolean {
  // Bins at the edge have no 3 × 3 around them: say no, and the caller marks the point's box.
  if (c < 1 || r < 1 || c >= cols - 1 || (r + 2) * cols > marked.length) return false;
  for (let dr = -1; dr <= 1; dr++)
    for (let dc = -1; dc <= 1; dc++) if (marked[(r + dr) * cols + c + dc] !== 1) return false;
  return true;
}

/** The bins a box meets: first and last column and row, clamped to the bins. */
function binRange(bins: ShareBins, minX: number, minY: number, maxX: number, maxY: number): number[] {
  const { x0, y0, size, cols, rows } = bins;
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  return [
    clamp(Math.floor((minX - x0) / size), cols),
    clamp(Math.floor((minY - y0) / size), rows),
    clamp(Math.floor((maxX - x0) / size), cols),
    clamp(Math.floor((maxY - y0) / size), rows),
  ];
}

/**
 * The coverage polygons whose boxes meet a marked bin, in file order, with their culling;
 * `readCoords`: the whole set's coordinates are not in memory but read as needed.
 */
export function coverageShare(
  whole: CoverageShare,
  bins: ShareBins,
  readCoords?: CoordsReader,
): CoverageShare {
  const set = whole.polygons;
  const { bbox } = set;
  const { x0, y0, size, cols, rows, marked } = bins;
  // Marked bins summed over every rectangle from the origin: any box is then four lookups.
  const width = cols + 1;
  const sums = new Int32Array(width * (rows + 1));
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++)
      sums[(r + 1) * width + c + 1] =
        marked[r * cols + c] + sums[r * width + c + 1] + sums[(r + 1) * width + c] - sums[r * width + c];
  const picked: number[] = [];
  for (let p = 0; p < set.polygonCount; p++) {
    const c0 = Math.max(0, Math.floor((bbox[4 * p] - x0) / size));
    const r0 = Math.max(0, Math.floor((bbox[4 * p + 1] - y0) / size));
    const c1 = Math.min(cols - 1, Math.floor((bbox[4 * p + 2] - x0) / size));
    const r1 = Math.min(rows - 1, Math.floor((bbox[4 * p + 3] - y0) / size));
    if (c0 > c1 || r0 > r1) continue;
    const inside =
      sums[(r1 + 1) * width + c1 + 1] -
      sums[r0 * width + c1 + 1] -
      sums[(r1 + 1) * width + c0] +
      sums[r0 * width + c0];
    if (inside > 0) picked.push(p);
  }
  const needed = new Uint8Array(new SharedArrayBuffer(Math.max(1, picked.length)), 0, picked.length);
  for (let k = 0; k < picked.length; k++) needed[k] = whole.needed[picked[k]];
  return {
    polygons: polygonSubset(set, picked, readCoords),
    needed,
    grid: gridWindow(whole.grid, markedExtent(bins)),
  };
}

/** The box around the marked bins (a bin wider on each side); none marked: an empty box. */
function markedExtent(bins: ShareBins): number[] {
  const { x0, y0, size, cols, rows, marked } = bins;
  let c0 = cols;
  let c1 = -1;
  let r0 = rows;
  let r1 = -1;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (marked[r * cols + c] !== 1) continue;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
      if (r < r0) r0 = r;
      r1 = r;
    }
  if (c1 < 0) return [Infinity, Infinity, -Infinity, -Infinity];
  return [x0 + (c0 - 1) * size, y0 + (r0 - 1) * size, x0 + (c1 + 2) * size, y0 + (r1 + 2) * size];
}
