import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointInRing } from '../../src/geometry/hole-placement.js';
import { slabLocator } from '../../src/geometry/ring-locator.js';

/** A simple ring: x-monotone between a random top (> 0) and, if two-sided, a random bottom (< 0). */
function histogram(
  tops: number[],
  bottoms: number[] | undefined,
  steep: boolean,
  flip: boolean,
): Float64Array {
  const n = tops.length - 1;
  const points: number[][] = [];
  for (let i = 0; i <= n; i++) points.push([i * (steep ? 1 : 3), bottoms ? -bottoms[i] : 0]);
  for (let i = n; i >= 0; i--) points.push([i * (steep ? 1 : 3), tops[i]]);
  points.push(points[0]);
  return Float64Array.from(points.flatMap(([x, y]) => (flip ? [y, x] : [x, y])));
}

const ring = fc
  .record({
    tops: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 60 }),
    twoSided: fc.boolean(),
    steep: fc.boolean(),
    flip: fc.boolean(),
    reverse: fc.boolean(),
    seed: fc.integer({ min: 1, max: 9 }),
  })
  .map(({ tops, twoSided, steep, flip, reverse, seed }) => {
    const bottoms = twoSided ? tops.map((t) => ((t * seed) % 7) + 1) : undefined;
    const r = histogram(tops, bottoms, steep, flip);
    if (!reverse) return r;
    const back = new Float64Array(r.length);
    for (let k = 0; k < r.length; k += 2) {
      back[r.length - 2 - k] = r[k];
      back[r.length - 1 - k] = r[k + 1];
    }
    return back;
  });

/** The ring's vertices, the midpoints of its edges (exactly on them) and points on a half-unit grid around it. */
function probes(r: Float64Array, grid: number[][]): number[][] {
  const points: number[][] = [];
  for (let k = 0; k + 3 < r.length; k += 2) {
    points.push([r[k], r[k + 1]]);
    points.push([(r[k] + r[k + 2]) / 2, (r[k + 1] + r[k + 3]) / 2]);
  }
  return points.concat(grid);
}

describe('the slab locator answers as pointInRing', () => {
  it('on random simple rings, at vertices, on edges and around', () => {
    const grid = fc.array(
      fc
        .tuple(fc.integer({ min: -40, max: 400 }), fc.integer({ min: -40, max: 400 }))
        .map(([x, y]) => [x / 2, y / 2]),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(ring, grid, (r, around) => {
        const locate = slabLocator(r);
        expect(locate).toBeDefined();
        for (const [x, y] of probes(r, around)) {
          if (locate?.(x, y) !== pointInRing(x, y, r))
            expect([x, y, locate?.(x, y)]).toEqual([x, y, pointInRing(x, y, r)]);
        }
      }),
      { numRuns: 500, seed: 21 },
    );
  });

  it('on a ring of sloped, non-integer edges and points on them', () => {
    // A regular 97-gon: every edge sloped; points exactly on an edge are its vertices and midpoints.
    const n = 97;
    const r = new Float64Array(2 * (n + 1));
    for (let k = 0; k <= n; k++) {
      r[2 * k] = Math.cos((2 * Math.PI * (k % n)) / n);
      r[2 * k + 1] = Math.sin((2 * Math.PI * (k % n)) / n);
    }
    const locate = slabLocator(r);
    const random = fc.tuple(
      fc.double({ min: -1.1, max: 1.1, noNaN: true }),
      fc.double({ min: -1.1, max: 1.1, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(random, { maxLength: 100 }), (points) => {
        for (const [x, y] of probes(r, points)) expect(locate?.(x, y)).toBe(pointInRing(x, y, r));
      }),
      { numRuns: 200, seed: 22 },
    );
  });

  it('gives up (undefined) when the slabs would pass the budget', () => {
    const r = histogram([1, 5, 2, 8, 3], undefined, true, false);
    expect(slabLocator(r, 0)).toBeUndefined();
    expect(slabLocator(r)?.(0.5, 0.5)).toBe(1);
  });
});
