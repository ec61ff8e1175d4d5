import { COL_HOUSEHOLDS, COL_POINTS, type HouseholdCounts } from '../analysis/household-counts.js';
import type { Coverage } from '../model/coverage.js';
import { type Households, MAX_WEIGHT } from '../model/households.js';
import { PolygonSetBuilder } from '../model/polygon-set.js';
import type { Regions } from '../model/regions.js';
import type { GeometryResult } from '../parallel/messages.js';
import type { AnalysisResult } from '../pipeline/analyze.js';
import { inputsFromMeta } from '../pipeline/inputs-meta.js';
import { type AnalyzeOptions, prepareOptions } from '../pipeline/options.js';
import { type SnapshotResult, snapshotResult } from '../pipeline/result.js';
import { combinedResult } from '../pipeline/snapshots-result.js';
import { mergedCells } from './merge-cells.js';
import type { PartialResult } from './partial-result.js';

/**
 * The share jobs' results (each with its regions in file order) as one run's result, through the same
 * figures, goals and tracking code as a run on one machine: rows and clips are each one job's,
 * household counts are integer sums, so every output comes out byte for byte the same.
 */
export async function mergedResult(
  given: AnalyzeOptions,
  regions: Regions,
  partials: readonly PartialResult[],
): Promise<AnalysisResult> {
  const options = prepareOptions(given);
  const snapshots = partials[0].snapshots.map((_, k) => mergedSnapshot(given, regions, partials, k));
  return combinedResult(options, snapshots);
}

function mergedSnapshot(
  options: AnalyzeOptions,
  regions: Regions,
  partials: readonly PartialResult[],
  k: number,
): SnapshotResult {
  const [first] = partials;
  const { date, meta, layout } = first.snapshots[k];
  const { stride, regionCount } = layout;
  const counts = new Float64Array((regionCount + 1) * stride);
  let points = 0;
  let weight = 0;
  for (const partial of partials) {
    const { rows } = partial.snapshots[k];
    partial.regions.forEach((r, j) => {
      counts.set(rows.subarray(j * stride, (j + 1) * stride), r * stride);
      points += rows[j * stride + COL_POINTS];
      weight += rows[j * stride + COL_HOUSEHOLDS];
    });
  }
  // Every household not in a job's region is outside the regions analysed: the run counts no more of them.
  counts[regionCount * stride + COL_POINTS] = first.points - points;
  counts[regionCount * stride + COL_HOUSEHOLDS] = first.weight - weight;
  const counted = {
    layout,
    counts,
    mask: new Uint32Array(0),
    region: new Int32Array(0),
  } as HouseholdCounts;
  // The clips in the order of the regions analysed (file order): each job's are in its regions' order.
  const clips = new Map<number, GeometryResult>();
  for (const p of partials)
    for (const [j, r] of p.regions.entries()) clips.set(r, p.snapshots[k].geometry[j]);
  const analysed = meta.selected ?? regions.ids.map((_, r) => r);
  const geometry = analysed.map((r) => clips.get(r) as GeometryResult);
  const cells = first.snapshots[k].cells
    ? mergedCells(
        partials.map((p) => ({ regions: p.regions, cells: p.snapshots[k].cells! })),
        regionCount,
      )
    : undefined;
  const coverage: Coverage = { layers: meta.layers, polygons: new PolygonSetBuilder().finish() };
  const inputs = inputsFromMeta(meta, { households: householdsRead(first.weight), coverage, regions });
  return snapshotResult(date, inputs, counted, geometry, options, cells);
}

/** The figures only sum the weights read: points carrying them in Uint32 pieces stand for the file's. */
function householdsRead(weight: number): Households {
  const pieces: number[] = [];
  for (let left = weight; left > 0; left -= Math.min(left, MAX_WEIGHT))
    pieces.push(Math.min(left, MAX_WEIGHT));
  return {
    count: pieces.length,
    lon: new Float64Array(pieces.length),
    lat: new Float64Array(pieces.length),
    weight: Uint32Array.from(pieces),
  };
}
