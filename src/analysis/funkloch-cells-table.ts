import type { CellGrid } from './funkloch-cells-grid.js';

/**
 * A lon/lat lattice of exactly projected nodes over the households' box: bilinear interpolation
 * between them places a point to within `tolX`/`tolY`, so only points that close to a cell edge need
 * the exact projection. Bilinear error ≤ (max second difference)/8 per axis; doubled for safety.
 */
export interface ProjectionTable {
  lon0: number;
  lat0: number;
  dLon: number;
  dLat: number;
  nx: number;
  ny: number;
  /** Node (i, j) at xy[2(j·nx + i)], xy[2(j·nx + i) + 1]. */
  xy: Float64Array;
  tolX: number;
  tolY: number;
}

/** Nodes at most: 1 MB of doubles, which stays in cache while random points look it up. */
const MAX_NODES = 1 << 16;
/** Below this many points per node the table costs more than it saves. */
const POINTS_PER_NODE = 8;
/** A table whose error bound reaches this share of a cell sends too many points to the exact path. */
const MAX_TOLERANCE_SHARE = 1 / 16;
/** Covers the rounding of the interpolation itself (sub-nanometre at UTM magnitudes). */
const ROUNDING = 1e-6;

/** A table for the points start..end-1, or null when it would not pay (few points, a wild projection). */
export function projectionTable(
  grid: CellGrid,
  lon: Float64Array,
  lat: Float64Array,
  count: number,
): ProjectionTable | null {
  const nodes = Math.min(MAX_NODES, Math.floor(count / POINTS_PER_NODE));
  if (nodes < 64) return null;
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const x = lon[i];
    const y = lat[i];
    if (x < minLon) minLon = x;
    if (x > maxLon) maxLon = x;
    if (y < minLat) minLat = y;
    if (y > maxLat) maxLat = y;
  }
  if (!(maxLon - minLon < 360 && maxLat - minLat < 180)) return null;
  const spanLon = Math.max(maxLon - minLon, 1e-6);
  const spanLat = Math.max(maxLat - minLat, 1e-6);
  // Square-ish in metres: a degree of longitude shrinks with the cosine of the latitude.
  const aspect = (spanLon * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)) / spanLat;
  const nx = Math.max(3, Math.round(Math.sqrt(nodes * Math.max(aspect, 1e-3))));
  const ny = Math.max(3, Math.floor(nodes / nx));
  const dLon = spanLon / (nx - 1);
  const dLat = spanLat / (ny - 1);
  const xy = new Float64Array(2 * nx * ny);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) grid.forward(minLon + i * dLon, minLat + j * dLat, xy, 2 * (j * nx + i));
  let maxX = 0;
  let maxY = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = 2 * (j * nx + i);
      for (let axis = 0; axis < 2; axis++) {
        const v = xy[k + axis];
        if (!Number.isFinite(v)) return null;
        const alongLon = i > 0 && i < nx - 1 ? Math.abs(xy[k + axis - 2] - 2 * v + xy[k + axis + 2]) : 0;
        const alongLat =
          j > 0 && j < ny - 1 ? Math.abs(xy[k + axis - 2 * nx] - 2 * v + xy[k + axis + 2 * nx]) : 0;
        const bound = alongLon + alongLat;
        if (axis === 0) maxX = Math.max(maxX, bound);
        else maxY = Math.max(maxY, bound);
      }
    }
  }
  const tolX = (2 * maxX) / 8 + ROUNDING;
  const tolY = (2 * maxY) / 8 + ROUNDING;
  if (Math.max(tolX, tolY) > grid.cellSize * MAX_TOLERANCE_SHARE) return null;
  return { lon0: minLon, lat0: minLat, dLon, dLat, nx, ny, xy, tolX, tolY };
}
