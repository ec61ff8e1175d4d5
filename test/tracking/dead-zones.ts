import type { DeadZone } from '../../src/model/stats.js';

/** Grid units of 1/100° from (7°E, 51°N). */
const lon = (x: number) => 7 + x / 100;
const lat = (y: number) => 51 + y / 100;

/** A square dead zone in grid units; its area is in grid cells, for easy reading. */
export function box(
  region: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  households = 0,
): DeadZone {
  const ring = Float64Array.of(
    lon(x0),
    lat(y0),
    lon(x1),
    lat(y0),
    lon(x1),
    lat(y1),
    lon(x0),
    lat(y1),
    lon(x0),
    lat(y0),
  );
  return { region, rings: [ring], area_km2: (x1 - x0) * (y1 - y0), households };
}

/** A deterministic shuffle (seeded), for checking that ids do not depend on input order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let k = out.length - 1; k > 0; k--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (k + 1);
    [out[k], out[j]] = [out[j], out[k]];
  }
  return out;
}
