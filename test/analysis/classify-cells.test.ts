import { describe, expect, it } from 'vitest';
import { classifyRange } from '../../src/analysis/classify.js';
import { buildEdgeBands } from '../../src/geometry/edge-bands.js';
import { polygonCovers } from '../../src/geometry/point-in-polygon.js';
import { allocateHouseholds } from '../../src/model/households.js';
import { type PolygonSet, PolygonSetBuilder } from '../../src/model/polygon-set.js';
import { buildPolygonGrid } from '../../src/spatial/polygon-grid.js';

/** The double next to v towards +∞ (step 1) or −∞ (step −1). */
function nextTo(v: number, step: 1 | -1): number {
  const bits = new BigInt64Array(Float64Array.of(v).buffer);
  bits[0] += BigInt(v > 0 ? step : -step);
  return new Float64Array(bits.buffer)[0];
}

/** Seeded sectors (a centre and an arc of 11 vertices) around (7.5, 51.5), owners 0..owners-1. */
function sectors(count: number, owners: number, seed: number): PolygonSet {
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const builder = new PolygonSetBuilder();
  for (let s = 0; s < count; s++) {
    const cx = 7.5 + 0.05 * random();
    const cy = 51.5 + 0.05 * random();
    const ring = [cx, cy];
    const start = random() * 2 * Math.PI;
    for (let k = 0; k <= 10; k++) {
      const a = start + (k / 10) * (Math.PI / 2);
      ring.push(cx + 0.01 * Math.cos(a), cy + 0.01 * Math.sin(a));
    }
    ring.push(cx, cy);
    builder.addPolygon([ring], s % owners);
  }
  return builder.finish();
}

describe('classifyRange on cell sides and corners', () => {
  it('bins points an ulp either side of every cell side and still equals a test against every polygon', () => {
    const coverage = sectors(60, 3, 5);
    const regions = sectors(12, 12, 9);
    const coverageGrid = buildPolygonGrid(coverage, 'bits');
    const regionGrid = buildPolygonGrid(regions, 'min', 8);
    // Points on the coverage grid's cell corners (as x0 + k·dx rounds), an ulp either side, and on vertices.
    const xs: number[] = [];
    const ys: number[] = [];
    for (const grid of [coverageGrid, regionGrid]) {
      for (let col = 0; col <= grid.cols; col += 2) {
        for (let row = 0; row <= grid.rows; row += 2) {
          const x = grid.x0 + col * grid.dx;
          const y = grid.y0 + row * grid.dy;
          for (const px of [nextTo(x, -1), x, nextTo(x, 1)]) {
            for (const py of [nextTo(y, -1), y, nextTo(y, 1)]) {
              xs.push(px);
              ys.push(py);
            }
          }
        }
      }
    }
    for (let v = 0; v < coverage.coords.length; v += 2) {
      xs.push(coverage.coords[v]);
      ys.push(coverage.coords[v + 1]);
    }
    const households = allocateHouseholds(xs.length);
    households.lon.set(xs);
    households.lat.set(ys);
    const out = { mask: new Uint32Array(xs.length), region: new Int32Array(xs.length) };
    const input = {
      households,
      coverage,
      coverageGrid,
      coverageBands: buildEdgeBands(coverage),
      regions,
      regionGrid,
      regionBands: buildEdgeBands(regions),
    };
    classifyRange(input, out, 0, xs.length);

    let mismatches = 0;
    let covered = 0;
    for (let i = 0; i < xs.length; i++) {
      let mask = 0;
      for (let p = 0; p < coverage.polygonCount; p++)
        if (polygonCovers(coverage, p, xs[i], ys[i])) mask |= 1 << coverage.owner[p];
      let region = -1;
      for (let p = regions.polygonCount - 1; p >= 0; p--)
        if (polygonCovers(regions, p, xs[i], ys[i])) region = p;
      if (mask !== out.mask[i] || region !== out.region[i]) mismatches++;
      if (mask !== 0) covered++;
    }
    expect(mismatches).toBe(0);
    // The points must meet the polygons: many covered, on full cells and on crossed ones.
    expect(covered).toBeGreaterThan(xs.length / 10);
  });
});
