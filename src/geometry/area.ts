import type { PolygonSet } from '../model/polygon-set.js';
import { AUTHALIC_RADIUS, authalicSine, laeaForward } from './laea.js';

const xy = new Float64Array(2);
const DEG = Math.PI / 180;

/**
 * Ellipsoidal area in m² of a closed lon/lat ring (unsigned): planar area in the equal-area
 * EPSG:3035 where its straight edges stand for the ring's (near Europe, short edges), else the
 * exact area of the ring with edges straight in lon/lat, finite for any ring up to the whole world.
 */
export function ringAreaM2(coords: ArrayLike<number>, start: number, end: number): number {
  if (end - start < 4) return 0;
  return laeaFits(coords, start, end)
    ? laeaRingAreaM2(coords, start, end)
    : lonLatRingAreaM2(coords, start, end);
}

/** EPSG:3035's area of use (Europe, within 44° of its centre) and edges of ≤ 5°: where areas always went through it. */
const LAEA_LON = [-35.58, 44.83];
const LAEA_LAT = [24.6, 84.73];
const LAEA_EDGE_DEG = 5;

function laeaFits(coords: ArrayLike<number>, start: number, end: number): boolean {
  let lon = coords[2 * start];
  let lat = coords[2 * start + 1];
  for (let v = start; v < end; v++) {
    const x = coords[2 * v];
    const y = coords[2 * v + 1];
    if (!(x >= LAEA_LON[0] && x <= LAEA_LON[1] && y >= LAEA_LAT[0] && y <= LAEA_LAT[1])) return false;
    if (Math.abs(x - lon) > LAEA_EDGE_DEG || Math.abs(y - lat) > LAEA_EDGE_DEG) return false;
    lon = x;
    lat = y;
  }
  return true;
}

/** Gauss–Legendre nodes and weights on [0, 1] (5 points: exact for sin β over ≤ 10° of latitude to 1e-15). */
const GL_T = [0.04691007703066802, 0.23076534494715845, 0.5, 0.7692346550528415, 0.953089922969332];
const GL_W = [
  0.11846344252809454, 0.23931433524968324, 0.28444444444444444, 0.23931433524968324, 0.11846344252809454,
];

/**
 * The ring's area with edges straight in lon/lat (as households are placed in it): on the authalic
 * sphere, area = RQ²·|∮ sin β dλ|, integrated edge by edge (Gauss–Legendre where the latitude changes).
 */
function lonLatRingAreaM2(coords: ArrayLike<number>, start: number, end: number): number {
  const u0 = authalicSine(coords[2 * start + 1]);
  let sum = 0;
  for (let v = start; v < end - 1; v++) {
    const lon1 = coords[2 * v];
    const lat1 = coords[2 * v + 1];
    const dLon = coords[2 * v + 2] - lon1;
    const dLat = coords[2 * v + 3] - lat1;
    if (dLon === 0) continue;
    let mean = 0;
    if (dLat === 0) mean = authalicSine(lat1) - u0;
    else {
      const pieces = Math.ceil(Math.abs(dLat) / 10);
      for (let p = 0; p < pieces; p++)
        for (let k = 0; k < GL_T.length; k++)
          mean += (GL_W[k] * (authalicSine(lat1 + ((p + GL_T[k]) / pieces) * dLat) - u0)) / pieces;
    }
    sum += mean * dLon * DEG;
  }
  return Math.abs(sum) * AUTHALIC_RADIUS * AUTHALIC_RADIUS;
}

/** Planar area in EPSG:3035, relative to the first vertex so the shoelace keeps its precision. */
function laeaRingAreaM2(coords: ArrayLike<number>, start: number, end: number): number {
  laeaForward(coords[2 * start], coords[2 * start + 1], xy);
  const x0 = xy[0];
  const y0 = xy[1];
  let sum = 0;
  let px = 0;
  let py = 0;
  for (let v = start + 1; v < end; v++) {
    laeaForward(coords[2 * v], coords[2 * v + 1], xy);
    const x = xy[0] - x0;
    const y = xy[1] - y0;
    sum += px * y - x * py;
    px = x;
    py = y;
  }
  return Math.abs(sum) / 2;
}

/** Planar signed area of a lon/lat ring: positive when counter-clockwise (the RFC 7946 shell order). */
export function ringSignedArea(coords: ArrayLike<number>, start: number, end: number): number {
  const x0 = coords[2 * start];
  const y0 = coords[2 * start + 1];
  let sum = 0;
  for (let v = start + 1; v < end - 1; v++) {
    const ax = coords[2 * v] - x0;
    const ay = coords[2 * v + 1] - y0;
    const bx = coords[2 * v + 2] - x0;
    const by = coords[2 * v + 3] - y0;
    sum += ax * by - bx * ay;
  }
  return sum / 2;
}

/** Ellipsoidal area of polygon p of a set: shell minus holes. */
export function polygonAreaM2(set: PolygonSet, p: number): number {
  let area = 0;
  for (let r = set.ringStart[p]; r < set.ringStart[p + 1]; r++) {
    const a = ringAreaM2(set.coords, set.ringOffset[r], set.ringOffset[r + 1]);
    area += r === set.ringStart[p] ? a : -a;
  }
  return area;
}
