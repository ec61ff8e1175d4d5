import type { PolygonSet } from '../model/polygon-set.js';

/**
 * Horizontal bands of each large polygon's edges, so a point-in-polygon test reads only the edges
 * whose y-range meets the point's band instead of all of them (a Kreis has thousands of edges; a
 * band holds a dozen). An edge is listed in every band its closed y-range touches, so the edges
 * that can straddle or touch a horizontal line through y are all in y's band: the banded test
 * gives exactly the unbanded answer.
 */
export interface EdgeBands {
  /** Per polygon: first band in `bandOffset`, or -1 when the polygon is small and tested directly. */
  firstBand: Int32Array;
  bandCount: Uint32Array;
  /** Per polygon: the y of its first band's bottom and the band height. */
  minY: Float64Array;
  height: Float64Array;
  /** CSR over all bands: the edges (index of their first vertex) of band b are bandEdges[bandOffset[b] .. bandOffset[b+1]). */
  bandOffset: Uint32Array;
  bandEdges: Uint32Array;
}

/** Polygons with at most this many edges are tested edge by edge. */
const SMALL = 32;
/** Edges per band, on average. */
const EDGES_PER_BAND = 8;

export function buildEdgeBands(set: PolygonSet, small = SMALL): EdgeBands {
  const { polygonCount, ringStart, ringOffset, bbox } = set;
  const shared = <T>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T =>
    make(new SharedArrayBuffer(Math.max(1, polygonCount) * bytes));
  const firstBand = shared((b) => new Int32Array(b, 0, polygonCount), 4).fill(-1);
  const bandCount = shared((b) => new Uint32Array(b, 0, polygonCount), 4);
  const minY = shared((b) => new Float64Array(b, 0, polygonCount), 8);
  const height = shared((b) => new Float64Array(b, 0, polygonCount), 8);
  let totalBands = 0;
  for (let p = 0; p < polygonCount; p++) {
    const edges = ringOffset[ringStart[p + 1]] - ringOffset[ringStart[p]] - (ringStart[p + 1] - ringStart[p]);
    if (edges <= small) continue;
    const bands = Math.ceil(edges / EDGES_PER_BAND);
    firstBand[p] = totalBands;
    bandCount[p] = bands;
    minY[p] = bbox[4 * p + 1];
    height[p] = (bbox[4 * p + 3] - minY[p]) / bands || 1;
    totalBands += bands;
  }
  // Two passes over the edges: count each band's edges, then place them (in ring order within a band).
  const bandOffset = new Uint32Array(new SharedArrayBuffer((totalBands + 1) * 4));
  forEachBandEdge(set, firstBand, bandCount, minY, height, (band) => {
    bandOffset[band + 1]++;
  });
  for (let b = 0; b < totalBands; b++) bandOffset[b + 1] += bandOffset[b];
  const entries = bandOffset[totalBands];
  const bandEdges = new Uint32Array(new SharedArrayBuffer(Math.max(1, entries) * 4), 0, entries);
  const cursor = bandOffset.slice(0, totalBands);
  forEachBandEdge(set, firstBand, bandCount, minY, height, (band, v) => {
    bandEdges[cursor[band]++] = v;
  });
  return { firstBand, bandCount, minY, height, bandOffset, bandEdges };
}

/** Calls `visit(band, v)` for every band that the edge from vertex v of a banded polygon touches. */
function forEachBandEdge(
  set: PolygonSet,
  firstBand: Int32Array,
  bandCount: Uint32Array,
  minY: Float64Array,
  height: Float64Array,
  visit: (band: number, v: number) => void,
): void {
  const { polygonCount, ringStart, ringOffset, coords } = set;
  for (let p = 0; p < polygonCount; p++) {
    const first = firstBand[p];
    if (first < 0) continue;
    const y0 = minY[p];
    const h = height[p];
    const bands = bandCount[p];
    for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
      for (let v = ringOffset[r]; v < ringOffset[r + 1] - 1; v++) {
        const ay = coords[2 * v + 1];
        const by = coords[2 * v + 3];
        const b0 = bandOf(Math.min(ay, by), y0, h, bands);
        const b1 = bandOf(Math.max(ay, by), y0, h, bands);
        for (let b = b0; b <= b1; b++) visit(first + b, v);
      }
    }
  }
}

/** The band of y (clamped), computed the same way for edges and for points so the two always agree. */
export function bandOf(y: number, y0: number, h: number, bands: number): number {
  const b = Math.floor((y - y0) / h);
  return b < 0 ? 0 : b >= bands ? bands - 1 : b;
}
