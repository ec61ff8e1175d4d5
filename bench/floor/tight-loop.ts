/**
 * The JS floor: classifyRange's grid scheme and countRange's tally as one function of typed arrays,
 * sector rings and region bands tested inline, orient2d's fast path inline. What JS can do at best
 * with this scheme, to set beside funkatlas's own classify + count.
 */
import type { ClassifyInput } from '../../src/analysis/classify.js';
import { polygonCovers } from '../../src/geometry/point-in-polygon.js';

/** Per-point answers and the (region, layer mask) tally, as the floor writes them. */
export interface FloorOutput {
  mask: Uint32Array;
  region: Int32Array;
  /** Weights and points per slot: region × 2^layers, then one slot for outside every region. */
  tallyWeight: Float64Array;
  tallyPoints: Float64Array;
}

/** robust-predicates' error bound for orient2d's fast path (its `ccwerrboundA`). */
const BOUND = (3 + 16 * 2 ** -53) * 2 ** -53;

export function floorOutput(points: number, regionCount: number, layerCount: number): FloorOutput {
  const slots = regionCount * 2 ** layerCount + 1;
  return {
    mask: new Uint32Array(points),
    region: new Int32Array(points),
    tallyWeight: new Float64Array(slots),
    tallyPoints: new Float64Array(slots),
  };
}

/** Classifies and tallies every point; a vertex on the point's y or a close orientation goes to polygonCovers. */
export function tightLoop(input: ClassifyInput, layerCount: number, out: FloorOutput): void {
  const { lon, lat, weight, count: n } = input.households;
  // Every field a local: the loops then read no object, only typed arrays and numbers.
  const { x0: cx0, y0: cy0, dx: cdx, dy: cdy, cols: cCols, rows: cRows } = input.coverageGrid;
  const { full: cFull, edgeOffset: cOff, edgePolygons: cPoly } = input.coverageGrid;
  const cPerX = 1 / cdx;
  const cPerY = 1 / cdy;
  const { owner: cOwner, bbox: cBox, ringStart: cRS, ringOffset: cRO, coords: cC } = input.coverage;
  const cFirstBand = input.coverageBands.firstBand;
  const { mask: maskOut, region: regionOut, tallyWeight, tallyPoints } = out;
  for (let i = 0; i < n; i++) {
    const x = lon[i];
    const y = lat[i];
    let m = 0;
    const fc = (x - cx0) * cPerX;
    const fr = (y - cy0) * cPerY;
    if (fc >= 0 && fr >= 0 && fc < cCols && fr < cRows) {
      const cell = (fr | 0) * cCols + (fc | 0);
      m = cFull[cell];
      for (let k = cOff[cell], ke = cOff[cell + 1]; k < ke; k++) {
        const p = cPoly[k];
        const bit = 1 << cOwner[p];
        if (m & bit) continue;
        if (x < cBox[4 * p] || x > cBox[4 * p + 2] || y < cBox[4 * p + 1] || y > cBox[4 * p + 3]) continue;
        let ins = 0;
        if (cRS[p + 1] !== cRS[p] + 1 || cFirstBand[p] >= 0) {
          ins = polygonCovers(input.coverage, p, x, y, input.coverageBands) ? 1 : 0;
        } else {
          const f = cRO[cRS[p]];
          const e = cRO[cRS[p] + 1];
          let ax = cC[2 * f];
          let ay = cC[2 * f + 1];
          for (let v = f + 1; v < e; v++) {
            const bx = cC[2 * v];
            const by = cC[2 * v + 1];
            const s = (ay - y) * (by - y);
            if (s < 0) {
              if (ax > x && bx > x) ins ^= 1;
              else if (!(ax < x && bx < x)) {
                const l = (ay - y) * (bx - x);
                const r = (ax - x) * (by - y);
                const d = l - r;
                if (!(Math.abs(d) >= BOUND * Math.abs(l + r)) || d === 0) {
                  ins = polygonCovers(input.coverage, p, x, y) ? 1 : 0;
                  break;
                }
                if (d < 0 ? by > ay : by < ay) ins ^= 1;
              }
            } else if (s === 0) {
              ins = polygonCovers(input.coverage, p, x, y) ? 1 : 0;
              break;
            }
            ax = bx;
            ay = by;
          }
        }
        if (ins) m |= bit;
      }
    }
    maskOut[i] = m >>> 0;
  }
  const { x0: rx0, y0: ry0, dx: rdx, dy: rdy, cols: rCols, rows: rRows } = input.regionGrid;
  const { full: rFull, edgeOffset: rOff, edgePolygons: rPoly } = input.regionGrid;
  const rPerX = 1 / rdx;
  const rPerY = 1 / rdy;
  const { owner: rOwner, coords: rC } = input.regions;
  const { firstBand, bandCount, minY, height, bandOffset, bandEdges } = input.regionBands;
  const masks = 2 ** layerCount;
  const outside = tallyWeight.length - 1;
  tallyWeight.fill(0);
  tallyPoints.fill(0);
  for (let i = 0; i < n; i++) {
    const x = lon[i];
    const y = lat[i];
    let reg = -1;
    const fc = (x - rx0) * rPerX;
    const fr = (y - ry0) * rPerY;
    if (fc >= 0 && fr >= 0 && fc < rCols && fr < rRows) {
      const cell = (fr | 0) * rCols + (fc | 0);
      reg = rFull[cell];
      for (let k = rOff[cell], ke = rOff[cell + 1]; k < ke; k++) {
        const p = rPoly[k];
        const o = rOwner[p];
        if (!(reg === -1 || o < reg)) continue;
        let ins = 0;
        if (firstBand[p] < 0) {
          ins = polygonCovers(input.regions, p, x, y) ? 1 : 0;
        } else {
          let b = Math.floor((y - minY[p]) / height[p]);
          b = b < 0 ? 0 : b >= bandCount[p] ? bandCount[p] - 1 : b;
          const band = firstBand[p] + b;
          for (let q = bandOffset[band], qe = bandOffset[band + 1]; q < qe; q++) {
            const v = bandEdges[q];
            const ax = rC[2 * v];
            const ay = rC[2 * v + 1];
            const bx = rC[2 * v + 2];
            const by = rC[2 * v + 3];
            const s = (ay - y) * (by - y);
            if (s < 0) {
              if (ax > x && bx > x) ins ^= 1;
              else if (!(ax < x && bx < x)) {
                const l = (ay - y) * (bx - x);
                const r = (ax - x) * (by - y);
                const d = l - r;
                if (!(Math.abs(d) >= BOUND * Math.abs(l + r)) || d === 0) {
                  ins = polygonCovers(input.regions, p, x, y, input.regionBands) ? 1 : 0;
                  break;
                }
                if (d < 0 ? by > ay : by < ay) ins ^= 1;
              }
            } else if (s === 0) {
              ins = polygonCovers(input.regions, p, x, y, input.regionBands) ? 1 : 0;
              break;
            }
          }
        }
        if (ins) reg = o;
      }
    }
    regionOut[i] = reg;
    // countRange's tally: two additions a point, the columns follow once per slot.
    const slot = reg < 0 ? outside : reg * masks + maskOut[i];
    tallyWeight[slot] += weight[i];
    tallyPoints[slot] += 1;
  }
}
