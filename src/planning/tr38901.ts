/**
 * 3GPP TR 38.901 (v17.0.0) Table 7.4.1-1 path loss for RMa and UMa, and Table 7.4.2-1's LOS
 * probability. fc in GHz, heights and distances in metres; d2 the ground distance, d3 the slant one.
 */

const C = 299_792_458;

/** RMa's default environment: average building height h and street width W (Table 7.4.1-1). */
export const RMA_BUILDING_HEIGHT = 5;
export const RMA_STREET_WIDTH = 20;

/** RMa breakpoint d_BP = 2π hBS hUT fc / c. */
export function rmaBreakpoint(fGHz: number, hBS: number, hUT: number): number {
  return (2 * Math.PI * hBS * hUT * fGHz * 1e9) / C;
}

function rmaPl1(fGHz: number, d3: number, h: number): number {
  const hp = h ** 1.72;
  return (
    20 * Math.log10((40 * Math.PI * d3 * fGHz) / 3) +
    Math.min(0.03 * hp, 10) * Math.log10(d3) -
    Math.min(0.044 * hp, 14.77) +
    0.002 * Math.log10(h) * d3
  );
}

/** RMa LOS: PL1 up to the breakpoint, PL1(d_BP) + 40 log(d3/d_BP) beyond. */
export function rmaLos(fGHz: number, hBS: number, hUT: number, d2: number, h = RMA_BUILDING_HEIGHT): number {
  const dh = hBS - hUT;
  const d3 = Math.hypot(d2, dh);
  const dBP = rmaBreakpoint(fGHz, hBS, hUT);
  if (d2 <= dBP) return rmaPl1(fGHz, d3, h);
  const d3BP = Math.hypot(dBP, dh);
  return rmaPl1(fGHz, d3BP, h) + 40 * Math.log10(d3 / d3BP);
}

/** RMa NLOS: max(PL_LOS, PL'_NLOS). */
export function rmaNlos(
  fGHz: number,
  hBS: number,
  hUT: number,
  d2: number,
  h = RMA_BUILDING_HEIGHT,
  w = RMA_STREET_WIDTH,
): number {
  const d3 = Math.hypot(d2, hBS - hUT);
  const nlos =
    161.04 -
    7.1 * Math.log10(w) +
    7.5 * Math.log10(h) -
    (24.37 - 3.7 * (h / hBS) ** 2) * Math.log10(hBS) +
    (43.42 - 3.1 * Math.log10(hBS)) * (Math.log10(d3) - 3) +
    20 * Math.log10(fGHz) -
    (3.2 * Math.log10(11.75 * hUT) ** 2 - 4.97);
  return Math.max(rmaLos(fGHz, hBS, hUT, d2, h), nlos);
}

/** UMa's effective environment height h_E: 1 m (its value for hUT < 13 m, the model's usual case). */
export const UMA_ENVIRONMENT_HEIGHT = 1;

/** UMa breakpoint d'_BP = 4 h'BS h'UT fc / c with h' = h − h_E. */
export function umaBreakpoint(fGHz: number, hBS: number, hUT: number): number {
  return (4 * (hBS - UMA_ENVIRONMENT_HEIGHT) * (hUT - UMA_ENVIRONMENT_HEIGHT) * fGHz * 1e9) / C;
}

/** UMa LOS: 28 + 22 log d3 + 20 log fc up to d'_BP, 28 + 40 log d3 + 20 log fc − 9 log(d'_BP² + (hBS − hUT)²) beyond. */
export function umaLos(fGHz: number, hBS: number, hUT: number, d2: number): number {
  const dh = hBS - hUT;
  const d3 = Math.hypot(d2, dh);
  const dBP = umaBreakpoint(fGHz, hBS, hUT);
  if (d2 <= dBP) return 28 + 22 * Math.log10(d3) + 20 * Math.log10(fGHz);
  return 28 + 40 * Math.log10(d3) + 20 * Math.log10(fGHz) - 9 * Math.log10(dBP * dBP + dh * dh);
}

/** UMa NLOS: max(PL_LOS, 13.54 + 39.08 log d3 + 20 log fc − 0.6 (hUT − 1.5)). */
export function umaNlos(fGHz: number, hBS: number, hUT: number, d2: number): number {
  const d3 = Math.hypot(d2, hBS - hUT);
  const nlos = 13.54 + 39.08 * Math.log10(d3) + 20 * Math.log10(fGHz) - 0.6 * (hUT - 1.5);
  return Math.max(umaLos(fGHz, hBS, hUT, d2), nlos);
}

/** RMa LOS probability: 1 within 10 m, exp(−(d2 − 10)/1000) beyond. */
export function rmaLosProbability(d2: number): number {
  return d2 <= 10 ? 1 : Math.exp(-(d2 - 10) / 1000);
}

/** UMa LOS probability (hUT ≤ 13 m, C'(hUT) = 0): 1 within 18 m, 18/d2 + exp(−d2/63)(1 − 18/d2) beyond. */
export function umaLosProbability(d2: number, hUT: number): number {
  if (d2 <= 18) return 1;
  const base = 18 / d2 + Math.exp(-d2 / 63) * (1 - 18 / d2);
  const c = hUT <= 13 ? 0 : ((hUT - 13) / 10) ** 1.5;
  return base * (1 + c * 1.25 * (d2 / 100) ** 3 * Math.exp(-d2 / 150));
}

/** The ground distance where a (falling) LOS probability crosses 0.5, by bisection to 1 cm. */
export function halfLosDistance(probability: (d2: number) => number): number {
  let lo = 0;
  let hi = 100_000;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (probability(mid) >= 0.5) lo = mid;
    else hi = mid;
  }
  return lo;
}
