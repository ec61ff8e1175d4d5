import fc from 'fast-check';
import { orient2d } from 'robust-predicates';
import { describe, expect, it } from 'vitest';
import { classifyRange } from '../../src/analysis/classify.js';
import { buildEdgeBands } from '../../src/geometry/edge-bands.js';
import { makeValid } from '../../src/geometry/make-valid.js';
import { polygonProblem } from '../../src/geometry/polygon-validity.js';
import { allocateHouseholds } from '../../src/model/households.js';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';
import { buildPolygonGrid } from '../../src/spatial/polygon-grid.js';

/**
 * Coordinates are small integers in units of 1/16° from (7°E, 51°N): every vertex, edge midpoint
 * and grid point is exact in binary, so many points fall exactly on edges and vertices, and the
 * reference below computes with exact arithmetic.
 */
const U = 1 / 16;
const at = (k: number) => k * U;
const lon = (k: number) => 7 + at(k);
const lat = (k: number) => 51 + at(k);

type Ring = [number, number][]; // grid units
type Polygon = { rings: Ring[]; layer: number };

const rectangle = fc
  .record({
    x: fc.integer({ min: 0, max: 14 }),
    y: fc.integer({ min: 0, max: 14 }),
    w: fc.integer({ min: 1, max: 8 }),
    h: fc.integer({ min: 1, max: 8 }),
  })
  .map(
    ({ x, y, w, h }): Ring => [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
      [x, y],
    ],
  );

/** A rectangle, maybe with a rectangular hole strictly inside, or a triangle (any winding). */
const polygon = fc.oneof(
  fc.tuple(rectangle, fc.boolean(), fc.integer({ min: 0, max: 31 })).map(([shell, hole, layer]): Polygon => {
    const [[x0, y0], , [x1, y1]] = shell;
    const rings = [shell];
    if (hole && x1 - x0 >= 3 && y1 - y0 >= 3)
      rings.push([
        [x0 + 1, y0 + 1],
        [x0 + 1, y1 - 1],
        [x1 - 1, y1 - 1],
        [x1 - 1, y0 + 1],
        [x0 + 1, y0 + 1],
      ]);
    return { rings, layer: layer % 4 };
  }),
  fc
    .tuple(
      fc.integer({ min: 0, max: 22 }),
      fc.integer({ min: 0, max: 22 }),
      fc.integer({ min: 0, max: 22 }),
      fc.integer({ min: 0, max: 22 }),
      fc.integer({ min: 0, max: 22 }),
      fc.integer({ min: 0, max: 22 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .filter(([ax, ay, bx, by, cx, cy]) => (bx - ax) * (cy - ay) - (cx - ax) * (by - ay) !== 0)
    .map(
      ([ax, ay, bx, by, cx, cy, layer]): Polygon => ({
        rings: [
          [
            [ax, ay],
            [bx, by],
            [cx, cy],
            [ax, ay],
          ],
        ],
        layer,
      }),
    ),
);

/** Exact reference: on the boundary counts as covered (ST_Intersects); inside by even-odd over all rings. */
function covers(p: Polygon, x: number, y: number): boolean {
  let inside = false;
  for (const ring of p.rings) {
    for (let k = 0; k < ring.length - 1; k++) {
      const [ax, ay] = ring[k];
      const [bx, by] = ring[k + 1];
      const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      if (
        cross === 0 &&
        x >= Math.min(ax, bx) &&
        x <= Math.max(ax, bx) &&
        y >= Math.min(ay, by) &&
        y <= Math.max(ay, by)
      )
        return true;
      if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
    }
  }
  return inside;
}

function polygonSet(polygons: Polygon[], owner: (p: Polygon, k: number) => number) {
  const builder = new PolygonSetBuilder();
  polygons.forEach((p, k) => {
    builder.addPolygon(
      p.rings.map((ring) => new Float64Array(ring.flatMap(([x, y]) => [lon(x), lat(y)]))),
      owner(p, k),
    );
  });
  return builder.finish();
}

describe('properties (fast-check)', () => {
  it('the fast classifier equals the exact reference, points on edges and vertices included', () => {
    fc.assert(
      fc.property(
        fc.array(polygon, { minLength: 1, maxLength: 12 }),
        fc.array(rectangle, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.integer({ min: -2, max: 48 }), fc.integer({ min: -2, max: 48 })), {
          maxLength: 200,
        }),
        fc.integer({ min: 1, max: 16 }),
        (polygons, regionRings, halfUnits, cellsAcross) => {
          // Half units put points on edge midpoints as well as on vertices.
          const points: [number, number][] = halfUnits.map(([x, y]) => [x / 2, y / 2]);
          for (const p of polygons) for (const ring of p.rings) points.push(...ring);
          const households = allocateHouseholds(points.length);
          points.forEach(([x, y], i) => {
            households.lon[i] = lon(x);
            households.lat[i] = lat(y);
            households.weight[i] = 1;
          });
          const coverage = polygonSet(polygons, (p) => p.layer);
          const regions = polygonSet(
            regionRings.map((rings) => ({ rings: [rings], layer: 0 })),
            (_, k) => k,
          );
          const out = { mask: new Uint32Array(points.length), region: new Int32Array(points.length) };
          classifyRange(
            {
              households,
              coverage,
              coverageGrid: buildPolygonGrid(coverage, 'bits', cellsAcross),
              coverageBands: buildEdgeBands(coverage, cellsAcross % 2 === 0 ? 0 : 64),
              regions,
              regionGrid: buildPolygonGrid(regions, 'min', cellsAcross),
              regionBands: buildEdgeBands(regions, 0),
            },
            out,
            0,
            points.length,
          );
          points.forEach(([x, y], i) => {
            let mask = 0;
            for (const p of polygons) if (covers(p, x, y)) mask |= 1 << p.layer;
            const region = regionRings.findIndex((rings) => covers({ rings: [rings], layer: 0 }, x, y));
            expect([out.mask[i], out.region[i]], `point (${x}, ${y})`).toEqual([mask, region]);
          });
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
  });

  it('makeValid turns any ring of grid vertices into valid polygons', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })), {
          minLength: 3,
          maxLength: 9,
        }),
        (vertices) => {
          const ring = new Float64Array([...vertices, vertices[0]].flatMap(([x, y]) => [lon(x), lat(y)]));
          for (const p of makeValid([ring])) expect(polygonProblem(p)).toBeUndefined();
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });

  it('polygonProblem agrees with a brute-force check of crossings on random quadrilaterals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), {
          minLength: 4,
          maxLength: 4,
        }),
        (v) => {
          const [a, b, c, d] = v;
          // Four distinct points (repeated points are valid and tested elsewhere).
          fc.pre(new Set(v.map(([x, y]) => `${x},${y}`)).size === 4);
          const o = (p: number[], q: number[], r: number[]) =>
            Math.sign(orient2d(p[0], p[1], q[0], q[1], r[0], r[1]));
          // A quadrilateral of 4 distinct points is simple iff its opposite edges do not meet
          // and no three consecutive vertices fold back onto an edge.
          const meets = (p: number[], q: number[], r: number[], s: number[]) =>
            o(p, q, r) * o(p, q, s) <= 0 &&
            o(r, s, p) * o(r, s, q) <= 0 &&
            !(o(p, q, r) === 0 && o(p, q, s) === 0 && !overlap(p, q, r, s));
          const overlap = (p: number[], q: number[], r: number[], s: number[]) =>
            Math.max(Math.min(p[0], q[0]), Math.min(r[0], s[0])) <=
              Math.min(Math.max(p[0], q[0]), Math.max(r[0], s[0])) &&
            Math.max(Math.min(p[1], q[1]), Math.min(r[1], s[1])) <=
              Math.min(Math.max(p[1], q[1]), Math.max(r[1], s[1]));
          const between = (q: number[], p: number[], r: number[]) =>
            q[0] >= Math.min(p[0], r[0]) &&
            q[0] <= Math.max(p[0], r[0]) &&
            q[1] >= Math.min(p[1], r[1]) &&
            q[1] <= Math.max(p[1], r[1]);
          const folds = [
            [d, a, b],
            [a, b, c],
            [b, c, d],
            [c, d, a],
          ].some(([p, q, r]) => o(p, q, r) === 0 && between(q, p, r) === false);
          const collinearAll = o(a, b, c) === 0 && o(a, b, d) === 0;
          const simple = !collinearAll && !meets(a, b, c, d) && !meets(b, c, d, a) && !folds;
          const ring = new Float64Array([a, b, c, d, a].flat());
          expect(polygonProblem([ring]) === undefined, JSON.stringify(v)).toBe(simple);
        },
      ),
      { numRuns: 2000, seed: 11 },
    );
  });
});
