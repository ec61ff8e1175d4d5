/**
 * The 4-connected components of the set cells of a row-major mask, found over runs (maximal
 * horizontal stretches of set cells) with a union-find, not cell by cell: a blobby mask of millions
 * of cells has only thousands of runs, so this costs two byte scans of the mask and little memory.
 * Components are numbered in the row-major order of their first cell.
 */
export class CellComponents {
  private readonly rowStart: Int32Array;
  private readonly runStart: Int32Array;
  private readonly runEnd: Int32Array;
  private readonly component: Int32Array;
  readonly count: number;

  constructor(
    mask: ArrayLike<number>,
    private readonly columns: number,
    rows: number,
  ) {
    let runs = 0;
    for (let r = 0; r < rows; r++) {
      let previous = 0;
      for (let k = r * columns, end = k + columns; k < end; k++) {
        const on = mask[k] !== 0 ? 1 : 0;
        if (on > previous) runs++;
        previous = on;
      }
    }
    this.rowStart = new Int32Array(rows + 1);
    this.runStart = new Int32Array(runs);
    this.runEnd = new Int32Array(runs);
    let n = 0;
    for (let r = 0; r < rows; r++) {
      this.rowStart[r] = n;
      const base = r * columns;
      for (let c = 0; c < columns; c++) {
        if (mask[base + c] === 0 || (c > 0 && mask[base + c - 1] !== 0)) continue;
        let e = c + 1;
        while (e < columns && mask[base + e] !== 0) e++;
        this.runStart[n] = c;
        this.runEnd[n++] = e;
      }
    }
    this.rowStart[rows] = n;

    // Runs in neighbouring rows that share a column are one component; the root is the earliest run.
    const parent = new Int32Array(runs);
    for (let i = 0; i < runs; i++) parent[i] = i;
    const find = (i: number) => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    };
    for (let r = 1; r < rows; r++) {
      let i = this.rowStart[r - 1];
      let j = this.rowStart[r];
      while (i < this.rowStart[r] && j < this.rowStart[r + 1]) {
        if (this.runStart[i] < this.runEnd[j] && this.runStart[j] < this.runEnd[i]) {
          const a = find(i);
          const b = find(j);
          if (a < b) parent[b] = a;
          else if (b < a) parent[a] = b;
        }
        if (this.runEnd[i] < this.runEnd[j]) i++;
        else j++;
      }
    }
    this.component = new Int32Array(runs);
    let next = 0;
    for (let i = 0; i < runs; i++) {
      const root = find(i);
      this.component[i] = root === i ? next++ : this.component[root];
    }
    this.count = next;
  }

  /** The component of set cell k (row-major); a bug if cell k is not set. */
  of(k: number): number {
    const c = k % this.columns;
    const r = (k - c) / this.columns;
    let lo = this.rowStart[r];
    let hi = this.rowStart[r + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.runEnd[mid] <= c) lo = mid + 1;
      else if (this.runStart[mid] > c) hi = mid - 1;
      else return this.component[mid];
    }
    throw new Error(`cell ${k} is not set`);
  }
}
