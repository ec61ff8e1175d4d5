/**
 * The EPSG:3035 inverse the default scenario was generated with (src/geometry/laea.ts of the first version,
 * IOGP Guidance Note 7-2 §3.2.2, latitude by the authalic series). The library's inverse has since been refined
 * and differs in the 6th decimal of a few points, so the script keeps this one: data/ regenerates byte for byte.
 */
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = 2 * F - F * F;
const E = Math.sqrt(E2);
const LAT0 = (52 * Math.PI) / 180;
const LON0 = (10 * Math.PI) / 180;
const FALSE_EASTING = 4321000;
const FALSE_NORTHING = 3210000;
const DEG = Math.PI / 180;

function q(sinPhi: number): number {
  return (
    (1 - E2) *
    (sinPhi / (1 - E2 * sinPhi * sinPhi) - (1 / (2 * E)) * Math.log((1 - E * sinPhi) / (1 + E * sinPhi)))
  );
}

const QP = q(1);
const RQ = A * Math.sqrt(QP / 2);
const BETA0 = Math.asin(q(Math.sin(LAT0)) / QP);
const SIN_B0 = Math.sin(BETA0);
const COS_B0 = Math.cos(BETA0);
const D = (A * Math.cos(LAT0)) / Math.sqrt(1 - E2 * Math.sin(LAT0) ** 2) / (RQ * COS_B0);
// Series for the latitude from the authalic latitude.
const C2 = E2 / 3 + (31 * E2 * E2) / 180 + (517 * E2 * E2 * E2) / 5040;
const C4 = (23 * E2 * E2) / 360 + (251 * E2 * E2 * E2) / 3780;
const C6 = (761 * E2 * E2 * E2) / 45360;

/** Writes (lon, lat) degrees of EPSG:3035 (x, y) into out[offset], out[offset+1]. */
export function laeaInverse(x: number, y: number, out: Float64Array | number[], offset = 0): void {
  const dx = (x - FALSE_EASTING) / D;
  const dy = D * (y - FALSE_NORTHING);
  const rho = Math.sqrt(dx * dx + dy * dy);
  if (rho === 0) {
    out[offset] = LON0 / DEG;
    out[offset + 1] = LAT0 / DEG;
    return;
  }
  const c = 2 * Math.asin(rho / (2 * RQ));
  const sinC = Math.sin(c);
  const cosC = Math.cos(c);
  const beta = Math.asin(cosC * SIN_B0 + (dy * sinC * COS_B0) / rho);
  const lon = LON0 + Math.atan2((x - FALSE_EASTING) * sinC, D * rho * COS_B0 * cosC - D * dy * SIN_B0 * sinC);
  const lat = beta + C2 * Math.sin(2 * beta) + C4 * Math.sin(4 * beta) + C6 * Math.sin(6 * beta);
  out[offset] = lon / DEG;
  out[offset + 1] = lat / DEG;
}
