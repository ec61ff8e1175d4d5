import { describe, expect, it } from 'vitest';
import { polygonProblem } from '../../src/geometry/polygon-validity.js';
import { readRegions } from '../../src/io/regions.js';

const ring = (...xy: number[]) => new Float64Array(xy);
const square = (x: number, y: number, size: number, clockwise = false) =>
  clockwise
    ? ring(x, y, x, y + size, x + size, y + size, x + size, y, x, y)
    : ring(x, y, x + size, y, x + size, y + size, x, y + size, x, y);

describe('polygon validity (OGC, as ST_IsValid)', () => {
  it.each([
    ['a square', [square(0, 0, 1)]],
    ['a clockwise square', [square(0, 0, 1, true)]],
    ['a square with repeated points', [ring(0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0)]],
    ['a square with a hole', [square(0, 0, 4), square(1, 1, 1, true)]],
    ['a hole touching the shell at a point', [square(0, 0, 4), ring(0, 1, 1, 2, 1, 1, 0, 1)]],
    ['two holes touching at a point', [square(0, 0, 4), square(1, 1, 1), square(2, 2, 1)]],
  ])('accepts %s', (_, rings) => {
    expect(polygonProblem(rings)).toBeUndefined();
  });

  it.each([
    ['a bowtie', [ring(0, 0, 1, 1, 1, 0, 0, 1, 0, 0)], 'self-intersection', [0.5, 0.5]],
    ['a spike', [ring(0, 0, 2, 0, 2, 1, 3, 1, 2, 1, 2, 2, 0, 2, 0, 0)], 'self-intersection'],
    ['a ring touching itself', [ring(0, 0, 4, 0, 4, 4, 2, 0, 0, 4, 0, 0)], 'self-intersection'],
    ['a ring of 2 distinct points', [ring(0, 0, 1, 1, 1, 1, 0, 0)], 'too-few-points'],
    ['a collinear ring', [ring(0, 0, 1, 1, 2, 2, 0, 0)], 'zero-area-ring'],
    ['a hole outside its shell', [square(0, 0, 1), square(5, 5, 1)], 'hole-outside-shell'],
    ['a hole crossing its shell', [square(0, 0, 2), square(1, 1, 2)], 'ring-intersection'],
    ['a hole sharing an edge with the shell', [square(0, 0, 2), square(0, 0, 1)], 'ring-intersection'],
    ['nested holes', [square(0, 0, 10), square(1, 1, 8), square(2, 2, 1)], 'nested-holes'],
  ])('rejects %s', (_, rings, reason, at?) => {
    const problem = polygonProblem(rings as Float64Array[]);
    expect(problem?.reason).toBe(reason);
    if (at) expect(problem?.at).toEqual(at);
  });

  it('uses the sweep on large rings with the same answers (a 1000-vertex star, then with a crossing)', () => {
    const n = 1000;
    const star = new Float64Array(2 * (n + 1));
    for (let k = 0; k <= n; k++) {
      const a = (2 * Math.PI * (k % n)) / n;
      const r = k % 2 ? 1 : 0.5;
      star[2 * k] = r * Math.cos(a);
      star[2 * k + 1] = r * Math.sin(a);
    }
    expect(polygonProblem([star])).toBeUndefined();
    const crossed = star.slice();
    // Vertex 10 pulled through the star to the far side: its two edges cross the ring.
    [crossed[20], crossed[21]] = [-0.9, -0.1];
    expect(polygonProblem([crossed])?.reason).toBe('self-intersection');
  });

  it('finds every real NRW Kreis valid', async () => {
    const { regions } = readRegions('data/kreise.geojson', 'AGS', 'GN');
    const set = regions.polygons;
    for (let p = 0; p < set.polygonCount; p++) {
      const rings = [];
      for (let r = set.ringStart[p]; r < set.ringStart[p + 1]; r++)
        rings.push(set.coords.subarray(2 * set.ringOffset[r], 2 * set.ringOffset[r + 1]));
      expect(polygonProblem(rings)).toBeUndefined();
    }
  });
});
