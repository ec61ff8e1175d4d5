import type { EdgeBands } from '../geometry/edge-bands.js';
import { polygonCovers, ringCrossings } from '../geometry/point-in-polygon.js';
import type { Households } from '../model/households.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { PolygonGrid } from '../spatial/polygon-grid.js';

/** What classification reads: the columns and the two grids (coverage in `bits` mode, regions in `min` mode). */
export interface ClassifyInput {
  households: Households;
  coverage: PolygonSet;
  coverageGrid: PolygonGrid;
  coverageBands: EdgeBands;
  regions: PolygonSet;
  regionGrid: PolygonGrid;
  regionBands: EdgeBands;
}

/** What classification writes, one entry per household point. */
export interface Classification {
  /** Bit l set = layer l covers the point. */
  mask: Uint32Array;
  /** Index of the first region (file order) that covers the point, or -1. */
  region: Int32Array;
}

/**
 * Classifies points start..end-1: the layers covering each, and its region. A point takes its
 * cell's "fully inside" answer and is tested exactly only against polygons whose edges cross its
 * cell. Every point is written independently, so any split of the range gives the same arrays.
 */
export function classifyRange(input: ClassifyInput, out: Classification, start: number, end: number): void {
  // Two passes rather than one loop: each keeps its own grid in registers and in cache.
  coverageMasks(input, out.mask, start, end);
  regionsOf(input, out.region, start, end);
}

function coverageMasks(input: ClassifyInput, maskOut: Uint32Array, start: number, end: number): void {
  const { households, coverage, coverageGrid, coverageBands } = input;
  const { lon, lat } = households;
  // Every field a local: the loop then reads no object, only typed arrays and numbers.
  const { x0, y0, dx, dy, cols, rows, full, edgeOffset, edgePolygons } = coverageGrid;
  // A window of a larger grid (a distributed job's share) bins as that grid, then shifts: exactly.
  const col0 = coverageGrid.col0 ?? 0;
  const row0 = coverageGrid.row0 ?? 0;
  // Multiplying may bin a point an ulp off a cell's side: the grid's margin makes either cell right.
  const perX = 1 / dx;
  const perY = 1 / dy;
  const { owner, bbox, ringStart, ringOffset, coords } = coverage;
  const { firstBand } = coverageBands;
  for (let i = start; i < end; i++) {
    const x = lon[i];
    const y = lat[i];
    let mask = 0;
    const col = (x - x0) * perX - col0;
    const row = (y - y0) * perY - row0;
    // Written as a positive test so NaN lands outside too; in the grid, truncation is Math.floor.
    if (col >= 0 && row >= 0 && col < cols && row < rows) {
      const cell = (row | 0) * cols + (col | 0);
      mask = full[cell];
      for (let k = edgeOffset[cell], kEnd = edgeOffset[cell + 1]; k < kEnd; k++) {
        const p = edgePolygons[k];
        const bit = 1 << owner[p];
        if ((mask & bit) !== 0) continue;
        // A sector that only clips the cell often misses the point's side of it: its box says so
        // in four comparisons (exact: the box is the vertices' own minimum and maximum).
        if (x < bbox[4 * p] || x > bbox[4 * p + 2] || y < bbox[4 * p + 1] || y > bbox[4 * p + 3]) continue;
        const ring = ringStart[p];
        if (ringStart[p + 1] === ring + 1 && firstBand[p] < 0) {
          // A sector is one ring of a dozen edges: tested here, without a call.
          if (ringCrossings(coords, ringOffset[ring], ringOffset[ring + 1], x, y) !== 0) mask |= bit;
        } else if (polygonCovers(coverage, p, x, y, coverageBands)) mask |= bit;
      }
    }
    maskOut[i] = mask >>> 0;
  }
}

function regionsOf(input: ClassifyInput, regionOut: Int32Array, start: number, end: number): void {
  const { households, regions, regionGrid, regionBands } = input;
  const { lon, lat } = households;
  const { x0, y0, dx, dy, cols, rows, full, edgeOffset, edgePolygons } = regionGrid;
  // Multiplying may bin a point an ulp off a cell's side: the grid's margin makes either cell right.
  const perX = 1 / dx;
  const perY = 1 / dy;
  const { owner } = regions;
  for (let i = start; i < end; i++) {
    const x = lon[i];
    const y = lat[i];
    let region = -1;
    const col = (x - x0) * perX;
    const row = (y - y0) * perY;
    if (col >= 0 && row >= 0 && col < cols && row < rows) {
      const cell = (row | 0) * cols + (col | 0);
      region = full[cell];
      for (let k = edgeOffset[cell], kEnd = edgeOffset[cell + 1]; k < kEnd; k++) {
        const p = edgePolygons[k];
        const o = owner[p];
        if ((region === -1 || o < region) && polygonCovers(regions, p, x, y, regionBands)) region = o;
      }
    }
    regionOut[i] = region;
  }
}
