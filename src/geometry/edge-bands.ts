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
  const { polygonCount, ringStart, ringOffset, coords, bbox } = set;
  const firstBand = new Int32Array(
    new SharedArrayBuffer(Math.max(1, polygonCount) * 4),
    0,
    polygonCount,
  ).fill(-1);
  const bandCount = new Uint32Array(new SharedArrayBuffer(Math.max(1, polygonCount) * 4), 0, polygonCount);
  const minY = new Float64Array(new SharedArrayBuffer(Math.max(1, polygonCount) * 8), 0, polygonCount);
  const height = new Float64Array(new SharedArrayBuffer(Math.max(1, polygonCount) * 8), 0, polygonCount);
  const counts: number[] = [0];
  const entries: number[] = [];
  const lists: number[][] = [];
  for (let p = 0; p < polygonCount; p++) {
    const edges = ringOffset[ringStart[p + 1]] - ringOffset[ringStart[p]] - (ringStart[p + 1] - ringStart[p]);
    if (edges <= small) continue;
    const bands = Math.ceil(edges / EDGES_PER_BAND);
    const y0 = bbox[4 * p + 1];
    const h = (bbox[4 * p + 3] - y0) / bands || 1;
    firstBand[p] = lists.length;
    bandCount[p] = bands;
    minY[p] = y0;
    height[p] = h;
    const base = lists.length;
    for (let b = 0; b < bands; b++) lists.push([]);
    for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
      for (let v = ringOffset[r]; v < ringOffset[r + 1] - 1; v++) {
        const ay = coords[2 * v + 1];
        const by = coords[2 * v + 3];
        const b0 = bandOf(Math.min(ay, by), y0, h, bands);
        const b1 = bandOf(Math.max(ay, by), y0, h, bands);
        for (let b = b0; b <= b1; b++) lists[base + b].push(v);
      }
    }
  }
  for (const list of lists) {
    counts.push(counts[counts.length - 1] + list.length);
    for (const v of list) entries.push(v);
  }
  const bandOffset = new Uint32Array(new SharedArrayBuffer(counts.length * 4));
  bandOffset.set(counts);
  const bandEdges = new Uint32Array(
    new SharedArrayBuffer(Math.max(1, entries.length) * 4),
    0,
    entries.length,
  );
  bandEdges.set(entries);
  return { firstBand, bandCount, minY, height, bandOffset, bandEdges };
}

/** The band of y (clamped), computed the same way for edges and for points so the two always agree. */
export function bandOf(y: number, y0: number, h: number, bands: number): number {
  const b = Math.floor((y - y0) / h);
  return b < 0 ? 0 : b >= bands ? bands - 1 : b;
}
