import { type Layer, LTE, NR, technologyMask } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import type { Classification } from './classify.js';

/**
 * Household sums per region as one flat Float64Array: a row per region plus a last row for the
 * points outside every region. Sums of integer weights are exact in doubles: every cell sums a subset
 * of one input, whose total the readers keep ≤ 2^53 − 1 (io/household-total.ts), so rows added up
 * from any split of the points are identical.
 */
export interface CountLayout {
  readonly technologies: readonly string[];
  readonly layerCount: number;
  readonly stride: number;
  readonly regionCount: number;
}

/** Every household's layers and region (from classification), and the sums per region in `layout`. */
export interface HouseholdCounts extends Classification {
  layout: CountLayout;
  counts: Float64Array;
}

export const COL_HOUSEHOLDS = 0;
export const COL_NO_LTE = 1;
export const COL_SINGLE_LTE = 2;
export const COL_POINTS = 3;
const FIXED_COLUMNS = 4;

/** Technologies in report order: lte, 5g, then the others alphabetically. */
export function countLayout(layers: readonly Layer[], regionCount: number): CountLayout {
  const others = [...new Set(layers.map((l) => l.technology))].filter((t) => t !== LTE && t !== NR).sort();
  const technologies = [LTE, NR, ...others];
  return {
    technologies,
    layerCount: layers.length,
    stride: FIXED_COLUMNS + technologies.length + layers.length,
    regionCount,
  };
}

export function technologyColumn(t: number): number {
  return FIXED_COLUMNS + t;
}

export function layerColumn(layout: CountLayout, l: number): number {
  return FIXED_COLUMNS + layout.technologies.length + l;
}

export function emptyCounts(layout: CountLayout): Float64Array {
  return new Float64Array((layout.regionCount + 1) * layout.stride);
}

/** Up to this many layers, points are first tallied per (region, layer mask): 2^8 masks a region. */
const TALLY_LAYERS = 8;

/** Adds points start..end-1 into `counts`. */
export function countRange(
  layout: CountLayout,
  layers: readonly Layer[],
  households: Households,
  classification: Classification,
  counts: Float64Array,
  start: number,
  end: number,
): void {
  // The tally pays when it has fewer slots than there are points to add.
  if (layout.layerCount > TALLY_LAYERS || (layout.regionCount + 1) << layout.layerCount > end - start) {
    countEach(layout, layers, households, classification, counts, start, end);
    return;
  }
  // Two additions a point instead of one per column; the columns follow once per (region, mask).
  // Sums of integers below 2^53 are exact in any order, so the counts are the same as point by point.
  const masks = 1 << layout.layerCount;
  const { regionCount } = layout;
  const tallyWeight = new Float64Array((regionCount + 1) * masks);
  const tallyPoints = new Float64Array((regionCount + 1) * masks);
  const { weight } = households;
  const { mask, region } = classification;
  for (let i = start; i < end; i++) {
    const r = region[i];
    // Outside every region only households and points are counted: mask 0 stands for all.
    const slot = r < 0 ? regionCount * masks : r * masks + mask[i];
    tallyWeight[slot] += weight[i];
    tallyPoints[slot] += 1;
  }
  const { stride } = layout;
  const techMasks = layout.technologies.map((t) => technologyMask(layers, t));
  const lteMask = techMasks[0];
  for (let r = 0; r <= regionCount; r++) {
    const row = r * stride;
    for (let m = 0; m < masks; m++) {
      const points = tallyPoints[r * masks + m];
      if (points === 0) continue;
      const w = tallyWeight[r * masks + m];
      counts[row + COL_POINTS] += points;
      counts[row + COL_HOUSEHOLDS] += w;
      if (r === regionCount) continue;
      addMaskColumns(counts, row, m, w, lteMask, techMasks);
    }
  }
}

/** Point by point: for few points, or layer counts whose masks are too many to tally. */
function countEach(
  layout: CountLayout,
  layers: readonly Layer[],
  households: Households,
  classification: Classification,
  counts: Float64Array,
  start: number,
  end: number,
): void {
  const { stride, technologies, regionCount } = layout;
  const techMasks = technologies.map((t) => technologyMask(layers, t));
  const lteMask = techMasks[0];
  const { weight } = households;
  const { mask, region } = classification;
  for (let i = start; i < end; i++) {
    const r = region[i];
    const w = weight[i];
    const row = (r < 0 ? regionCount : r) * stride;
    counts[row + COL_POINTS] += 1;
    counts[row + COL_HOUSEHOLDS] += w;
    if (r < 0) continue;
    addMaskColumns(counts, row, mask[i], w, lteMask, techMasks);
  }
}

/** Adds weight `w` of points with layer mask `m` to the LTE, technology and layer columns of `row`. */
function addMaskColumns(
  counts: Float64Array,
  row: number,
  m: number,
  w: number,
  lteMask: number,
  techMasks: readonly number[],
): void {
  const lteOperators = popcount(m & lteMask);
  if (lteOperators === 0) counts[row + COL_NO_LTE] += w;
  else if (lteOperators === 1) counts[row + COL_SINGLE_LTE] += w;
  for (let t = 0; t < techMasks.length; t++) {
    if ((m & techMasks[t]) !== 0) counts[row + FIXED_COLUMNS + t] += w;
  }
  const layerBase = row + FIXED_COLUMNS + techMasks.length;
  for (let bits = m; bits !== 0; bits &= bits - 1) {
    counts[layerBase + (31 - Math.clz32(bits & -bits))] += w;
  }
}

export function addCounts(into: Float64Array, from: Float64Array): void {
  for (let k = 0; k < into.length; k++) into[k] += from[k];
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
