/**
 * UTM on the GRS80 ellipsoid (EPSG:25832, 25833), forward and inverse: the Poder/Engsager series of
 * proj4's `etmerc`, written out operation for operation, so a point lands in the same grid cell as
 * with `resolveCrs('EPSG:25832').fromLonLat` (bit-identical on the test sample) at ~10× its speed.
 * x = easting, y = northing, in metres; lon/lat in degrees.
 */
export interface Utm {
  /** Writes (x, y) of (lon, lat) into out[offset], out[offset+1]. */
  forward(lon: number, lat: number, out: Float64Array | number[], offset?: number): void;
  /** Writes (lon, lat) of (x, y) into out[offset], out[offset+1]. */
  inverse(x: number, y: number, out: Float64Array | number[], offset?: number): void;
}

// proj4's own constants, so the radians match its to the last bit.
const D2R = 0.017453292519943295;
const R2D = 57.29577951308232;
const A = 6378137;
const RF = 298.257222101;
const K0 = 0.9996;
const FALSE_EASTING = 500000;
/** Beyond this |Ce| the series diverges: proj4 returns Infinity there. */
const CE_LIMIT = 2.623395162778;

/** The coefficient sets of proj4's etmerc init for GRS80 and k0 = 0.9996. */
function coefficients() {
  const b = (1 - 1 / RF) * A;
  const es = (A * A - b * b) / (A * A);
  const f = es / (1 + Math.sqrt(1 - es));
  const n = f / (2 - f);
  let np = n;
  const cgb = [0, 0, 0, 0, 0, 0];
  const cbg = [0, 0, 0, 0, 0, 0];
  const utg = [0, 0, 0, 0, 0, 0];
  const gtu = [0, 0, 0, 0, 0, 0];
  cgb[0] = n * (2 + n * (-2 / 3 + n * (-2 + n * (116 / 45 + n * (26 / 45 + n * (-2854 / 675))))));
  cbg[0] = n * (-2 + n * (2 / 3 + n * (4 / 3 + n * (-82 / 45 + n * (32 / 45 + n * (4642 / 4725))))));
  np = np * n;
  cgb[1] = np * (7 / 3 + n * (-8 / 5 + n * (-227 / 45 + n * (2704 / 315 + n * (2323 / 945)))));
  cbg[1] = np * (5 / 3 + n * (-16 / 15 + n * (-13 / 9 + n * (904 / 315 + n * (-1522 / 945)))));
  np = np * n;
  cgb[2] = np * (56 / 15 + n * (-136 / 35 + n * (-1262 / 105 + n * (73814 / 2835))));
  cbg[2] = np * (-26 / 15 + n * (34 / 21 + n * (8 / 5 + n * (-12686 / 2835))));
  np = np * n;
  cgb[3] = np * (4279 / 630 + n * (-332 / 35 + n * (-399572 / 14175)));
  cbg[3] = np * (1237 / 630 + n * (-12 / 5 + n * (-24832 / 14175)));
  np = np * n;
  cgb[4] = np * (4174 / 315 + n * (-144838 / 6237));
  cbg[4] = np * (-734 / 315 + n * (109598 / 31185));
  np = np * n;
  cgb[5] = np * (601676 / 22275);
  cbg[5] = np * (444337 / 155925);
  np = n ** 2;
  const qn = (K0 / (1 + n)) * (1 + np * (1 / 4 + np * (1 / 64 + np / 256)));
  utg[0] = n * (-0.5 + n * (2 / 3 + n * (-37 / 96 + n * (1 / 360 + n * (81 / 512 + n * (-96199 / 604800))))));
  gtu[0] = n * (0.5 + n * (-2 / 3 + n * (5 / 16 + n * (41 / 180 + n * (-127 / 288 + n * (7891 / 37800))))));
  utg[1] = np * (-1 / 48 + n * (-1 / 15 + n * (437 / 1440 + n * (-46 / 105 + n * (1118711 / 3870720)))));
  gtu[1] = np * (13 / 48 + n * (-3 / 5 + n * (557 / 1440 + n * (281 / 630 + n * (-1983433 / 1935360)))));
  np = np * n;
  utg[2] = np * (-17 / 480 + n * (37 / 840 + n * (209 / 4480 + n * (-5569 / 90720))));
  gtu[2] = np * (61 / 240 + n * (-103 / 140 + n * (15061 / 26880 + n * (167603 / 181440))));
  np = np * n;
  utg[3] = np * (-4397 / 161280 + n * (11 / 504 + n * (830251 / 7257600)));
  gtu[3] = np * (49561 / 161280 + n * (-179 / 168 + n * (6601661 / 7257600)));
  np = np * n;
  utg[4] = np * (-4583 / 161280 + n * (108847 / 3991680));
  gtu[4] = np * (34729 / 80640 + n * (-3418889 / 1995840));
  np = np * n;
  utg[5] = np * (-20648693 / 638668800);
  gtu[5] = np * (212378941 / 319334400);
  // lat0 = 0: proj4's Zb = -Qn·(Z + clens(gtu, 2Z)) with Z = 0 is -0.
  return { cgb, cbg, utg, gtu, qn, zb: -qn * 0 };
}

const { cgb, cbg, utg, gtu, qn: QN, zb: ZB } = coefficients();

/** proj4's gatg: Clenshaw summation of a sine series in 2B. */
function gatg(pp: readonly number[], B: number): number {
  const cos2B = 2 * Math.cos(2 * B);
  let i = pp.length - 1;
  let h1 = pp[i];
  let h2 = 0;
  let h = 0;
  while (--i >= 0) {
    h = -h2 + cos2B * h1 + pp[i];
    h2 = h1;
    h1 = h;
  }
  return B + h * Math.sin(2 * B);
}

// clens_cmplx's two results, without allocating an array per point.
let clensRe = 0;
let clensIm = 0;

/** proj4's clens_cmplx: the complex Clenshaw sum, into clensRe/clensIm. */
function clensComplex(pp: readonly number[], argR: number, argI: number): void {
  const sinR = Math.sin(argR);
  const cosR = Math.cos(argR);
  // proj4 calls exp twice (sinh, cosh); one call gives the same bits.
  const e = Math.exp(argI);
  const sinhI = (e - 1 / e) / 2;
  const coshI = (e + 1 / e) / 2;
  let r = 2 * cosR * coshI;
  let i = -2 * sinR * sinhI;
  let j = pp.length - 1;
  let hr = pp[j];
  let hi1 = 0;
  let hr1 = 0;
  let hi = 0;
  let hr2 = 0;
  let hi2 = 0;
  while (--j >= 0) {
    hr2 = hr1;
    hi2 = hi1;
    hr1 = hr;
    hi1 = hi;
    hr = -hr2 + r * hr1 - i * hi1 + pp[j];
    hi = -hi2 + i * hr1 + r * hi1;
  }
  r = sinR * coshI;
  i = cosR * sinhI;
  clensRe = r * hr - i * hi;
  clensIm = r * hi + i * hr;
}

function sinh(x: number): number {
  const r = Math.exp(x);
  return (r - 1 / r) / 2;
}

function hypot(x: number, y: number): number {
  x = Math.abs(x);
  y = Math.abs(y);
  const a = Math.max(x, y);
  const b = Math.min(x, y) / (a ? a : 1);
  return a * Math.sqrt(1 + b ** 2);
}

function asinhy(x: number): number {
  let y = Math.abs(x);
  y = log1py(y * (1 + y / (hypot(1, y) + 1)));
  return x < 0 ? -y : y;
}

function log1py(x: number): number {
  const y = 1 + x;
  const z = y - 1;
  return z === 0 ? x : (x * Math.log(y)) / z;
}

// biome-ignore lint/suspicious/noApproximativeNumericConstant: proj4's SPI, a little above π on purpose.
const SPI = 3.14159265359;

function adjustLon(x: number): number {
  return Math.abs(x) <= SPI ? x : x - (x < 0 ? -1 : 1) * (Math.PI * 2);
}

/** UTM zone `zone` (north) on GRS80: zone 32 is EPSG:25832. */
export function utmZone(zone: number): Utm {
  const long0 = (6 * zone - 183) * D2R;
  return {
    forward(lon, lat, out, offset = 0) {
      let ce = adjustLon(lon * D2R - long0);
      let cn = gatg(cbg, lat * D2R);
      const sinCn = Math.sin(cn);
      const cosCn = Math.cos(cn);
      const sinCe = Math.sin(ce);
      const cosCe = Math.cos(ce);
      cn = Math.atan2(sinCn, cosCe * cosCn);
      ce = Math.atan2(sinCe * cosCn, hypot(sinCn, cosCn * cosCe));
      ce = asinhy(Math.tan(ce));
      clensComplex(gtu, 2 * cn, 2 * ce);
      cn = cn + clensRe;
      ce = ce + clensIm;
      const inside = Math.abs(ce) <= CE_LIMIT;
      out[offset] = inside ? A * (QN * ce) + FALSE_EASTING : Number.POSITIVE_INFINITY;
      out[offset + 1] = inside ? A * (QN * cn + ZB) + 0 : Number.POSITIVE_INFINITY;
    },
    inverse(x, y, out, offset = 0) {
      let ce = (x - FALSE_EASTING) * (1 / A);
      let cn = (y - 0) * (1 / A);
      cn = (cn - ZB) / QN;
      ce = ce / QN;
      if (!(Math.abs(ce) <= CE_LIMIT)) {
        out[offset] = Number.POSITIVE_INFINITY;
        out[offset + 1] = Number.POSITIVE_INFINITY;
        return;
      }
      clensComplex(utg, 2 * cn, 2 * ce);
      cn = cn + clensRe;
      ce = ce + clensIm;
      ce = Math.atan(sinh(ce));
      const sinCn = Math.sin(cn);
      const cosCn = Math.cos(cn);
      const sinCe = Math.sin(ce);
      const cosCe = Math.cos(ce);
      cn = Math.atan2(sinCn * cosCe, hypot(sinCe, cosCe * cosCn));
      ce = Math.atan2(sinCe, cosCe * cosCn);
      out[offset] = adjustLon(ce + long0) * R2D;
      out[offset + 1] = gatg(cgb, cn) * R2D;
    },
  };
}
