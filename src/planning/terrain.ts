/**
 * Diffraction over terrain, for `--dem`: ITU-R P.526-15's single knife-edge J(ν) (eq. 31) and the
 * Bullington method for a terrain profile (P.526-15 §4.5.1, as in P.1812's and P.452's Bullington
 * part), tested by hand. This is the reference over a whole profile; footprint-terrain.ts walks each
 * radial with terrain-profile.ts, the same loss kept up to date step by step.
 */

/** The median effective earth radius for k = 4/3 (km), P.452's a_e for ΔN = 45. */
export const EFFECTIVE_EARTH_RADIUS_KM = 8500;

/** J(ν) = 6.9 + 20 log(√((ν − 0.1)² + 1) + ν − 0.1) dB for ν > −0.78, else 0. */
export function knifeEdgeLoss(nu: number): number {
  if (nu <= -0.78) return 0;
  const v = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(v * v + 1) + v);
}

/**
 * Bullington diffraction loss (dB) of a profile: `dKm` distances from the transmitter (first 0, last
 * the receiver's), `hM` terrain heights above sea level at them; `txM`, `rxM` the antennas' heights
 * above sea level. Luc = J(ν) of the Bullington point (or of the worst intrusion on a LOS path), then
 * L = Luc + (1 − e^(−Luc/6))(10 + 0.02 d).
 */
export function bullingtonLoss(
  dKm: ArrayLike<number>,
  hM: ArrayLike<number>,
  txM: number,
  rxM: number,
  fMHz: number,
  earthRadiusKm = EFFECTIVE_EARTH_RADIUS_KM,
): number {
  const n = dKm.length;
  const d = dKm[n - 1];
  const ce = 1 / earthRadiusKm;
  const lambda = 299.792458 / fMHz;
  const str = (rxM - txM) / d;
  let stim = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < n - 1; i++) {
    const di = dKm[i];
    stim = Math.max(stim, (hM[i] + 500 * ce * di * (d - di) - txM) / di);
  }
  let luc: number;
  if (stim < str) {
    // Line of sight: the intermediate point that comes nearest (or through) the ray.
    let numax = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < n - 1; i++) {
      const di = dKm[i];
      const clearance = hM[i] + 500 * ce * di * (d - di) - (txM * (d - di) + rxM * di) / d;
      numax = Math.max(numax, clearance * Math.sqrt((0.002 * d) / (lambda * di * (d - di))));
    }
    luc = knifeEdgeLoss(numax);
  } else {
    let srim = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < n - 1; i++) {
      const di = dKm[i];
      srim = Math.max(srim, (hM[i] + 500 * ce * di * (d - di) - rxM) / (d - di));
    }
    const dbp = (rxM - txM + srim * d) / (stim + srim);
    const height = txM + stim * dbp - (txM * (d - dbp) + rxM * dbp) / d;
    luc = knifeEdgeLoss(height * Math.sqrt((0.002 * d) / (lambda * dbp * (d - dbp))));
  }
  return luc + (1 - Math.exp(-luc / 6)) * (10 + 0.02 * d);
}
