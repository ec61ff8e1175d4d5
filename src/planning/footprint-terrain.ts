import { azimuthOffset, horizontalAttenuation, sectorAttenuation, verticalAttenuation } from './antenna.js';
import { type Footprint, type FootprintOptions, radioHorizonM, starRing } from './footprint.js';
import { polarPolygons } from './footprint-polar.js';
import { LocalFrame } from './local-frame.js';
import type { LossAtDistance } from './models.js';
import type { Site } from './site.js';
import type { Dem } from './terrain-dem.js';
import { ProfileDiffraction } from './terrain-profile.js';

/** A radial's DEM cells are exact every this many metres, linear between (a geodesic bends < 0.1 m in 2 km). */
const ANCHOR_M = 2000;
const DEG = 180 / Math.PI;

/**
 * The footprint of one site over a DEM. Each radial is walked in steps of the resolution out to the
 * farthest step the model and the horizontal pattern could reach (terrain only adds loss); at each
 * step the receiver stands `rxHeightM` above the DEM and the level is eirp − model loss − pattern
 * (depression angle between the antennas' heights above sea level) − terrain loss, where the terrain
 * loss is Bullington's over the DEM profile minus Bullington's over smooth earth at the same heights
 * above ground (never below 0): the empirical model already holds smooth earth, so a flat DEM adds
 * nothing. Covered steps become cells of a polar grid (± half a step, ± half a radial), traced into
 * polygons: shadows are holes or gaps. A radial stops where the DEM ends or has no data.
 */
export function terrainFootprint(
  site: Site,
  loss: LossAtDistance,
  options: FootprintOptions,
  dem: Dem,
): Footprint | null {
  const { thresholdDbm, rxHeightM, resolutionM: step, radials } = options;
  const ground = dem.heightAt(site.lon, site.lat);
  if (Number.isNaN(ground)) throw new Error(`site ${site.id} is outside the DEM (predictSite checks this)`);
  const txM = ground + site.heightM;
  // A hilltop site sees farther than its mast alone: the horizon over the DEM's lowest ground.
  const horizonM = radioHorizonM(site.heightM + Math.max(0, ground - dem.minHeightM), rxHeightM);
  const steps = Math.floor(horizonM / step);
  const budget = site.eirpDbm - thresholdDbm;
  const modelLoss = new Float64Array(steps + 1);
  for (let i = 1; i <= steps; i++) modelLoss[i] = loss(i * step);
  const sector = site.azimuthDeg !== undefined;
  const horizontal = new Float64Array(radials);
  const reach = new Int32Array(radials);
  const reachBy = new Map<number, number>();
  for (let k = 0; k < radials; k++) {
    const h = sector
      ? horizontalAttenuation(
          azimuthOffset((360 * k) / radials, site.azimuthDeg as number),
          site.beamwidthDeg,
        )
      : 0;
    let r = reachBy.get(h);
    if (r === undefined) {
      r = steps;
      while (r > 0 && budget - modelLoss[r] - h < 0) r--;
      reachBy.set(h, r);
    }
    horizontal[k] = h;
    reach[k] = r;
  }
  const rows = Math.max(...reach) + 1;
  if (rows === 1) return null;
  const profile = new ProfileDiffraction(rows, site.bandMHz);
  const smooth = smoothEarthLoss(profile, site.heightM, rxHeightM, step, rows);
  const mask = new Uint8Array(radials * rows).fill(1, 0, radials);
  const edges = new Float64Array(radials);
  const frame = new LocalFrame(site.lon, site.lat);
  const anchors = new Float64Array(2 * (Math.floor(((rows - 1) * step) / ANCHOR_M) + 2));
  const lonLat = new Float64Array(2);
  let cutRadials = 0;
  let capped = false;
  for (let k = 0; k < radials; k++) {
    if (reach[k] === 0) continue;
    const sin = Math.sin((2 * Math.PI * k) / radials);
    const cos = Math.cos((2 * Math.PI * k) / radials);
    const count = Math.floor((reach[k] * step) / ANCHOR_M) + 2;
    for (let j = 0; j < count; j++) {
      frame.toLonLat(j * ANCHOR_M * sin, j * ANCHOR_M * cos, lonLat, 0);
      dem.toCell(lonLat[0], lonLat[1], anchors, 2 * j);
    }
    profile.reset(txM);
    for (let i = 1; i <= reach[k]; i++) {
      const d = i * step;
      const j = Math.floor(d / ANCHOR_M);
      const t = d / ANCHOR_M - j;
      const h = dem.heightAtCell(
        anchors[2 * j] + t * (anchors[2 * j + 2] - anchors[2 * j]),
        anchors[2 * j + 1] + t * (anchors[2 * j + 3] - anchors[2 * j + 1]),
      );
      if (Number.isNaN(h)) {
        cutRadials++;
        break;
      }
      const rxM = h + rxHeightM;
      const pattern = sector
        ? sectorAttenuation(
            horizontal[k],
            verticalAttenuation(Math.atan2(txM - rxM, d) * DEG, site.tiltDeg, site.vBeamwidthDeg),
          )
        : 0;
      const level = budget - modelLoss[i] - pattern;
      // The profile is only needed where the model alone would cover.
      if (level >= 0 && level >= profile.loss(d / 1000, rxM) - smooth[i]) {
        mask[i * radials + k] = 1;
        edges[k] = d + step / 2;
        if (i === steps) capped = true;
      }
      profile.push(d / 1000, h);
    }
  }
  if (!edges.some((e) => e > 0)) return null;
  const polygons = polarPolygons({ radials, rows, stepM: step, mask }).map((rings) =>
    rings.map((ring) => {
      const out = new Float64Array(ring.length);
      for (let v = 0; v < ring.length; v += 2) frame.toLonLat(ring[v], ring[v + 1], out, v);
      return out;
    }),
  );
  return {
    ring: starRing(site, edges, step / 2),
    edges,
    horizonM,
    capped,
    polygons,
    cutRadials,
  };
}

/** Bullington's loss at each step over smooth earth, antennas at their heights above ground: the same on every radial. */
function smoothEarthLoss(
  profile: ProfileDiffraction,
  txM: number,
  rxM: number,
  step: number,
  rows: number,
): Float64Array {
  const smooth = new Float64Array(rows);
  profile.reset(txM);
  for (let i = 1; i < rows; i++) {
    smooth[i] = profile.loss((i * step) / 1000, rxM);
    profile.push((i * step) / 1000, 0);
  }
  return smooth;
}
