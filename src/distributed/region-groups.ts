import type { Bounds } from '../geometry/bounds.js';
import { hilbertOrder } from '../io/flatgeobuf/packed-rtree.js';

/**
 * The regions analysed cut into groups of `size` (default: as many groups as `jobs`), the last one
 * smaller. With `boxes` (each region's bounds, by index), the regions go in Hilbert order of their
 * centres first, so a group's regions lie together and its job reads the coverage of one area, not
 * of the whole; each group lists its regions in file order.
 */
export function regionGroups(
  analysed: readonly number[],
  size: number | undefined,
  jobs: number,
  boxes?: readonly (Bounds | null)[],
): number[][] {
  if (analysed.length === 0) return [[]];
  const per = size ?? Math.max(1, Math.ceil(analysed.length / Math.max(1, jobs)));
  const ordered = boxes ? spatialOrder(analysed, boxes) : analysed;
  const groups: number[][] = [];
  for (let start = 0; start < ordered.length; start += per)
    groups.push(ordered.slice(start, start + per).sort((a, b) => a - b));
  return groups;
}

function spatialOrder(analysed: readonly number[], boxes: readonly (Bounds | null)[]): number[] {
  const located = analysed.filter((r) => boxes[r]);
  const flat = new Float64Array(4 * located.length);
  for (const [k, r] of located.entries()) flat.set(boxes[r] as Bounds, 4 * k);
  // Regions with no geometry (no box) go last, in file order.
  return [...Array.from(hilbertOrder(flat), (k) => located[k]), ...analysed.filter((r) => !boxes[r])];
}
