import { EFFECTIVE_EARTH_RADIUS_KM, knifeEdgeLoss } from './terrain.js';

/** Points per block of the line-of-sight search: each block keeps its highest point for a bound. */
const BLOCK = 16;
/** J(ν) is 0 at and below this ν, so points that cannot beat it need no look. */
const NU_FLOOR = -0.78;

/**
 * `bullingtonLoss` along a growing profile, one receiver position after another, without rescanning
 * the profile: with g = h − 500·x²/a_e, the earth bulge h + 500·x(d − x)/a_e is g plus a term linear in
 * x, so Stim is a running maximum of (g − tx)/x, Srim is the tangent from the receiver to the upper
 * convex hull of (x, g) (a binary search), and on a line-of-sight path blocks whose highest point
 * cannot come nearer the ray than the best so far are skipped. Same value as `bullingtonLoss` over the
 * profile so far (the differential test), distances in km, heights in metres above sea level.
 */
export class ProfileDiffraction {
  private readonly x: Float64Array;
  private readonly g: Float64Array;
  private readonly hull: Int32Array;
  private readonly blockMaxG: Float64Array;
  private readonly ce: number;
  private readonly lambda: number;
  private count = 0;
  private hullSize = 0;
  private stimBase = Number.NEGATIVE_INFINITY;
  private txM = 0;

  constructor(capacity: number, fMHz: number, earthRadiusKm = EFFECTIVE_EARTH_RADIUS_KM) {
    this.x = new Float64Array(capacity);
    this.g = new Float64Array(capacity);
    this.hull = new Int32Array(capacity);
    this.blockMaxG = new Float64Array(Math.ceil(capacity / BLOCK));
    this.ce = 1 / earthRadiusKm;
    this.lambda = 299.792458 / fMHz;
  }

  /** A new profile from a transmitter `txM` above sea level at distance 0. */
  reset(txM: number): void {
    this.count = 0;
    this.hullSize = 0;
    this.stimBase = Number.NEGATIVE_INFINITY;
    this.txM = txM;
  }

  /** Adds an intermediate point `xKm` from the transmitter (increasing) with terrain `hM`. */
  push(xKm: number, hM: number): void {
    const i = this.count++;
    const g = hM - 500 * this.ce * xKm * xKm;
    this.x[i] = xKm;
    this.g[i] = g;
    this.stimBase = Math.max(this.stimBase, (g - this.txM) / xKm);
    const b = (i / BLOCK) | 0;
    this.blockMaxG[b] = i % BLOCK === 0 ? g : Math.max(this.blockMaxG[b], g);
    // Andrew's monotone chain, upper hull: drop the last vertex while it is not strictly above the new chord.
    const { hull, x } = this;
    let n = this.hullSize;
    while (n >= 2) {
      const a = hull[n - 2];
      const o = hull[n - 1];
      if ((x[o] - x[a]) * (g - this.g[a]) - (this.g[o] - this.g[a]) * (xKm - x[a]) < 0) break;
      n--;
    }
    hull[n] = i;
    this.hullSize = n + 1;
  }

  /** Bullington loss (dB) with the receiver at `dKm` (beyond every point), `rxM` above sea level. */
  loss(dKm: number, rxM: number): number {
    const d = dKm;
    const tx = this.txM;
    const bulge = 500 * this.ce * d;
    const str = (rxM - tx) / d;
    const stim = this.stimBase + bulge;
    let luc: number;
    if (stim < str) {
      luc = knifeEdgeLoss(this.losNu(d, tx, str - bulge));
    } else {
      const srim = this.srimBase(d, rxM - bulge * d) - bulge;
      const dbp = (rxM - tx + srim * d) / (stim + srim);
      const height = tx + stim * dbp - (tx * (d - dbp) + rxM * dbp) / d;
      luc = knifeEdgeLoss(height * Math.sqrt((0.002 * d) / (this.lambda * dbp * (d - dbp))));
    }
    return luc + (1 - Math.exp(-luc / 6)) * (10 + 0.02 * d);
  }

  /** max (g − r0)/(d − x) over the points: the tangent from (d, r0) to the upper hull, by bisection. */
  private srimBase(d: number, r0: number): number {
    const { hull, x, g } = this;
    let lo = 0;
    let hi = this.hullSize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const a = hull[mid];
      const b = hull[mid + 1];
      if ((g[b] - r0) / (d - x[b]) > (g[a] - r0) / (d - x[a])) lo = mid + 1;
      else hi = mid;
    }
    return (g[hull[lo]] - r0) / (d - x[hull[lo]]);
  }

  /** The largest ν of a line-of-sight path (clearance c = g − tx − σx), or NU_FLOOR if none is above it. */
  private losNu(d: number, tx: number, sigma: number): number {
    const { x, g, count } = this;
    const k = (0.002 * d) / this.lambda;
    let best = NU_FLOOR;
    const blocks = Math.ceil(count / BLOCK);
    // The receiver's end first: near a low receiver the ground comes nearest the ray.
    for (let b = blocks - 1; b >= 0; b--) {
      const from = b * BLOCK;
      const to = Math.min(count, from + BLOCK);
      const x0 = x[from];
      const x1 = x[to - 1];
      const c = this.blockMaxG[b] - tx - sigma * (sigma >= 0 ? x0 : x1);
      if (c < 0) {
        const mid = Math.min(Math.max(d / 2, x0), x1);
        if (c * Math.sqrt(k / (mid * (d - mid))) <= best) continue;
      }
      for (let i = from; i < to; i++) {
        const nu = (g[i] - tx - sigma * x[i]) * Math.sqrt(k / (x[i] * (d - x[i])));
        if (nu > best) best = nu;
      }
    }
    return best;
  }
}
