import { buildEdgeBands, type EdgeBands } from '../geometry/edge-bands.js';
import type { PolygonSet } from '../model/polygon-set.js';
import { buildPolygonGrid, type PolygonGrid } from './polygon-grid.js';

/** The grids and edge bands of coverage and regions, all in SharedArrayBuffers. */
export interface Indexes {
  coverageGrid: PolygonGrid;
  coverageBands: EdgeBands;
  regionGrid: PolygonGrid;
  regionBands: EdgeBands;
}

/** `coverageCellsAcross`: grid cells across a median coverage polygon (see analyze's choice). */
export function buildIndexes(
  coverage: PolygonSet,
  regions: PolygonSet,
  coverageCellsAcross: number,
): Indexes {
  return {
    coverageGrid: buildPolygonGrid(coverage, 'bits', coverageCellsAcross),
    coverageBands: buildEdgeBands(coverage),
    // Regions are few and large: finer cells, so most points are decided by their cell alone.
    regionGrid: buildPolygonGrid(regions, 'min', 64),
    regionBands: buildEdgeBands(regions),
  };
}
