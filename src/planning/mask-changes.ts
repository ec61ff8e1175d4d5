import type { Households } from '../model/households.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { PointGrid } from '../spatial/point-grid.js';
import { forEachPointCovered } from './points-covered.js';

/**
 * Households' layer masks before and after a change of coverage, and which households changed: what
 * if re-classifies only the households inside a changed site's polygons (found through a point grid),
 * with the same exact point-in-polygon test as the classification (a point on an edge is covered).
 */
export class MaskChanges {
  readonly after: Uint32Array;
  /** Households whose mask was touched, in the order first touched. */
  readonly touched: number[] = [];
  private readonly seen: Uint8Array;

  constructor(
    readonly before: Uint32Array,
    private readonly households: Households,
    private readonly grid: PointGrid,
  ) {
    this.after = before.slice();
    this.seen = new Uint8Array(before.length);
  }

  /** Sets `bit` on every household polygon p of `set` covers. */
  cover(set: PolygonSet, p: number, bit: number): void {
    this.forEachCovered(set, p, (i) => {
      if ((this.after[i] & bit) !== 0) return;
      this.touch(i);
      this.after[i] = (this.after[i] | bit) >>> 0;
    });
  }

  /**
   * Clears `bit` on every household polygon p of `set` covers unless `stillCovered(i)` (another polygon
   * of the layer covers it too).
   */
  uncover(set: PolygonSet, p: number, bit: number, stillCovered: (i: number) => boolean): void {
    this.forEachCovered(set, p, (i) => {
      if ((this.after[i] & bit) === 0 || stillCovered(i)) return;
      this.touch(i);
      this.after[i] = (this.after[i] & ~bit) >>> 0;
    });
  }

  /** The touched households whose mask differs now. */
  changed(): number[] {
    return this.touched.filter((i) => this.after[i] !== this.before[i]);
  }

  private touch(i: number): void {
    if (this.seen[i] === 0) {
      this.seen[i] = 1;
      this.touched.push(i);
    }
  }

  private forEachCovered(set: PolygonSet, p: number, visit: (i: number) => void): void {
    forEachPointCovered(set, p, this.households.lon, this.households.lat, this.grid, visit);
  }
}
