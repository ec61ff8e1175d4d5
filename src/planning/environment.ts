import type { Households } from '../model/households.js';
import type { Environment } from './models.js';
import type { Site } from './site.js';

/** Households within this distance of a site measure its density. */
export const DENSITY_RADIUS_M = 1000;

/**
 * Households per km² from which a site counts as urban or suburban: Eurostat's DEGURBA grid thresholds
 * (urban centre ≥ 1,500, urban cluster ≥ 300 inhabitants/km²) at 2.0 persons a household (Destatis,
 * Mikrozensus), on a 1 km disc around the site rather than DEGURBA's contiguous 1 km² cells.
 */
export const URBAN_HOUSEHOLDS_KM2 = 750;
export const SUBURBAN_HOUSEHOLDS_KM2 = 150;

const M_PER_DEG_LAT = 111_132;

/** The environment for a household density (households/km²). */
export function environmentOfDensity(householdsPerKm2: number): Environment {
  return householdsPerKm2 >= URBAN_HOUSEHOLDS_KM2
    ? 'urban'
    : householdsPerKm2 >= SUBURBAN_HOUSEHOLDS_KM2
      ? 'suburban'
      : 'open';
}

/**
 * Sites without an environment of their own take it from the households within 1 km: the households
 * are bucketed once into cells of 1 km (a counting sort over the sites' box), each site reads 3 × 3 cells.
 */
export function withDensityEnvironment(sites: readonly Site[], households: Households): Site[] {
  const open = sites.filter((s) => s.environmentFrom !== 'sites');
  if (open.length === 0) return [...sites];
  const r = DENSITY_RADIUS_M;
  // Cells a quarter wider than the radius: the cells' one longitude scale is off by up to ~5 % across a Land.
  const cell = 1.25 * r;
  const lat0 = open.reduce((sum, s) => sum + s.lat, 0) / open.length;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of open) {
    minX = Math.min(minX, s.lon * mPerDegLon - 2 * r);
    minY = Math.min(minY, s.lat * M_PER_DEG_LAT - 2 * r);
    maxX = Math.max(maxX, s.lon * mPerDegLon + 2 * r);
    maxY = Math.max(maxY, s.lat * M_PER_DEG_LAT + 2 * r);
  }
  const nx = Math.ceil((maxX - minX) / cell);
  const ny = Math.ceil((maxY - minY) / cell);
  const cellOf = (x: number, y: number) => {
    const cx = Math.floor((x - minX) / cell);
    const cy = Math.floor((y - minY) / cell);
    return cx >= 0 && cy >= 0 && cx < nx && cy < ny ? cy * nx + cx : -1;
  };
  const starts = new Uint32Array(nx * ny + 1);
  const cells = new Int32Array(households.count);
  for (let k = 0; k < households.count; k++) {
    cells[k] = cellOf(households.lon[k] * mPerDegLon, households.lat[k] * M_PER_DEG_LAT);
    if (cells[k] >= 0) starts[cells[k] + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) starts[c + 1] += starts[c];
  const order = new Uint32Array(starts[nx * ny]);
  const fill = starts.slice(0, nx * ny);
  for (let k = 0; k < households.count; k++) if (cells[k] >= 0) order[fill[cells[k]]++] = k;
  const areaKm2 = (Math.PI * r * r) / 1e6;
  return sites.map((site) => {
    if (site.environmentFrom === 'sites') return site;
    const x = site.lon * mPerDegLon;
    const y = site.lat * M_PER_DEG_LAT;
    // Local scale at the site's own latitude for the distance test.
    const sx = M_PER_DEG_LAT * Math.cos((site.lat * Math.PI) / 180);
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const c = cellOf(x + dx * cell, y + dy * cell);
        if (c < 0) continue;
        for (let j = starts[c]; j < starts[c + 1]; j++) {
          const k = order[j];
          const ex = (households.lon[k] - site.lon) * sx;
          const ey = (households.lat[k] - site.lat) * M_PER_DEG_LAT;
          if (ex * ex + ey * ey <= r * r) sum += households.weight[k];
        }
      }
    return {
      ...site,
      environment: environmentOfDensity(sum / areaKm2),
      environmentFrom: 'households' as const,
    };
  });
}
