import { Clipper, FillRule, type Paths64, Rect64Utils } from 'clipper2-ts';
import { describe, expect, it } from 'vitest';
import { regionCoverageGeometry, type TilePieces } from '../../src/analysis/coverage-geometry.js';
import { tileRects } from '../../src/analysis/coverage-tiles.js';
import { ringAreaM2 } from '../../src/geometry/area.js';
import { pathToRing, polygonPaths } from '../../src/geometry/integer-paths.js';
import { type PolygonSet, PolygonSetBuilder } from '../../src/model/polygon-set.js';

/** A closed ring of n vertices: short edges, so a vertex added where a tile seam cuts one moves the area by < 1e-9. */
function circle(cx: number, cy: number, r: number, n = 512): Float64Array {
  const ring = new Float64Array(2 * (n + 1));
  for (let k = 0; k <= n; k++) {
    ring[2 * k] = cx + r * Math.cos((2 * Math.PI * k) / n);
    ring[2 * k + 1] = cy + 0.6 * r * Math.sin((2 * Math.PI * k) / n);
  }
  return ring;
}

function polygonSet(polygons: { rings: Float64Array[]; owner: number }[]): PolygonSet {
  const builder = new PolygonSetBuilder();
  for (const { rings, owner } of polygons) builder.addPolygon(rings, owner);
  return builder.finish();
}

function allPaths(set: PolygonSet): Paths64 {
  const out: Paths64 = [];
  for (let p = 0; p < set.polygonCount; p++) polygonPaths(set, p, out);
  return out;
}

function areaM2(paths: Paths64): number {
  let sum = 0;
  for (const path of paths) {
    const ring = pathToRing(path);
    sum += Math.sign(Clipper.area(path)) * ringAreaM2(ring, 0, ring.length / 2);
  }
  return sum;
}

/** Each tile's union of the coverage, cut to the tile with its margin, as the tile unions give it. */
function tilePieces(coverage: Paths64): (TilePieces & { pieces: Paths64 })[] {
  return tileRects(6.5, 50.5, 8, 52).map((tile) => ({
    tile,
    pieces: Clipper.union(
      Clipper.rectClip(Rect64Utils.create(tile.left, tile.top, tile.right, tile.bottom), coverage),
      FillRule.NonZero,
    ),
  }));
}

describe('region coverage geometry', () => {
  // A region with a hole, across the seams at 7.0/7.25/7.5°E and 51.0/51.25/51.5°N.
  const regions = polygonSet([{ rings: [circle(7.2, 51.2, 0.45), circle(7.3, 51.25, 0.08)], owner: 0 }]);
  const region = allPaths(regions);
  const nr = allPaths(
    polygonSet([
      { rings: [circle(7.0, 51.1, 0.3)], owner: 0 },
      { rings: [circle(7.3, 51.3, 0.25)], owner: 0 },
    ]),
  );
  const lte = allPaths(polygonSet([{ rings: [circle(7.1, 51.15, 0.5)], owner: 0 }]));
  const lteTiles = tilePieces(lte);

  it('sums the 5G area tile by tile to the area of one clip, margins counted once', () => {
    const result = regionCoverageGeometry(
      regions,
      0,
      lteTiles.flatMap((t) => t.pieces),
      tilePieces(nr),
    );
    const expected = areaM2(Clipper.intersect(region, nr, FillRule.NonZero));
    expect(Math.abs(result.area5gM2 / expected - 1)).toBeLessThan(1e-9);
    expect(Math.abs(result.areaM2 / areaM2(region) - 1)).toBeLessThan(1e-12);
  });

  it('keeps the dead zones whole across tile seams, as one Difference gives them', () => {
    const result = regionCoverageGeometry(
      regions,
      0,
      lteTiles.flatMap((t) => t.pieces),
      [],
    );
    const expected = Clipper.difference(region, lte, FillRule.NonZero);
    expect(result.area5gM2).toBe(0);
    expect(result.deadZones).toHaveLength(expected.filter((p) => Clipper.isPositive(p)).length);
    // The seam vertices kept by the LTE pieces move where the Difference rounds: a few 1e-8.
    expect(Math.abs(result.deadZoneAreaM2 / areaM2(expected) - 1)).toBeLessThan(1e-7);
  });

  it('never reports more 5G area than the region has', () => {
    const all = allPaths(polygonSet([{ rings: [circle(7.2, 51.2, 0.9)], owner: 0 }]));
    const result = regionCoverageGeometry(regions, 0, [], tilePieces(all));
    expect(result.area5gM2).toBeLessThanOrEqual(result.areaM2);
    expect(result.area5gM2 / result.areaM2).toBeCloseTo(1, 8);
  });
});
