import { describe, expect, it } from 'vitest';
import { ringAreaM2 } from '../../src/geometry/area.js';
import { siteFootprint } from '../../src/planning/footprint.js';
import { LocalFrame } from '../../src/planning/local-frame.js';
import { MODELS } from '../../src/planning/models.js';
import type { Site } from '../../src/planning/site.js';

const site = (over: Partial<Site> = {}): Site => ({
  id: 'S',
  lon: 7.5,
  lat: 51.5,
  heightM: 30,
  operator: 'P',
  technology: 'lte',
  bandMHz: 800,
  eirpDbm: 30,
  beamwidthDeg: 65,
  tiltDeg: 0,
  vBeamwidthDeg: 10,
  environment: 'suburban',
  environmentFrom: 'sites',
  where: { file: 'sites.csv', line: 2 },
  ...over,
});
const options = { thresholdDbm: -105, rxHeightM: 1.5, resolutionM: 50, radials: 360 };

describe('siteFootprint', () => {
  it('an omnidirectional site on flat ground covers a disc whose radius solves path loss = eirp − threshold', () => {
    const loss = MODELS['hata-suburban'].loss(800, 30, 1.5);
    // L(r) = L(1 km) + (44.9 − 6.55 log 30) log r[km] = 30 − (−105) = 135 dB
    const slope = 44.9 - 6.55 * Math.log10(30);
    const radius = 1000 * 10 ** ((135 - loss(1000)) / slope);
    expect(radius).toBeGreaterThan(2000);
    const footprint = siteFootprint(site(), loss, options);
    if (footprint === null) throw new Error('no footprint');
    for (const edge of footprint.edges) expect(Math.abs(edge - radius)).toBeLessThanOrEqual(50 / 16);
    const ring = footprint.ring;
    const area = ringAreaM2(ring, 0, ring.length / 2);
    expect(Math.abs(area / (Math.PI * radius * radius) - 1)).toBeLessThan(0.01);
    // The 360-gon inscribed in the circle: 0.99995 of π r², and no more than the bisection's 1/16 resolution off.
    expect(Math.abs(area / (Math.PI * radius * radius) - 1)).toBeLessThan(0.001);
  });

  it('a sector reaches farther in front than behind, symmetric about its azimuth', () => {
    const loss = MODELS['hata-suburban'].loss(800, 30, 1.5);
    const footprint = siteFootprint(site({ azimuthDeg: 90 }), loss, options);
    if (footprint === null) throw new Error('no footprint');
    const { edges } = footprint;
    expect(edges[90]).toBeGreaterThan(2 * edges[270]);
    expect(edges[90]).toBeGreaterThan(edges[0]);
    for (const k of [10, 30, 60, 120]) expect(edges[(450 - k) % 360]).toBeCloseTo(edges[90 + k], 9);
    // Behind: the 25 dB front-to-back ratio, so L(r) = 135 − 25 dB.
    const slope = 44.9 - 6.55 * Math.log10(30);
    const behind = 1000 * 10 ** ((110 - loss(1000)) / slope);
    expect(Math.abs(edges[270] - behind)).toBeLessThanOrEqual(50 / 16);
  });

  it('a downtilt pulls the edge in', () => {
    const loss = MODELS['hata-suburban'].loss(800, 30, 1.5);
    const flat = siteFootprint(site({ azimuthDeg: 0 }), loss, options);
    const tilted = siteFootprint(site({ azimuthDeg: 0, tiltDeg: 6 }), loss, options);
    expect(tilted?.edges[0]).toBeLessThan(flat?.edges[0] ?? 0);
  });

  it('is null when the level never reaches the threshold', () => {
    const loss = MODELS['hata-suburban'].loss(800, 30, 1.5);
    expect(siteFootprint(site({ eirpDbm: -60 }), loss, options)).toBeNull();
  });
});

describe('LocalFrame', () => {
  it("lays off metres north along the meridian and east along the ellipsoid's prime vertical", () => {
    const lat = 51.5;
    const s = Math.sin((lat * Math.PI) / 180);
    const e2 = 0.0066943799901413165;
    const m = (6378137 * (1 - e2)) / (1 - e2 * s * s) ** 1.5;
    const n = 6378137 / Math.sqrt(1 - e2 * s * s);
    const out = new Float64Array(2);
    const frame = new LocalFrame(7.5, lat);
    frame.toLonLat(0, 1000, out, 0);
    expect(((out[1] - lat) * Math.PI * m) / 180).toBeCloseTo(1000, 1);
    frame.toLonLat(1000, 0, out, 0);
    expect(((out[0] - 7.5) * Math.PI * n * Math.cos((lat * Math.PI) / 180)) / 180).toBeCloseTo(1000, 1);
  });
});
