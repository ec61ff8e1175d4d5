import { grownTo } from '../model/typed-arrays.js';
import { NO_CELL } from './funkloch-cells-grid.js';

/** The inhabited cells, sorted by row then column: their households, and those with the technology. */
export interface CellSums {
  count: number;
  col: Int32Array;
  row: Int32Array;
  households: Float64Array;
  covered: Float64Array;
}

/** Rows per point beyond which a counting sort by row would waste memory: such grids sort by comparison. */
const ROWS_PER_POINT = 4;
/** Columns up to which a row is summed in a dense array (two Float64 columns: 16 MB). */
const DENSE_COLUMNS = 1 << 20;

/**
 * Sums households per cell from each point's cell (`col`, `row`; NO_CELL skipped), weight and layer
 * bits: a counting sort by row, then each row summed by column in a dense scratch array. No string
 * keys, no hash; the 64-bit (col, row) key never has to fit a double.
 */
export function groupCells(
  col: Int32Array,
  row: Int32Array,
  weight: Uint32Array,
  mask: Uint32Array,
  technologyMask: number,
): CellSums {
  const n = col.length;
  let rowMin = Number.POSITIVE_INFINITY;
  let rowMax = Number.NEGATIVE_INFINITY;
  let colMin = Number.POSITIVE_INFINITY;
  let colMax = Number.NEGATIVE_INFINITY;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const c = col[i];
    if (c === NO_CELL) continue;
    const r = row[i];
    kept++;
    if (r < rowMin) rowMin = r;
    if (r > rowMax) rowMax = r;
    if (c < colMin) colMin = c;
    if (c > colMax) colMax = c;
  }
  const out = new CellOutput(Math.min(kept, 1 << 16));
  if (kept === 0) return out.finish();
  const rows = rowMax - rowMin + 1;
  if (rows > ROWS_PER_POINT * kept + 1024 || colMax - colMin + 1 > DENSE_COLUMNS) {
    sortedSums(col, row, weight, mask, technologyMask, kept, out);
    return out.finish();
  }

  // Counting sort by row: each point's column, weight and whether it has the technology.
  const start = new Uint32Array(rows + 1);
  for (let i = 0; i < n; i++) if (col[i] !== NO_CELL) start[row[i] - rowMin + 1]++;
  for (let r = 0; r < rows; r++) start[r + 1] += start[r];
  const next = start.slice(0, rows);
  const byRowCol = new Int32Array(kept);
  const byRowWeight = new Uint32Array(kept);
  const byRowCovered = new Uint8Array(kept);
  for (let i = 0; i < n; i++) {
    const c = col[i];
    if (c === NO_CELL) continue;
    const k = next[row[i] - rowMin]++;
    byRowCol[k] = c - colMin;
    byRowWeight[k] = weight[i];
    byRowCovered[k] = (mask[i] & technologyMask) !== 0 ? 1 : 0;
  }

  // Each row: sums by column in dense scratch, emitted in column order, scratch reset.
  const width = colMax - colMin + 1;
  const households = new Float64Array(width);
  const covered = new Float64Array(width);
  let touched = new Int32Array(1024);
  for (let r = 0; r < rows; r++) {
    let seen = 0;
    for (let k = start[r]; k < start[r + 1]; k++) {
      const c = byRowCol[k];
      if (households[c] === 0) {
        if (seen === touched.length) touched = grownTo(touched, 2 * seen);
        touched[seen++] = c;
      }
      households[c] += byRowWeight[k];
      if (byRowCovered[k] === 1) covered[c] += byRowWeight[k];
    }
    const cols = touched.subarray(0, seen).sort();
    for (let k = 0; k < seen; k++) {
      const c = cols[k];
      out.push(c + colMin, r + rowMin, households[c], covered[c]);
      households[c] = 0;
      covered[c] = 0;
    }
  }
  return out.finish();
}

/** For sparse, far-flung grids: the kept points sorted by (row, col), runs summed. */
function sortedSums(
  col: Int32Array,
  row: Int32Array,
  weight: Uint32Array,
  mask: Uint32Array,
  technologyMask: number,
  kept: number,
  out: CellOutput,
): void {
  const order = new Uint32Array(kept);
  let k = 0;
  for (let i = 0; i < col.length; i++) if (col[i] !== NO_CELL) order[k++] = i;
  order.sort((a, b) => row[a] - row[b] || col[a] - col[b]);
  for (let s = 0; s < kept; ) {
    const c = col[order[s]];
    const r = row[order[s]];
    let households = 0;
    let covered = 0;
    for (; s < kept && col[order[s]] === c && row[order[s]] === r; s++) {
      const i = order[s];
      households += weight[i];
      if ((mask[i] & technologyMask) !== 0) covered += weight[i];
    }
    out.push(c, r, households, covered);
  }
}

/** Growable cell columns. */
class CellOutput {
  count = 0;
  col: Int32Array;
  row: Int32Array;
  households: Float64Array;
  covered: Float64Array;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.col = new Int32Array(size);
    this.row = new Int32Array(size);
    this.households = new Float64Array(size);
    this.covered = new Float64Array(size);
  }

  push(col: number, row: number, households: number, covered: number): void {
    if (this.count === this.col.length) {
      const size = 2 * this.count;
      this.col = grownTo(this.col, size);
      this.row = grownTo(this.row, size);
      this.households = grownTo(this.households, size);
      this.covered = grownTo(this.covered, size);
    }
    const k = this.count++;
    this.col[k] = col;
    this.row[k] = row;
    this.households[k] = households;
    this.covered[k] = covered;
  }

  finish(): CellSums {
    const n = this.count;
    return {
      count: n,
      col: this.col.slice(0, n),
      row: this.row.slice(0, n),
      households: this.households.slice(0, n),
      covered: this.covered.slice(0, n),
    };
  }
}
