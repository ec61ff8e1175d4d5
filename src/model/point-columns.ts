import { allocateHouseholds, firstHouseholds, type Households } from './households.js';

/**
 * Weighted points appended as they are found, straight into shared columns sized for `expected`
 * rows (a reader's estimate from its input's size): no grow-and-copy while the estimate holds, and
 * no final copy into shared memory. Rows past the estimate grow the columns by half again.
 * Reserved rows that are never written cost no memory: the operating system maps zero pages on
 * first write only.
 */
export class PointColumns {
  count = 0;
  private columns: Households;

  constructor(expected = 1 << 12) {
    this.columns = allocateHouseholds(Math.max(1 << 12, Math.ceil(expected)));
  }

  push(x: number, y: number, weight: number): void {
    if (this.count === this.columns.count) this.grow();
    const { columns } = this;
    columns.lon[this.count] = x;
    columns.lat[this.count] = y;
    columns.weight[this.count++] = weight;
  }

  /** Transforms the points from `start` on in place, as flat x, y pairs (e.g. a CRS to lon/lat, one window at a time). */
  transform(start: number, toLonLat: (xy: Float64Array) => void): void {
    if (start === this.count) return;
    const { lon, lat } = this.columns;
    const xy = new Float64Array((this.count - start) * 2);
    for (let k = start; k < this.count; k++) {
      xy[2 * (k - start)] = lon[k];
      xy[2 * (k - start) + 1] = lat[k];
    }
    toLonLat(xy);
    for (let k = start; k < this.count; k++) {
      lon[k] = xy[2 * (k - start)];
      lat[k] = xy[2 * (k - start) + 1];
    }
  }

  /** The rows written, as views on the shared columns. */
  finish(): Households {
    return firstHouseholds(this.columns, this.count);
  }

  private grow(): void {
    const old = this.columns;
    const grown = allocateHouseholds(Math.ceil(old.count * 1.5) + (1 << 12));
    grown.lon.set(old.lon);
    grown.lat.set(old.lat);
    grown.weight.set(old.weight);
    this.columns = grown;
  }
}
