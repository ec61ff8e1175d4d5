import { describe, expect, it } from 'vitest';
import { polarPolygons } from '../../src/planning/footprint-polar.js';

const n = 8;
const rows = 6;
const step = 100;

/** A mask from a predicate of (radial, row); row 0 is always set. */
function mask(covered: (k: number, i: number) => boolean): Uint8Array {
  const m = new Uint8Array(n * rows);
  for (let i = 0; i < rows; i++) for (let k = 0; k < n; k++) m[i * n + k] = i === 0 || covered(k, i) ? 1 : 0;
  return m;
}

/** Each cell is a quadrilateral of its corners (a triangle fan for the core): ½ sin Δ (r₂² − r₁²). */
function cellsArea(m: Uint8Array): number {
  const radius = (i: number) => (i === 0 ? 0 : (i - 0.5) * step);
  let area = 0;
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < n; k++)
      if (m[i * n + k]) area += 0.5 * Math.sin((2 * Math.PI) / n) * (radius(i + 1) ** 2 - radius(i) ** 2);
  return area;
}

function area(ring: Float64Array): number {
  let s = 0;
  for (let k = 0; k + 3 < ring.length; k += 2) s += ring[k] * ring[k + 3] - ring[k + 2] * ring[k + 1];
  return s / 2;
}

describe('polarPolygons', () => {
  it('a shadow surrounded by coverage is a hole of the one polygon', () => {
    const m = mask((k, i) => !(k === 2 && (i === 2 || i === 3)));
    const polygons = polarPolygons({ radials: n, rows, stepM: step, mask: m });
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(2);
    expect(area(polygons[0][0])).toBeGreaterThan(0);
    expect(area(polygons[0][1])).toBeLessThan(0);
    expect(area(polygons[0][0]) + area(polygons[0][1])).toBeCloseTo(cellsArea(m), 6);
    // Cell sides along a radial merge: the outer ring has two corners a radial (the chords), closed.
    expect(polygons[0][0].length / 2).toBe(n + 1);
  });

  it('shadows touching at a corner are two holes meeting at a point, not one ring touching itself', () => {
    const m = mask((k, i) => !((k === 2 && i === 2) || (k === 3 && i === 3)));
    const polygons = polarPolygons({ radials: n, rows, stepM: step, mask: m });
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(3);
    for (const ring of polygons[0]) {
      const corners = new Set<string>();
      for (let v = 0; v + 2 < ring.length; v += 2) corners.add(`${ring[v]},${ring[v + 1]}`);
      expect(corners.size).toBe(ring.length / 2 - 1);
    }
    expect(polygons[0].reduce((t, r) => t + area(r), 0)).toBeCloseTo(cellsArea(m), 6);
  });

  it('coverage beyond a ring of shadow is a second polygon, one across the wrap from the last radial to the first', () => {
    const m = mask((k, i) => i <= 2 || (i >= 4 && (k === 7 || k === 0)));
    const polygons = polarPolygons({ radials: n, rows, stepM: step, mask: m });
    expect(polygons).toHaveLength(2);
    expect(polygons.every((p) => p.length === 1)).toBe(true);
    expect(polygons.reduce((s, p) => s + area(p[0]), 0)).toBeCloseTo(cellsArea(m), 6);
  });

  it('an annulus around the core is a polygon with a hole around the mast, the core another polygon', () => {
    const m = mask((_, i) => i === 1 || i >= 3);
    const polygons = polarPolygons({ radials: n, rows, stepM: step, mask: m });
    expect(polygons.map((p) => p.length).sort()).toEqual([1, 2]);
    const total = polygons.reduce((s, p) => s + p.reduce((t, r) => t + area(r), 0), 0);
    expect(total).toBeCloseTo(cellsArea(m), 6);
  });
});
