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
  const { households, coverage, coverageGrid, coverageBands, regions, regionGrid, regionBands } = input;
  const { lon, lat } = households;
  const { mask: maskOut, region: regionOut } = out;
  // Every field a local: the loop then reads no object, only typed arrays and numbers.
  const { x0: cx0, y0: cy0, dx: cdx, dy: cdy, cols: cCols, rows: cRows, full: cFull } = coverageGrid;
  const { edgeOffset: cOffset, edgePolygons: cPolygons } = coverageGrid;
  const { owner: cOwner, bbox: cBox, ringStart: cRings, ringOffset: cVertices, coords: cCoords } = coverage;
  const cFirstBand = coverageBands.firstBand;
  const { x0: rx0, y0: ry0, dx: rdx, dy: rdy, cols: rCols, rows: rRows, full: rFull } = regionGrid;
  const { edgeOffset: rOffset, edgePolygons: rPolygons } = regionGrid;
  const rOwner = regions.owner;
  for (let i = start; i < end; i++) {
    const x = lon[i];
    const y = lat[i];

    let mask = 0;
    const ccol = (x - cx0) / cdx;
    const crow = (y - cy0) / cdy;
    // Written as a positive test so NaN lands outside too; in the grid, truncation is Math.floor.
    if (ccol >= 0 && crow >= 0 && ccol < cCols && crow < cRows) {
      const cc = (crow | 0) * cCols + (ccol | 0);
      mask = cFull[cc];
      for (let k = cOffset[cc], kEnd = cOffset[cc + 1]; k < kEnd; k++) {
        const p = cPolygons[k];
        const bit = 1 << cOwner[p];
        if ((mask & bit) !== 0) continue;
        // A sector that only clips the cell often misses the point's side of it: its box says so
        // in four comparisons (exact: the box is the vertices' own minimum and maximum).
        if (x < cBox[4 * p] || x > cBox[4 * p + 2] || y < cBox[4 * p + 1] || y > cBox[4 * p + 3]) continue;
        const ring = cRings[p];
        if (cRings[p + 1] === ring + 1 && cFirstBand[p] < 0) {
          // A sector is one ring of a dozen edges: tested here, without a call.
          if (ringCrossings(cCoords, cVertices[ring], cVertices[ring + 1], x, y) !== 0) mask |= bit;
        } else if (polygonCovers(coverage, p, x, y, coverageBands)) mask |= bit;
      }
    }
    maskOut[i] = mask >>> 0;

    let region = -1;
    const rcol = (x - rx0) / rdx;
    const rrow = (y - ry0) / rdy;
    if (rcol >= 0 && rrow >= 0 && rcol < rCols && rrow < rRows) {
      const rc = (rrow | 0) * rCols + (rcol | 0);
      region = rFull[rc];
      for (let k = rOffset[rc], kEnd = rOffset[rc + 1]; k < kEnd; k++) {
        const p = rPolygons[k];
        const o = rOwner[p];
        if ((region === -1 || o < region) && polygonCovers(regions, p, x, y, regionBands)) region = o;
      }
    }
    regionOut[i] = region;
  }
}
