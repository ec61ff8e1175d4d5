import type { UnionCulling } from '../analysis/full-cells.js';
import { unionGroups } from '../analysis/full-cells.js';
import type { EdgeBands } from '../geometry/edge-bands.js';
import { type Coverage, type Layer, LTE, NR, technologyMask } from '../model/coverage.js';
import type { FixedIndex, IndexResult, TileSource } from '../parallel/messages.js';
import type { RunTask } from '../parallel/scheduler.js';
import type { PolygonGrid } from '../spatial/polygon-grid.js';
import type { CoveragePlan } from './coverage-plan.js';

/** One coverage set made ready to classify against a Base and to union per tile. */
export interface CoverageIndex {
  coverage: Coverage;
  grid: PolygonGrid;
  bands: EdgeBands;
  /** The R-tree's Flatbush data. */
  rtree: ArrayBufferLike;
  /** Which polygons the unions need: the grid's full cells stand in for the others. */
  culling: UnionCulling;
  perLayer: boolean;
}

/**
 * Builds the coverage's grid, R-tree and union culling as one task (`run`: on the pool, while this
 * thread reads). `fixed`: the coverage is a share of a larger set, indexed with that set's grid and culling.
 */
export async function prepareCoverage(
  run: RunTask,
  coverage: Coverage,
  plan: CoveragePlan,
  fixed?: FixedIndex,
): Promise<CoverageIndex> {
  const { layers } = coverage;
  const indexed = await run<IndexResult>({
    kind: 'index',
    set: coverage.polygons,
    cellsAcross: plan.cellsAcross,
    groups: coverageGroups(layers, plan),
    ...(fixed ? { fixed } : {}),
  });
  const { grid, bands, rtree, culling } = indexed;
  return { coverage, grid, bands, rtree, culling, perLayer: plan.perLayer };
}

/** Per layer, the layers its union joins (full-cells.ts `unionGroups`) as the plan has them. */
export function coverageGroups(layers: readonly Layer[], plan: Pick<CoveragePlan, 'perLayer'>): number[] {
  return unionGroups(layers.length, technologyMask(layers, LTE), technologyMask(layers, NR), plan.perLayer);
}

/** What the tile unions read; full cells stand in for covered sectors. */
export function tileSource(index: CoverageIndex): TileSource {
  const { coverage, rtree, perLayer, culling } = index;
  return {
    perLayer,
    culling,
    coverage: coverage.polygons,
    coverageIndex: rtree,
    layerCount: coverage.layers.length,
    lteMask: technologyMask(coverage.layers, LTE),
    nrMask: technologyMask(coverage.layers, NR),
  };
}
