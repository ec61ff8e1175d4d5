import type { EdgeBands } from '../geometry/edge-bands.js';
import { polygonCovers } from '../geometry/point-in-polygon.js';
import type { Households } from '../model/households.js';
import type { PolygonSet } from '../model/polygon-set.js';
import { gridCell, type PolygonGrid } from '../spatial/polygon-grid.js';

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
  const { households, coverage, coverageGrid, coverageBands, regions, regionGrid, regionBands } = input;
  const { lon, lat } = households;
  const cOwner = coverage.owner;
  const cBox = coverage.bbox;
  const cOffset = coverageGrid.edgeOffset;
  const cPolygons = coverageGrid.edgePolygons;
  const rOwner = regions.owner;
  const rOffset = regionGrid.edgeOffset;
  const rPolygons = regionGrid.edgePolygons;
  for (let i = start; i < end; i++) {
    const x = lon[i];
    const y = lat[i];

    let mask = 0;
    const cc = gridCell(coverageGrid, x, y);
    if (cc >= 0) {
      mask = coverageGrid.full[cc];
      for (let k = cOffset[cc]; k < cOffset[cc + 1]; k++) {
        const p = cPolygons[k];
        const bit = 1 << cOwner[p];
        if ((mask & bit) !== 0) continue;
        // A sector that only clips the cell often misses the point's side of it: its box says so
        // in four comparisons (exact: the box is the vertices' own minimum and maximum).
        if (x < cBox[4 * p] || x > cBox[4 * p + 2] || y < cBox[4 * p + 1] || y > cBox[4 * p + 3]) continue;
        if (polygonCovers(coverage, p, x, y, coverageBands)) mask |= bit;
      }
    }
    out.mask[i] = mask >>> 0;

    let region = -1;
    const rc = gridCell(regionGrid, x, y);
    if (rc >= 0) {
      region = regionGrid.full[rc];
      for (let k = rOffset[rc]; k < rOffset[rc + 1]; k++) {
        const p = rPolygons[k];
        const o = rOwner[p];
        if ((region === -1 || o < region) && polygonCovers(regions, p, x, y, regionBands)) region = o;
      }
    }
    out.region[i] = region;
  }
}
