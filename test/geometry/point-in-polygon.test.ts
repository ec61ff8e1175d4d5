import { describe, expect, it } from 'vitest';
import { buildEdgeBands } from '../../src/geometry/edge-bands.js';
import { CROSSES, crossing, ON_BOUNDARY, polygonCovers } from '../../src/geometry/point-in-polygon.js';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';

function set(...rings: number[][]) {
  const builder = new PolygonSetBuilder();
  builder.addPolygon(rings, 0);
  return builder.finish();
}

// A 4×4 square with a 2×2 hole, and a triangle with a sloped edge.
const square = set([0, 0, 4, 0, 4, 4, 0, 4, 0, 0], [1, 1, 1, 3, 3, 3, 3, 1, 1, 1]);
const triangle = set([0, 0, 4, 0, 4, 4, 0, 0]);

describe('polygonCovers (ST_Intersects for a point)', () => {
  it.each([
    ['inside', 0.5, 0.5, true],
    ['outside', 5, 2, false],
    ['on a vertical edge', 4, 2, true],
    ['on a horizontal edge', 2, 0, true],
    ['on a shell vertex', 4, 4, true],
    ['on the first vertex', 0, 0, true],
    ['in the hole', 2, 2, false],
    ['on the hole edge', 1, 2, true],
    ['on a hole vertex', 3, 3, true],
    ['level with a vertex, outside', -1, 4, false],
    ['level with a horizontal edge, outside', 5, 0, false],
  ])('square with hole: %s', (_, x, y, expected) => {
    expect(polygonCovers(square, 0, x, y)).toBe(expected);
  });

  it.each([
    ['on the sloped edge', 2, 2, true],
    ['on the sloped edge, far end', 3.75, 3.75, true],
    ['just above the sloped edge', 2, 2 + 2 ** -40, false],
    ['just below the sloped edge', 2, 2 - 2 ** -40, true],
    ['beyond the apex on the line', 5, 5, false],
  ])('triangle: %s', (_, x, y, expected) => {
    expect(polygonCovers(triangle, 0, x, y)).toBe(expected);
  });

  it('decides exactly where a naive cross product cannot', () => {
    // Edge from (0.1, 0.1) to (0.3, 0.3) in decimals that are not exact in binary: the exact
    // predicate must agree with exact rational arithmetic on the doubles, whatever the rounding.
    const thin = set([0.1, 0.1, 0.3, 0.3, 0.3, 0.1, 0.1, 0.1]);
    const y = 0.2;
    const x = 0.2;
    // Exact: (x - ax) * (by - ay) - (y - ay) * (bx - ax) on doubles, via BigInt of scaled values.
    const scale = 2 ** 60;
    const big = (v: number) => BigInt(Math.round(v * scale));
    const cross = (big(x) - big(0.1)) * (big(0.3) - big(0.1)) - (big(y) - big(0.1)) * (big(0.3) - big(0.1));
    expect(polygonCovers(thin, 0, x, y)).toBe(cross >= 0n);
  });

  it('agrees with the edge-by-edge crossing count on lattice rings, points on vertices and edges included', () => {
    // Vertices and points on a small lattice: many points share a vertex's y, lie on edges or on vertices.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let trial = 0; trial < 300; trial++) {
      const rings = Array.from({ length: 1 + next(2) }, () => {
        const ring = Array.from({ length: 2 * (3 + next(6)) }, () => next(7));
        return [...ring, ring[0], ring[1]];
      });
      const polygons = set(...rings);
      // Every polygon banded too, so the band loop meets the same vertices and edges.
      const bands = buildEdgeBands(polygons, 0);
      for (let x = -0.5; x <= 7; x += 0.5) {
        for (let y = -0.5; y <= 7; y += 0.5) {
          let inside = false;
          let on = false;
          for (let r = 0; r < rings.length; r++) {
            const first = polygons.ringOffset[r];
            for (let v = first; v < polygons.ringOffset[r + 1] - 1; v++) {
              const edge = crossing(polygons.coords, v, x, y);
              if (edge === ON_BOUNDARY) on = true;
              if (edge === CROSSES) inside = !inside;
            }
          }
          expect(polygonCovers(polygons, 0, x, y), `trial ${trial} (${x}, ${y})`).toBe(on || inside);
          expect(polygonCovers(polygons, 0, x, y, bands), `banded, trial ${trial} (${x}, ${y})`).toBe(
            on || inside,
          );
        }
      }
    }
  });

  it('agrees with the edge-by-edge crossing count on sectors in lon/lat, points near their edges included', () => {
    let seed = 3;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      // A sector: its centre, then an arc of 11 vertices, closed.
      const cx = 7 + random();
      const cy = 51 + random();
      const ring = [cx, cy];
      const start = random() * 2 * Math.PI;
      for (let k = 0; k <= 10; k++) {
        const a = start + (k / 10) * (Math.PI / 2);
        ring.push(cx + 0.01 * Math.cos(a), cy + 0.01 * Math.sin(a));
      }
      ring.push(cx, cy);
      const polygons = set(ring);
      const bands = buildEdgeBands(polygons, 0);
      for (let k = 0; k < 200; k++) {
        // Points anywhere in the box, on vertices, and on (rounded) points of edges.
        const v = k % (ring.length / 2 - 1);
        const t = k < 60 ? random() : k < 80 ? 0 : 0.5;
        const x = k < 60 ? cx - 0.011 + 0.022 * random() : ring[2 * v] + t * (ring[2 * v + 2] - ring[2 * v]);
        const y =
          k < 60 ? cy - 0.011 + 0.022 * random() : ring[2 * v + 1] + t * (ring[2 * v + 3] - ring[2 * v + 1]);
        let inside = false;
        let on = false;
        for (let e = 0; e < ring.length / 2 - 1; e++) {
          const edge = crossing(polygons.coords, e, x, y);
          if (edge === ON_BOUNDARY) on = true;
          if (edge === CROSSES) inside = !inside;
        }
        expect(polygonCovers(polygons, 0, x, y), `trial ${trial} (${x}, ${y})`).toBe(on || inside);
        expect(polygonCovers(polygons, 0, x, y, bands), `banded, trial ${trial} (${x}, ${y})`).toBe(
          on || inside,
        );
      }
    }
  });
});
