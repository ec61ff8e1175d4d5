import { footprintRings } from './footprint.js';
import type { PredictedSite } from './predict.js';

/**
 * A predicted site's covered area as the coverage files hold it: polygons of closed flat lon/lat
 * rings, shell first, vertices rounded to 7 decimals (the outputs' grid), so what-if and placement
 * test households against exactly the polygons `analyze --coverage` would read. Empty: covers nothing.
 */
export function footprintPolygons(predicted: PredictedSite): Float64Array[][] {
  if (predicted.footprint === null) return [];
  return footprintRings(predicted.footprint).map((rings) => rings.map((ring) => ring.map(round7)));
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
