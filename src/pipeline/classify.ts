import { addCounts, countLayout, emptyCounts, type HouseholdCounts } from '../analysis/household-counts.js';
import type { ClassifyContext, ClassifyResult } from '../parallel/messages.js';
import type { RunTask } from '../parallel/scheduler.js';
import type { Base } from './base.js';
import type { CoverageIndex } from './prepare-coverage.js';
import type { ProgressCallback } from './progress.js';

/** What the classification reads of a coverage index (the R-tree and culling are the unions'). */
export type ClassifyIndex = Pick<CoverageIndex, 'coverage' | 'grid' | 'bands'>;

/** Points per classification task: fixed, so the split (and so the result) is the same for any worker count. */
const CHUNK = 1 << 15;

/** Classifies every household against one coverage set and sums them per region, in chunks on `run`. */
export async function classify(
  run: RunTask,
  base: Base,
  index: ClassifyIndex,
  progress: ProgressCallback,
): Promise<HouseholdCounts> {
  const context = classifyContext(base, index);
  const count = base.households.count;
  const chunks = Math.ceil(count / CHUNK);
  let done = 0;
  const results = await Promise.all(
    Array.from({ length: chunks }, (_, c) =>
      run<ClassifyResult>({
        kind: 'classify',
        context,
        start: c * CHUNK,
        end: Math.min(count, (c + 1) * CHUNK),
      }).then((result) => {
        progress({ stage: 'classify', done: ++done, total: chunks });
        return result;
      }),
    ),
  );
  const counts = emptyCounts(context.layout);
  for (const result of results) addCounts(counts, result.counts);
  return { ...context.out, layout: context.layout, counts };
}

/** The classification task's view: the base's columns and region index, the coverage's, and shared output columns. */
export function classifyContext(base: Base, index: ClassifyIndex): ClassifyContext {
  const { households, regions, regionIndex } = base;
  const { coverage } = index;
  const shared = () => new SharedArrayBuffer(Math.max(1, households.count) * 4);
  return {
    households,
    coverage: coverage.polygons,
    coverageGrid: index.grid,
    coverageBands: index.bands,
    regions: regions.polygons,
    regionGrid: regionIndex.grid,
    regionBands: regionIndex.bands,
    layers: [...coverage.layers],
    layout: countLayout(coverage.layers, regions.ids.length),
    out: {
      mask: new Uint32Array(shared(), 0, households.count),
      region: new Int32Array(shared(), 0, households.count),
    },
  };
}
