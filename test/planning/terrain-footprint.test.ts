import { describe, expect, it } from 'vitest';
import { ringAreaM2 } from '../../src/geometry/area.js';
import { resolveCrs, WGS84 } from '../../src/geometry/crs.js';
import { siteFootprint } from '../../src/planning/footprint.js';
import { terrainFootprint } from '../../src/planning/footprint-terrain.js';
import { LocalFrame } from '../../src/planning/local-frame.js';
import { MODELS } from '../../src/planning/models.js';
import type { Site } from '../../src/planning/site.js';
import { Dem } from '../../src/planning/terrain-dem.js';

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
const SOURCE = { path: 'dem.tif', sha256: '0'.repeat(64), bytes: 0 };

/** Even-odd point in the footprint's polygons (shells and holes). */
function covers(polygons: readonly Float64Array[][], lon: number, lat: number): boolean {
  return polygons.some((rings) => {
    let odd = false;
    for (const ring of rings)
      for (let k = 0; k + 3 < ring.length; k += 2) {
        const [ax, ay, bx, by] = [ring[k], ring[k + 1], ring[k + 2], ring[k + 3]];
        if (ay > lat !== by > lat && lon < ax + ((lat - ay) * (bx - ax)) / (by - ay)) odd = !odd;
      }
    return odd;
  });
}

/** lon/lat `north` metres due north of the site (the local frame the footprint uses). */
function north(m: number): [number, number] {
  const out = new Float64Array(2);
  new LocalFrame(7.5, 51.5).toLonLat(0, m, out, 0);
  return [out[0], out[1]];
}

/**
 * A lon/lat DEM whose rows fall exactly on the 50 m steps of the site's north radial (row r0 − i is
 * step i), ±12 km around the site; `height(i)` of the step, the same across every column.
 */
function rowDem(height: (step: number) => number): Dem {
  const cellHeight = north(50)[1] - 51.5;
  const cellWidth = 0.001;
  const r0 = 240;
  const c0 = 175;
  const grid = {
    crs: WGS84,
    x0: 7.5 - (c0 + 0.5) * cellWidth,
    y0: 51.5 + (r0 + 0.5) * cellHeight,
    cellWidth,
    cellHeight,
    columns: 2 * c0 + 1,
    rows: 2 * r0 + 1,
  };
  const heights = new Float32Array(grid.columns * grid.rows);
  for (let r = 0; r < grid.rows; r++) heights.fill(height(r0 - r), r * grid.columns, (r + 1) * grid.columns);
  return new Dem(grid, heights, SOURCE);
}

const constantLoss = (db: number) => () => db;

describe('terrainFootprint', () => {
  it('a ridge between site and receiver adds exactly the knife-edge loss computed by hand', () => {
    // 3600 MHz, Tx 30 m, Rx 10 m over flat ground at 0 m, a 60 m ridge at 5 km, the receiver at 10 km north.
    // Smooth earth clears by far (largest ν ≈ −1.6 at 3.6 GHz, ≤ −0.78): the ridge's Bullington loss is all added.
    const lambda = 299.792458 / 3600;
    const bulge = (500 * 5 * 5) / 8500;
    const stim = (60 + bulge - 30) / 5;
    const srim = (60 + bulge - 10) / 5;
    expect(stim).toBeGreaterThan((10 - 30) / 10);
    const dbp = (10 - 30 + srim * 10) / (stim + srim);
    const height = 30 + stim * dbp - (30 * (10 - dbp) + 10 * dbp) / 10;
    const nu = height * Math.sqrt((0.002 * 10) / (lambda * dbp * (10 - dbp)));
    expect(nu).toBeCloseTo(4.0647, 3);
    const j = 6.9 + 20 * Math.log10(Math.sqrt((nu - 0.1) ** 2 + 1) + nu - 0.1);
    const ridgeLoss = j + (1 - Math.exp(-j / 6)) * (10 + 0.02 * 10);
    expect(ridgeLoss).toBeCloseTo(35.062, 2);
    const dem = rowDem((i) => (i === 100 ? 60 : 0));
    const options = { thresholdDbm: -100, rxHeightM: 10, resolutionM: 50, radials: 360 };
    const s = site({ bandMHz: 3600, eirpDbm: 50 });
    // Budget 150 dB − 100 dB of model loss: covered at 10 km iff the terrain adds at most 50 − margin.
    const at = (model: number) => terrainFootprint(s, constantLoss(model), options, dem);
    const [lon, lat] = north(10_000);
    const above = at(150 - ridgeLoss - 0.001);
    const below = at(150 - ridgeLoss + 0.001);
    expect(above && covers(above.polygons ?? [], lon, lat)).toBe(true);
    expect(below && covers(below.polygons ?? [], lon, lat)).toBe(false);
    // In front of the ridge nothing is added.
    expect(below && covers(below.polygons ?? [], ...north(4000))).toBe(true);
  });

  it('a receiver behind a tall ridge is not covered; a farther one on a plateau in sight is (a gap)', () => {
    const dem = rowDem((i) => (i === 100 ? 60 : i >= 170 && i <= 200 ? 150 : 0));
    const options = { thresholdDbm: -100, rxHeightM: 10, resolutionM: 50, radials: 360 };
    const footprint = terrainFootprint(site({ bandMHz: 3600, eirpDbm: 50 }), constantLoss(140), options, dem);
    if (footprint?.polygons === undefined) throw new Error('no footprint');
    const { polygons } = footprint;
    expect(covers(polygons, ...north(4000))).toBe(true);
    expect(covers(polygons, ...north(6000))).toBe(false);
    expect(covers(polygons, ...north(7500))).toBe(false);
    expect(covers(polygons, ...north(9000))).toBe(true);
    expect(covers(polygons, ...north(-9000))).toBe(true);
    expect(polygons.length).toBeGreaterThan(1);
    // The plateau's radials stop where the DEM ends (±12 km), and say so.
    expect(footprint.cutRadials).toBeGreaterThan(0);
  });

  it('a flat DEM (projected, 25 m cells) gives the flat-earth footprint to within the resolution', () => {
    const utm = resolveCrs('EPSG:25832');
    const centre = [7.5, 51.5];
    utm.fromLonLat(centre);
    const cell = 25;
    const half = 600;
    const grid = {
      crs: utm,
      x0: Math.round(centre[0]) - half * cell,
      y0: Math.round(centre[1]) + half * cell,
      cellWidth: cell,
      cellHeight: cell,
      columns: 2 * half,
      rows: 2 * half,
    };
    const dem = new Dem(grid, new Float32Array(grid.columns * grid.rows).fill(87.5), SOURCE);
    const loss = MODELS['hata-suburban'].loss(800, 30, 1.5);
    const options = { thresholdDbm: -105, rxHeightM: 1.5, resolutionM: 50, radials: 360 };
    for (const s of [site(), site({ azimuthDeg: 120, tiltDeg: 4 })]) {
      const flat = siteFootprint(s, loss, options);
      const terrain = terrainFootprint(s, loss, options, dem);
      if (flat === null || terrain?.polygons === undefined) throw new Error('no footprint');
      for (
        let k = 0;
        k < 360;
        k++ // Cells reach half a step past the last covered step; the bisection is within a sixteenth.
      )
        expect(Math.abs(terrain.edges[k] - flat.edges[k])).toBeLessThanOrEqual(25 + 50 / 16);
      expect(terrain.polygons).toHaveLength(1);
      expect(terrain.polygons[0]).toHaveLength(1);
      const area = (ring: Float64Array) => ringAreaM2(ring, 0, ring.length / 2);
      expect(area(terrain.polygons[0][0]) / area(flat.ring)).toBeCloseTo(1, 1);
      expect(terrain.cutRadials).toBe(0);
    }
  });
});
