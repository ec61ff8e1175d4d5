import { InputError } from '../errors.js';
import { boundsOf } from '../geometry/bounds.js';
import type { Households } from '../model/households.js';
import type { PolygonSet } from '../model/polygon-set.js';

/** Degrees added around the regions' box: households and coverage just outside the regions are normal. */
const MARGIN = 0.5;

type Box = [number, number, number, number];

/** The box around every polygon of a set, widened by MARGIN. */
export function extentOf(set: PolygonSet): Box {
  const box = boundsOf(set) ?? [Infinity, Infinity, -Infinity, -Infinity];
  return [box[0] - MARGIN, box[1] - MARGIN, box[2] + MARGIN, box[3] + MARGIN];
}

const inside = (box: Box, x: number, y: number) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];

/**
 * Refuses households given as lat/lon: most points far from the regions, but near them with the
 * axes swapped, is a mistake and not a result of zero households (a sample of ≤ 10,000 decides).
 */
export function checkHouseholdAxes(households: Households, regions: Box, path: string): void {
  const { lon, lat, count } = households;
  checkAxesSample(count, (i) => axesPlace(regions, lon[i], lat[i]), [lon[0], lat[0]], path);
}

/** Where a point lies for the axes check: NEAR the regions, NEAR_SWAPPED (only with its axes swapped), or FAR. */
export const NEAR = 0;
const NEAR_SWAPPED = 1;
const FAR = 2;

export function axesPlace(regions: Box, x: number, y: number): number {
  return inside(regions, x, y) ? NEAR : inside(regions, y, x) ? NEAR_SWAPPED : FAR;
}

/**
 * `checkHouseholdAxes` on `count` points known by their places (`placeOf(i)`, see `axesPlace`):
 * the same sample, the same error (`first`: the first point's lon, lat).
 */
export function checkAxesSample(
  count: number,
  placeOf: (i: number) => number,
  first: readonly number[],
  path: string,
): void {
  const step = Math.max(1, Math.floor(count / 10_000));
  let sampled = 0;
  let near = 0;
  let nearSwapped = 0;
  for (let i = 0; i < count; i += step) {
    sampled++;
    const place = placeOf(i);
    if (place === NEAR) near++;
    else if (place === NEAR_SWAPPED) nearSwapped++;
  }
  if (sampled > 0 && near < sampled / 2 && nearSwapped > sampled / 2)
    throw new InputError(
      `longitude and latitude look swapped: ${sampled - near} of ${sampled} points lie far from the regions, ${nearSwapped} of them inside when swapped`,
      {
        file: path,
        field: 'coordinates',
        value: [first[0], first[1]],
        hint: 'GeoJSON and CSV take [longitude, latitude]: swap the columns',
        code: 'swapped-axes',
      },
    );
}

/** The same for coverage: no polygon near the regions, but most near them with the axes swapped. */
export function checkCoverageAxes(coverage: PolygonSet, regions: Box, path: string): void {
  let near = 0;
  let nearSwapped = 0;
  const b = coverage.bbox;
  for (let p = 0; p < coverage.polygonCount; p++) {
    const cx = (b[4 * p] + b[4 * p + 2]) / 2;
    const cy = (b[4 * p + 1] + b[4 * p + 3]) / 2;
    if (inside(regions, cx, cy)) near++;
    else if (inside(regions, cy, cx)) nearSwapped++;
  }
  if (near === 0 && nearSwapped > coverage.polygonCount / 2)
    throw new InputError('longitude and latitude look swapped: no coverage polygon lies near the regions', {
      file: path,
      field: 'coordinates',
      hint: 'GeoJSON takes [longitude, latitude]: swap the axes (or check the CRS)',
      code: 'swapped-axes',
    });
}
