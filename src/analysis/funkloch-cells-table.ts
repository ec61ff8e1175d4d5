/**
 * A lattice of exactly transformed nodes over a box (lon/lat → grid CRS, or back): bilinear
 * interpolation between them is within `tolA`/`tolB` of the exact transform, so only a point that
 * close to a decision line (a cell edge, a region grid line) needs the exact one. Bilinear error ≤
 * (max second difference)/8 per axis; doubled for safety (the measured error stays under half).
 */
export interface ProjectionTable {
  a0: number;
  b0: number;
  dA: number;
  dB: number;
  nx: number;
  ny: number;
  /** Node (i, j) at nodes[2(j·nx + i)], nodes[2(j·nx + i) + 1]. */
  nodes: Float64Array;
  tolA: number;
  tolB: number;
}

/** A CellGrid's forward or inverse. */
export type Transform = (a: number, b: number, out: Float64Array, offset: number) => void;

/** Nodes at most: 1 MB of doubles, which stays in cache while random points look it up. */
const MAX_NODES = 1 << 16;
/** Below this many points per node the table costs more than it saves. */
const POINTS_PER_NODE = 8;
/** A table whose error bound reaches this share of a cell sends too many points to the exact path. */
const MAX_TOLERANCE_SHARE = 1 / 16;

/** A forward table for households' lon/lat, or null when it would not pay (few points, a wild projection). */
export function projectionTable(
  forward: Transform,
  cellSize: number,
  lon: Float64Array,
  lat: Float64Array,
  count: number,
): ProjectionTable | null {
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
  // Square-ish in metres: a degree of longitude shrinks with the cosine of the latitude.
  const shrink = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const table = lattice(forward, [minLon, minLat, maxLon, maxLat], shrink, count, 1e-6);
  const limit = cellSize * MAX_TOLERANCE_SHARE;
  return table && table.tolA <= limit && table.tolB <= limit ? table : null;
}

/** An inverse table (grid CRS → lon/lat) over the box [x0, y0, x1, y1], for `count` lookups. */
export function inverseTable(
  inverse: Transform,
  box: readonly number[],
  count: number,
): ProjectionTable | null {
  return lattice(inverse, box, 1, count, 1e-12);
}

function lattice(
  transform: Transform,
  [minA, minB, maxA, maxB]: readonly number[],
  shrinkA: number,
  count: number,
  rounding: number,
): ProjectionTable | null {
  const wanted = Math.min(MAX_NODES, Math.floor(count / POINTS_PER_NODE));
  if (wanted < 64 || !Number.isFinite(maxA - minA) || !Number.isFinite(maxB - minB)) return null;
  const spanA = Math.max(maxA - minA, 1e-6);
  const spanB = Math.max(maxB - minB, 1e-6);
  const aspect = (spanA * shrinkA) / spanB;
  const nx = Math.max(3, Math.round(Math.sqrt(wanted * Math.max(aspect, 1e-3))));
  const ny = Math.max(3, Math.floor(wanted / nx));
  const dA = spanA / (nx - 1);
  const dB = spanB / (ny - 1);
  const nodes = new Float64Array(2 * nx * ny);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) transform(minA + i * dA, minB + j * dB, nodes, 2 * (j * nx + i));
  let maxFirst = 0;
  let maxSecond = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = 2 * (j * nx + i);
      for (let axis = 0; axis < 2; axis++) {
        const v = nodes[k + axis];
        if (!Number.isFinite(v)) return null;
        const alongA = i > 0 && i < nx - 1 ? Math.abs(nodes[k + axis - 2] - 2 * v + nodes[k + axis + 2]) : 0;
        const alongB =
          j > 0 && j < ny - 1 ? Math.abs(nodes[k + axis - 2 * nx] - 2 * v + nodes[k + axis + 2 * nx]) : 0;
        if (axis === 0) maxFirst = Math.max(maxFirst, alongA + alongB);
        else maxSecond = Math.max(maxSecond, alongA + alongB);
      }
    }
  }
  const tolA = (2 * maxFirst) / 8 + rounding;
  const tolB = (2 * maxSecond) / 8 + rounding;
  return { a0: minA, b0: minB, dA, dB, nx, ny, nodes, tolA, tolB };
}

/** Writes the interpolated transform of (a, b) to out[0], out[1]; false when (a, b) lies outside the table. */
export function interpolate(table: ProjectionTable, a: number, b: number, out: Float64Array): boolean {
  const { nx, nodes } = table;
  const u = (a - table.a0) / table.dA;
  const v = (b - table.b0) / table.dB;
  // A positive test, so NaN falls through to the exact path too.
  if (!(u >= 0 && v >= 0 && u <= nx - 1 && v <= table.ny - 1)) return false;
  const iu = Math.min(Math.floor(u), nx - 2);
  const iv = Math.min(Math.floor(v), table.ny - 2);
  const fu = u - iu;
  const fv = v - iv;
  const k = 2 * (iv * nx + iu);
  const m = k + 2 * nx;
  out[0] =
    (1 - fv) * ((1 - fu) * nodes[k] + fu * nodes[k + 2]) + fv * ((1 - fu) * nodes[m] + fu * nodes[m + 2]);
  out[1] =
    (1 - fv) * ((1 - fu) * nodes[k + 1] + fu * nodes[k + 3]) +
    fv * ((1 - fu) * nodes[m + 1] + fu * nodes[m + 3]);
  return true;
}
