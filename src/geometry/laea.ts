/**
 * EPSG:3035 (ETRS89 / LAEA Europe) on the GRS80 ellipsoid, forward and inverse, after IOGP Guidance
 * Note 7-2 §3.2.2. It is equal-area, so planar area in it is ellipsoidal area: that is why areas go
 * through it. x = easting, y = northing (the Zensus `x_mp`/`y_mp` order), in metres.
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

/** The radius of the sphere with the ellipsoid's area (GRS80 ≡ WGS84 here to 0.1 mm). */
export const AUTHALIC_RADIUS = RQ;

/** sin β of the authalic latitude β of `lat` degrees: the ellipsoid's area south of `lat` is 2π·RQ²·(1 + sin β). */
export function authalicSine(lat: number): number {
  return q(Math.sin(lat * DEG)) / QP;
}
const BETA0 = Math.asin(q(Math.sin(LAT0)) / QP);
const SIN_B0 = Math.sin(BETA0);
const COS_B0 = Math.cos(BETA0);
const D = (A * Math.cos(LAT0)) / Math.sqrt(1 - E2 * Math.sin(LAT0) ** 2) / (RQ * COS_B0);
// Series for the latitude from the authalic latitude.
const C2 = E2 / 3 + (31 * E2 * E2) / 180 + (517 * E2 * E2 * E2) / 5040;
const C4 = (23 * E2 * E2) / 360 + (251 * E2 * E2 * E2) / 3780;
const C6 = (761 * E2 * E2 * E2) / 45360;

/** Writes EPSG:3035 (x, y) of (lon, lat) degrees into out[offset], out[offset+1]. */
export function laeaForward(lon: number, lat: number, out: Float64Array | number[], offset = 0): void {
  const beta = Math.asin(q(Math.sin(lat * DEG)) / QP);
  const sinB = Math.sin(beta);
  const cosB = Math.cos(beta);
  const dLon = lon * DEG - LON0;
  const cosL = Math.cos(dLon);
  const b = RQ * Math.sqrt(2 / (1 + SIN_B0 * sinB + COS_B0 * cosB * cosL));
  out[offset] = FALSE_EASTING + b * D * cosB * Math.sin(dLon);
  out[offset + 1] = FALSE_NORTHING + (b / D) * (COS_B0 * sinB - SIN_B0 * cosB * cosL);
}

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
  // The series gets within 1e-8°; two Newton steps on q(φ) = qP·sin β make it exact to the last bit.
  let lat = beta + C2 * Math.sin(2 * beta) + C4 * Math.sin(4 * beta) + C6 * Math.sin(6 * beta);
  const target = QP * Math.sin(beta);
  for (let k = 0; k < 2; k++) {
    const s = Math.sin(lat);
    const w = 1 - E2 * s * s;
    lat -= ((q(s) - target) * w * w) / (2 * (1 - E2) * Math.cos(lat));
  }
  out[offset] = lon / DEG;
  out[offset + 1] = lat / DEG;
}
