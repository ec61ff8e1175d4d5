import type { Paths64, Point64 } from 'clipper2-ts';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { booleanOp, cascadedUnion } from '../../src/geometry/wasm-clipper.js';

/** Seeded sector-like wedges (counter-clockwise), integer units, overlapping heavily. */
function wedges(seed: number, count: number): Paths64[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const cx = Math.round(rnd() * 100_000);
    const cy = Math.round(rnd() * 100_000);
    const r = 5_000 + rnd() * 20_000;
    const a0 = rnd() * 2 * Math.PI;
    const path = [{ x: cx, y: cy }];
    for (let k = 0; k <= 8; k++) {
      const a = a0 + (k / 8) * ((2 * Math.PI) / 3);
      path.push({ x: Math.round(cx + r * Math.cos(a)), y: Math.round(cy + r * Math.sin(a)) });
    }
    return [path];
  });
}

/** Sum of f over every edge (a → b) of every path, each path closed. */
function overEdges(paths: Paths64, f: (a: Point64, b: Point64) => number): number {
  let sum = 0;
  for (const path of paths)
    for (let k = 0; k < path.length; k++) sum += f(path[k], path[(k + 1) % path.length]);
  return sum;
}

const perimeter = (paths: Paths64) => overEdges(paths, (a, b) => Math.hypot(b.x - a.x, b.y - a.y));

/** Signed shoelace sum over all paths (holes count negative), made positive. */
const area = (paths: Paths64) => Math.abs(overEdges(paths, (a, b) => a.x * b.y - b.x * a.y) / 2);

describe('cascaded union cut to a rectangle', () => {
  it('is the union cut afterwards, up to the rounding of the cut points', () => {
    for (const seed of [1, 2, 3]) {
      const polygons = wedges(seed, 150);
      const rect: Paths64 = [
        [
          { x: 20_000, y: 30_000 },
          { x: 70_000, y: 30_000 },
          { x: 70_000, y: 90_000 },
          { x: 20_000, y: 90_000 },
        ],
      ];
      const cut = cascadedUnion(polygons, rect);
      const after = booleanOp('intersection', cascadedUnion(polygons), rect);
      expect(area(after)).toBeGreaterThan(0);
      // Each cut or crossing point is rounded to the integer grid, in a different order: the two
      // differ by slivers at most one unit wide along the boundary.
      const difference =
        area(booleanOp('difference', cut, after)) + area(booleanOp('difference', after, cut));
      expect(difference).toBeLessThan(perimeter(after));
      expect(Math.abs(area(cut) - area(after))).toBeLessThan(perimeter(after));
      for (const path of cut)
        for (const { x, y } of path) {
          expect(x).toBeGreaterThanOrEqual(20_000);
          expect(x).toBeLessThanOrEqual(70_000);
          expect(y).toBeGreaterThanOrEqual(30_000);
          expect(y).toBeLessThanOrEqual(90_000);
        }
    }
  });

  it('cuts a single polygon too, and gives nothing for polygons outside', () => {
    const square: Paths64 = [
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ],
    ];
    const rect: Paths64 = [
      [
        { x: 5, y: 5 },
        { x: 20, y: 5 },
        { x: 20, y: 20 },
        { x: 5, y: 20 },
      ],
    ];
    expect(area(cascadedUnion([square], rect))).toBe(25);
    const far = [square[0].map(({ x, y }) => ({ x: x + 100, y }))];
    expect(cascadedUnion([far], rect)).toEqual([]);
  });
});
