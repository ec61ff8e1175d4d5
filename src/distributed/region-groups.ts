import type { Bounds } from '../geometry/bounds.js';
import { hilbertOrder } from '../io/flatgeobuf/packed-rtree.js';

/**
 * How many shares a run is cut into: the regions analysed by `size` a share (`--job-regions`), or
 * one per worker (`jobs`); never more than there are regions, at least one.
 */
export function shareCount(regions: number, size: number | undefined, jobs: number): number {
  if (regions === 0) return 1;
  return size === undefined ? Math.min(regions, Math.max(1, jobs)) : Math.ceil(regions / size);
}

/**
 * The regions analysed in Hilbert order of their boxes' centres, so that a run of them lies together
 * and its share reads the coverage of one area, not of the whole; regions without a box last.
 */
export function spatialOrder(analysed: readonly number[], boxes: readonly (Bounds | null)[]): number[] {
  const located = analysed.filter((r) => boxes[r]);
  const flat = new Float64Array(4 * located.length);
  for (const [k, r] of located.entries()) flat.set(boxes[r] as Bounds, 4 * k);
  return [...Array.from(hilbertOrder(flat), (k) => located[k]), ...analysed.filter((r) => !boxes[r])];
}
