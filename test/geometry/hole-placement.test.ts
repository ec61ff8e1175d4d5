import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polygonProblem } from '../../src/geometry/polygon-validity.js';

const square = (x: number, y: number, size: number) =>
  new Float64Array([x, y, x, y + size, x + size, y + size, x + size, y, x, y]);

/** A shell of `side` × `side` cells with a unit hole in every other cell: `side²/4` holes. */
function holeGrid(side: number): Float64Array[] {
  const rings = [square(0, 0, side + 1)];
  for (let y = 1; y < side; y += 2) for (let x = 1; x < side; x += 2) rings.push(square(x, y, 1));
  return rings;
}

/** `count` unit holes in one column: every box spans the same x, the case a sweep over x cannot prune. */
function holeColumn(count: number): Float64Array[] {
  const rings = [square(0, 0, 2 * count + 1)];
  for (let k = 0; k < count; k++) rings.push(square(1, 1 + 2 * k, 1));
  return rings;
}

/** A shell with `vertices` vertices (a fine staircase square) around one column of holes. */
function fineShell(vertices: number, holes: number): Float64Array[] {
  const size = 2 * holes + 1;
  const steps = vertices / 2;
  const shell = new Float64Array(2 * (steps * 2 + 3));
  let k = 0;
  const put = (x: number, y: number) => {
    shell[k++] = x;
    shell[k++] = y;
  };
  put(0, 0);
  for (let s = 0; s < steps; s++) put(size, (size * s) / steps);
  put(size, size);
  for (let s = 0; s < steps; s++) put(size - (size * s) / steps, size + 1);
  put(0, size + 1);
  put(0, 0);
  const rings = [shell.subarray(0, k)];
  for (let h = 0; h < holes; h++) rings.push(square(1, 1 + 2 * h, 1));
  return rings;
}

// Speed belongs to the bench: these assert that 10^5 holes finish (the pairwise check took 490 s).
describe('polygons with 100,000 holes', () => {
  it('a grid of 100,000 holes is valid', { timeout: 20_000 }, () => {
    const rings = holeGrid(632);
    expect(rings.length - 1).toBe(99_856);
    expect(polygonProblem(rings)).toBeUndefined();
  });

  it('100,000 holes in one column are valid; one more inside another is found', { timeout: 20_000 }, () => {
    const rings = holeColumn(100_000);
    expect(polygonProblem(rings)).toBeUndefined();
    rings.push(square(1.25, 1.25, 0.5));
    expect(polygonProblem(rings)).toEqual({ reason: 'nested-holes', ring: 100_001, at: [1.25, 1.25] });
  });

  it('the last of 100,000 holes outside the shell, or crossing another', { timeout: 20_000 }, () => {
    const outside = holeGrid(632);
    outside.push(square(700, 700, 1));
    expect(polygonProblem(outside)).toEqual({ reason: 'hole-outside-shell', ring: 99_857, at: [700, 700] });
    const crossing = holeColumn(100_000);
    crossing.push(square(1.5, 1.5, 1));
    expect(polygonProblem(crossing)?.reason).toBe('ring-intersection');
  });

  it('a shell of 100,000 vertices around 100,000 holes', { timeout: 20_000 }, () => {
    const rings = fineShell(100_000, 100_000);
    expect(polygonProblem(rings)).toBeUndefined();
  });
});

/** A comb of `teeth` teeth (x from 1 to 2·teeth, base y 1–2, teeth up to y 6): its box covers all its gaps. */
function comb(teeth: number): Float64Array {
  const xy = [1, 1, 2 * teeth, 1];
  for (let k = teeth - 1; k >= 0; k--) {
    xy.push(2 + 2 * k, 6, 1 + 2 * k, 6);
    if (k > 0) xy.push(1 + 2 * k, 2, 2 * k, 2);
  }
  xy.push(1, 1);
  return Float64Array.from(xy);
}

/** Two small squares in each gap between teeth: beside the comb, inside its box. */
function gapHoles(teeth: number): Float64Array[] {
  const holes = [];
  for (let k = 0; k < teeth - 1; k++)
    holes.push(square(2.25 + 2 * k, 3, 0.5), square(2.25 + 2 * k, 4.5, 0.5));
  return holes;
}

// The comb was asked once per hole, edge by edge (8k holes took 1.45 s): now through a slab locator.
describe('a comb-shaped ring whose box covers 10,000 holes', () => {
  it('a comb hole with 10,000 holes in its gaps is valid', { timeout: 20_000 }, () => {
    const rings = [square(0, 0, 10_010), comb(5001), ...gapHoles(5001)];
    expect(rings.length - 2).toBe(10_000);
    expect(polygonProblem(rings)).toBeUndefined();
  });

  it('one more hole inside a tooth of the comb is nested', { timeout: 20_000 }, () => {
    const rings = [square(0, 0, 10_010), comb(5001), ...gapHoles(5001), square(4001.25, 3, 0.5)];
    expect(polygonProblem(rings)).toEqual({ reason: 'nested-holes', ring: 10_002, at: [4001.25, 3] });
    // The comb listed last: it is found inside nothing, the tooth's hole inside it.
    const combLast = [square(0, 0, 10_010), ...gapHoles(5001), square(1.25, 3, 0.5), comb(5001)];
    expect(polygonProblem(combLast)).toEqual({ reason: 'nested-holes', ring: 10_001, at: [1.25, 3] });
  });

  it('a comb shell with 10,000 holes in its teeth; one in a gap is outside it', { timeout: 20_000 }, () => {
    const teeth = [];
    for (let k = 0; k < 5000; k++) teeth.push(square(1.25 + 2 * k, 2.5, 0.5), square(1.25 + 2 * k, 4, 0.5));
    const rings = [comb(5000), ...teeth];
    expect(polygonProblem(rings)).toBeUndefined();
    rings.push(square(2.25 + 2 * 3000, 3, 0.5));
    expect(polygonProblem(rings)).toEqual({ reason: 'hole-outside-shell', ring: 10_001, at: [6002.25, 3] });
  });

  it('a comb of coordinates near 1e200 (too large for the slabs) answers as the pairwise check', () => {
    const big = (ring: Float64Array) => ring.map((v) => v * 1e200);
    const rings = [square(0, 0, 110), comb(51), ...gapHoles(51), square(41.25, 3, 0.5)].map(big);
    expect(polygonProblem(rings)).toEqual({ reason: 'nested-holes', ring: 102, at: [41.25e200, 3e200] });
    expect(polygonProblem(rings)).toEqual(polygonProblem(rings, Number.POSITIVE_INFINITY));
  });

  it('a comb hole with 1,000 holes answers as the pairwise check', {
    timeout: 20_000,
  }, () => {
    const rings = [square(0, 0, 1010), comb(501), ...gapHoles(501), square(801.25, 3, 0.5)];
    expect(polygonProblem(rings)).toEqual({ reason: 'nested-holes', ring: 1002, at: [801.25, 3] });
    expect(polygonProblem(rings)).toEqual(polygonProblem(rings, Number.POSITIVE_INFINITY));
  });
});

describe('the indexed checks answer as the pairwise ones', () => {
  const hole = fc
    .record({
      x: fc.integer({ min: -2, max: 22 }),
      y: fc.integer({ min: -2, max: 22 }),
      w: fc.integer({ min: 1, max: 6 }),
      h: fc.integer({ min: 1, max: 6 }),
      shape: fc.constantFrom('box', 'triangle', 'diamond'),
      clockwise: fc.boolean(),
    })
    .map(({ x, y, w, h, shape, clockwise }) => {
      const xy =
        shape === 'box'
          ? [x, y, x + w, y, x + w, y + h, x, y + h]
          : shape === 'triangle'
            ? [x, y, x + w, y, x, y + h]
            : [x + w / 2, y, x + w, y + h / 2, x + w / 2, y + h, x, y + h / 2];
      const points = [];
      for (let k = 0; k < xy.length; k += 2) points.push([xy[k], xy[k + 1]]);
      if (clockwise) points.reverse();
      return new Float64Array([...points.flat(), ...points[0]]);
    });

  it('on random hole sets (touching, nested, outside, crossing)', () => {
    fc.assert(
      fc.property(fc.array(hole, { minLength: 1, maxLength: 40 }), (holes) => {
        const rings = [square(0, 0, 20), ...holes];
        // 0: every index in use; ∞: none, the pairwise checks as they were.
        expect(polygonProblem(rings, 0)).toEqual(polygonProblem(rings, Number.POSITIVE_INFINITY));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('on random combs (many edges, asked through the slab locator) among small holes', () => {
    const placed = fc
      .record({
        x: fc.integer({ min: 0, max: 60 }),
        y: fc.integer({ min: 0, max: 60 }),
        teeth: fc.integer({ min: 33, max: 40 }),
        flip: fc.boolean(),
      })
      .map(({ x, y, teeth, flip }) => {
        const c = comb(teeth).map((v, k) => (k % 2 === 0 ? v + x : v + y));
        if (!flip) return c;
        for (let k = 0; k < c.length; k += 2) [c[k], c[k + 1]] = [c[k + 1], c[k]];
        return c;
      });
    const small = fc
      .tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }))
      .map(([x, y]) => square(x / 4 + 0.0625, y / 4 + 0.0625, 0.125));
    fc.assert(
      fc.property(
        fc.array(placed, { minLength: 1, maxLength: 3 }),
        fc.array(small, { maxLength: 80 }),
        (combs, holes) => {
          const rings = [square(-1, -1, 150), ...combs, ...holes];
          expect(polygonProblem(rings, 0)).toEqual(polygonProblem(rings, Number.POSITIVE_INFINITY));
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('on valid hole sets (disjoint unit holes in random cells)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 13, maxLength: 80 }),
        (cells) => {
          const rings = [
            square(0, 0, 21),
            ...cells.map((c) => square(1 + 2 * (c % 10), 1 + 2 * Math.floor(c / 10), 1)),
          ];
          expect(polygonProblem(rings, Number.POSITIVE_INFINITY)).toBeUndefined();
          expect(polygonProblem(rings, 0)).toBeUndefined();
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });
});
