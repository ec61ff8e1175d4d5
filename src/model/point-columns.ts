import { allocateHouseholds, type Households } from './households.js';
import { grownTo } from './typed-arrays.js';

/** Weighted points appended as they are found (their number is not known before the last window). */
export class PointColumns {
  count = 0;
  private x = new Float64Array(1 << 12);
  private y = new Float64Array(1 << 12);
  private weight = new Uint32Array(1 << 12);

  push(x: number, y: number, weight: number): void {
    if (this.count === this.x.length) {
      this.x = grownTo(this.x, this.count * 2);
      this.y = grownTo(this.y, this.count * 2);
      this.weight = grownTo(this.weight, this.count * 2);
    }
    this.x[this.count] = x;
    this.y[this.count] = y;
    this.weight[this.count++] = weight;
  }

  /** Transforms the points from `start` on in place, as flat x, y pairs (e.g. a CRS to lon/lat, one window at a time). */
  transform(start: number, toLonLat: (xy: Float64Array) => void): void {
    if (start === this.count) return;
    const xy = new Float64Array((this.count - start) * 2);
    for (let k = start; k < this.count; k++) {
      xy[2 * (k - start)] = this.x[k];
      xy[2 * (k - start) + 1] = this.y[k];
    }
    toLonLat(xy);
    for (let k = start; k < this.count; k++) {
      this.x[k] = xy[2 * (k - start)];
      this.y[k] = xy[2 * (k - start) + 1];
    }
  }

  finish(): Households {
    const households = allocateHouseholds(this.count);
    households.lon.set(this.x.subarray(0, this.count));
    households.lat.set(this.y.subarray(0, this.count));
    households.weight.set(this.weight.subarray(0, this.count));
    return households;
  }
}
