import { azimuthOffset, horizontalAttenuation, sectorAttenuation, verticalAttenuation } from './antenna.js';
import { LocalFrame } from './local-frame.js';
import type { LossAtDistance } from './models.js';
import type { Site } from './site.js';

export interface FootprintOptions {
  thresholdDbm: number;
  rxHeightM: number;
  /** The edge along each radial is found to a sixteenth of this (metres). */
  resolutionM: number;
  /** Radials cast around the site (360: one a degree). */
  radials: number;
}

/** A site's covered area: a star-shaped ring around the mast, and the edge found on each radial. */
export interface Footprint {
  /**
   * Closed lon/lat ring, flat, one vertex a radial (clockwise from north; writers orient it). Over
   * terrain the star-shaped envelope through each radial's farthest covered point: the area is `polygons`.
   */
  ring: Float64Array;
  /** Over terrain: the covered area, shadows cut out (shell, then holes; lon/lat, flat). See footprintRings. */
  polygons?: Float64Array[][];
  /** Over terrain: radials that stopped where the DEM ended or had no data. */
  cutRadials?: number;
  /** Metres from the mast to the edge on each radial; 0 where nothing is covered. */
  edges: Float64Array;
  /** The search stopped at the radio horizon on some radial (the level was still above threshold). */
  horizonM: number;
  capped: boolean;
}

/** Geometric steps of the outside-in scan before the bisection: 10 % apart. */
const SCAN_RATIO = 1.1;
const DEG = 180 / Math.PI;

/**
 * The 4/3-earth radio horizon d = 4.12 km (√h_bs + √h_ms), heights in metres: beyond it a flat-earth
 * model has no meaning, so the search stops there.
 */
export function radioHorizonM(baseM: number, mobileM: number): number {
  return 4120 * (Math.sqrt(baseM) + Math.sqrt(mobileM));
}

/**
 * The footprint of one site: on each radial the farthest distance where eirp − loss − pattern ≥
 * threshold, by an outside-in scan in 10 % steps and bisection. The area is taken as star-shaped from
 * the mast (a gap nearer the mast than the edge, under a steep downtilt, is not cut out).
 * Null when no radial covers anything.
 */
export function siteFootprint(site: Site, loss: LossAtDistance, options: FootprintOptions): Footprint | null {
  const { thresholdDbm, rxHeightM, resolutionM, radials } = options;
  const dh = site.heightM - rxHeightM;
  const horizonM = radioHorizonM(site.heightM, rxHeightM);
  const floorM = Math.min(resolutionM / 2, horizonM);
  const budget = site.eirpDbm - thresholdDbm;
  // The loss and depression angle on the scan's distances, shared by every radial (no terrain).
  const scan: number[] = [];
  for (let d = horizonM; d >= floorM; d /= SCAN_RATIO) scan.push(d);
  const scanLoss = Float64Array.from(scan, loss);
  const scanDepression = Float64Array.from(scan, (d) => Math.atan2(dh, d) * DEG);
  const sector = site.azimuthDeg !== undefined;
  const pattern = (horizontal: number, depression: number) =>
    sector
      ? sectorAttenuation(horizontal, verticalAttenuation(depression, site.tiltDeg, site.vBeamwidthDeg))
      : 0;
  const tolerance = resolutionM / 16;
  let capped = false;
  const edgeFor = (horizontal: number): number => {
    let i = 0;
    while (i < scan.length && budget - scanLoss[i] - pattern(horizontal, scanDepression[i]) < 0) i++;
    if (i === scan.length) return 0;
    if (i === 0) {
      capped = true;
      return horizonM;
    }
    let lo = scan[i];
    let hi = scan[i - 1];
    while (hi - lo > tolerance) {
      const mid = (lo + hi) / 2;
      if (budget - loss(mid) - pattern(horizontal, Math.atan2(dh, mid) * DEG) >= 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  // Radials with the same horizontal attenuation share an edge (mirror images, the back lobe, omni).
  const byAttenuation = new Map<number, number>();
  const edges = new Float64Array(radials);
  let any = false;
  for (let k = 0; k < radials; k++) {
    const azimuth = (360 * k) / radials;
    const horizontal = sector
      ? horizontalAttenuation(azimuthOffset(azimuth, site.azimuthDeg as number), site.beamwidthDeg)
      : 0;
    let edge = byAttenuation.get(horizontal);
    if (edge === undefined) {
      edge = edgeFor(horizontal);
      byAttenuation.set(horizontal, edge);
    }
    edges[k] = edge;
    if (edge > 0) any = true;
  }
  if (!any) return null;
  return { ring: starRing(site, edges, floorM), edges, horizonM, capped };
}

/** The covered area as polygons (shell, then holes): the terrain's, or the star-shaped ring. */
export function footprintRings(footprint: Footprint): Float64Array[][] {
  return footprint.polygons ?? [[footprint.ring]];
}

/** The closed ring through the edge of each radial (at least `floorM` out, so the ring stays simple). */
export function starRing(site: Site, edges: Float64Array, floorM: number): Float64Array {
  const frame = new LocalFrame(site.lon, site.lat);
  const n = edges.length;
  const ring = new Float64Array(2 * (n + 1));
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const r = Math.max(edges[k], floorM);
    frame.toLonLat(r * Math.sin(a), r * Math.cos(a), ring, 2 * k);
  }
  ring[2 * n] = ring[0];
  ring[2 * n + 1] = ring[1];
  return ring;
}
