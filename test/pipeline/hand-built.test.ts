import geodesic from 'geographiclib-geodesic';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisResult, analyze } from '../../src/pipeline/analyze.js';
import { gx, gy, HAND_INPUTS } from '../helpers.js';

/**
 * Geodesic area (km²) of a ring in grid units — GeographicLib, what PostGIS ST_Area(geography) uses.
 * Edges are geodesics, so an L-shape is measured as itself, not as a box minus a box.
 */
function ringKm2(...xy: number[]): number {
  const poly = geodesic.Geodesic.WGS84.Polygon(false);
  for (let k = 0; k < xy.length; k += 2) poly.AddPoint(gy(xy[k + 1]), gx(xy[k]));
  return Math.abs(poly.Compute(false, true).area!) / 1e6;
}

const boxKm2 = (x0: number, y0: number, x1: number, y1: number) => ringKm2(x0, y0, x1, y0, x1, y1, x0, y1);

let result: AnalysisResult;
beforeAll(async () => {
  result = await analyze({ ...HAND_INPUTS, workers: 0 });
});

const region = (id: string) => result.summary.regions.find((r) => r.id === id)!;

describe('hand-built scenario: each definition', () => {
  it('counts a point in a hole as not covered, and one on an edge or vertex as covered', () => {
    // h1 sits in A's LTE hole and on B's LTE edge; h2 on A's LTE edge; h6 on a vertex (0 households).
    expect(region('R1').operators.A.households_lte).toBe(1 + 4 + 0);
    expect(region('R1').operators.B.households_lte).toBe(3 + 5 + 10 + 4);
  });

  it('counts a point inside two overlapping MultiPolygon parts once', () => {
    expect(region('R1').households_5g).toBe(1);
    expect(region('R1').operators.A.households_5g).toBe(1);
  });

  it('puts a point on a border between regions into the first region in file order', () => {
    expect(region('R1').households).toBe(3 + 1 + 5 + 0 + 10 + 4);
    expect(region('R2').households).toBe(2 + 6);
  });

  it('classifies white (no LTE) and grey (one operator) households', () => {
    expect(region('R1').households_lte).toBe(23);
    expect(region('R1').households_no_lte).toBe(0);
    expect(region('R1').households_single_lte).toBe(3 + 1 + 5 + 0 + 10);
    expect(region('R2').households_no_lte).toBe(8);
    expect(region('R2').households_single_lte).toBe(0);
    expect(region('R2').households_5g).toBe(6);
    expect(region('R2').share_5g).toBe(6 / 8);
  });

  it('keeps other technologies as their own, with the same metric', () => {
    expect(region('R2').other_technologies).toEqual({ '3g': { households: 2, share: 2 / 8 } });
    expect(result.summary.totals.other_technologies).toEqual({ '3g': { households: 2, share: 2 / 31 } });
  });

  it('gives a region without households null shares and its whole area as dead zone', () => {
    const r3 = region('R3');
    expect(r3.households).toBe(0);
    expect(r3.share_5g).toBeNull();
    expect(r3.share_lte).toBeNull();
    expect(r3.operators.A.share_5g).toBeNull();
    expect(r3.lte_dead_zone_area_km2).toBeCloseTo(r3.area_km2, 9);
    expect(r3.area_5g_km2).toBe(0);
  });

  it('counts points outside every region, never dropping them', () => {
    expect(result.summary.outside_regions).toEqual({ points: 1, households: 7 });
    expect(result.summary.households_balance).toEqual({
      read: 38,
      in_regions: 31,
      outside_regions: 7,
      skipped: 0,
      balanced: true,
    });
  });

  it('treats an absent households property as 1 and 0 as 0', () => {
    expect(result.summary.totals.households).toBe(31);
  });

  it('measures ellipsoidal areas within 0.01 % of geodesic reference values', () => {
    const near = (actual: number, expected: number) =>
      expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThan(1e-4);
    near(region('R1').area_km2, boxKm2(0, 0, 2, 2));
    // The union of two 5G parts keeps a vertex on the northern parallel; on geodesic edges that alone
    // moves the area by 1e-4 at this size, so this one is held to the contract's 0.1 %.
    expect(Math.abs(region('R1').area_5g_km2 / boxKm2(0, 1, 2, 2) - 1)).toBeLessThan(1e-3);
    near(region('R1').lte_dead_zone_area_km2, boxKm2(0.25, 0.25, 0.5, 0.75) + boxKm2(1, 1, 2, 2));
    near(region('R2').lte_dead_zone_area_km2, ringKm2(2, 1, 3, 1, 3, 0, 4, 0, 4, 2, 2, 2));
    near(region('R2').area_5g_km2, boxKm2(3, 0, 4, 1));
    near(region('R3').area_km2, boxKm2(10, 10, 11, 11));
  });

  it('splits dead zones into connected parts whose households and areas add up', () => {
    const zones = result.deadZones;
    expect(zones.map((z) => [result.regions.ids[z.region], z.households])).toEqual([
      ['R2', 8],
      ['R1', 0], // 1×1 units at 51.1°N: larger than R3's 1×1 at 51.7°N
      ['R3', 0],
      ['R1', 0],
    ]);
    const totals = result.summary.totals;
    expect(zones.reduce((s, z) => s + z.households, 0)).toBe(totals.households_no_lte);
    expect(zones.reduce((s, z) => s + z.area_km2, 0)).toBeCloseTo(totals.lte_dead_zone_area_km2, 9);
  });

  it('sums the totals over the regions', () => {
    const t = result.summary.totals;
    const rs = result.summary.regions;
    expect(t.households_5g).toBe(rs.reduce((s, r) => s + r.households_5g, 0));
    expect(t.area_km2).toBeCloseTo(
      rs.reduce((s, r) => s + r.area_km2, 0),
      9,
    );
    expect(t.operators.B.households_5g).toBe(6);
  });
});
