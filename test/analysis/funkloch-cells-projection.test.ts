import { describe, expect, it } from 'vitest';
import { cellGrid, cellIndex, householdCells, NO_CELL } from '../../src/analysis/funkloch-cells-grid.js';
import { projectionTable } from '../../src/analysis/funkloch-cells-table.js';
import { resolveCrs } from '../../src/geometry/crs.js';
import { utmZone } from '../../src/geometry/utm.js';
import { lonLatOf } from './funkloch-cells-scene.js';

/** A seeded generator (LCG): the same points every run. */
function random(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
}

/** `n` lon/lat points, flat, uniform over Germany's box. */
function germany(n: number, seed: number): Float64Array {
  const next = random(seed);
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = 5.8 + next() * 9.3;
    xy[2 * i + 1] = 47.2 + next() * 7.9;
  }
  return xy;
}

describe('UTM by direct formulas', () => {
  it.each([32, 33])('gives zone %i the same bits as proj4, both ways', (zone) => {
    const crs = resolveCrs(`EPSG:2583${zone - 30}`);
    const lonLat = germany(5000, zone);
    const expected = lonLat.slice();
    crs.fromLonLat(expected);
    const utm = utmZone(zone);
    const out = new Float64Array(lonLat.length);
    for (let k = 0; k < lonLat.length; k += 2) utm.forward(lonLat[k], lonLat[k + 1], out, k);
    expect(out).toEqual(expected);
    const back = expected.slice();
    crs.toLonLat(back);
    for (let k = 0; k < lonLat.length; k += 2) utm.inverse(expected[k], expected[k + 1], out, k);
    expect(out).toEqual(back);
  });
});

describe('cellIndex', () => {
  it('puts a coordinate on an edge in the cell above it', () => {
    expect(cellIndex(400_000, 100)).toBe(4000);
    expect(cellIndex(399_999.99999999994, 100)).toBe(3999);
    expect(cellIndex(0, 100)).toBe(0);
    expect(cellIndex(-1e-9, 100)).toBe(-1);
    expect(cellIndex(-100, 100)).toBe(-1);
    expect(cellIndex(0.75, 0.25)).toBe(3);
  });

  it('keeps k·size ≤ v < (k+1)·size where the quotient alone rounds wrong', () => {
    const next = random(7);
    for (let t = 0; t < 20_000; t++) {
      const size = [100, 0.1, 0.3, 1 / 3, 250, 7][t % 6];
      const k0 = Math.floor((next() - 0.5) * 2e6);
      // Values at and one ulp either side of an edge, where rounding bites.
      const edge = k0 * size;
      for (const v of [edge, nextDown(edge), nextUp(edge)]) {
        const k = cellIndex(v, size);
        expect(k * size <= v && v < (k + 1) * size).toBe(true);
      }
    }
  });

  it('places no cell for values beyond Int32 or not finite', () => {
    expect(cellIndex(Number.POSITIVE_INFINITY, 100)).toBe(NO_CELL);
    expect(cellIndex(Number.NaN, 100)).toBe(NO_CELL);
    expect(cellIndex(1e12, 100)).toBe(NO_CELL);
  });
});

describe('the interpolation table', () => {
  it('gives every household the cell of the exact projection, edges included', () => {
    const n = 60_000;
    const lonLat = germany(n, 3);
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    const next = random(5);
    for (let i = 0; i < n; i++) {
      // A third of the points sit within a millimetre of a cell edge, a few exactly on the exact projection of one.
      if (i % 3 === 0) {
        const x = 300_000 + Math.floor(next() * 5000) * 100 + (i % 2 === 0 ? (next() - 0.5) * 1e-3 : 0);
        const y = 5_300_000 + Math.floor(next() * 7000) * 100 + (next() - 0.5) * 1e-3;
        [lon[i], lat[i]] = lonLatOf(x, y);
      } else {
        lon[i] = lonLat[2 * i];
        lat[i] = lonLat[2 * i + 1];
      }
    }
    const weight = new Uint32Array(n).fill(1);
    for (const size of [100, 10, 1000]) {
      const grid = cellGrid(undefined, size, 'funklochCells.crs');
      const table = projectionTable(grid.forward, grid.cellSize, lon, lat, n);
      // 7,500 nodes over Germany interpolate to ~1 m: too coarse for 10 m cells, which go exact.
      expect(table === null).toBe(size === 10);
      const exact = [new Int32Array(n), new Int32Array(n)];
      const tabled = [new Int32Array(n), new Int32Array(n)];
      householdCells(grid, lon, lat, weight, 0, n, exact[0], exact[1]);
      householdCells(grid, lon, lat, weight, 0, n, tabled[0], tabled[1], table);
      expect(tabled).toEqual(exact);
    }
  });

  it('is not built for a few points, nor over the whole globe', () => {
    const grid = cellGrid(undefined, 100, 'funklochCells.crs');
    const few = germany(100, 1);
    expect(
      projectionTable(grid.forward, grid.cellSize, few.subarray(0, 100), few.subarray(100), 100),
    ).toBeNull();
    const n = 10_000;
    const lon = Float64Array.from({ length: n }, (_, i) => -170 + (340 * i) / n);
    const lat = Float64Array.from({ length: n }, (_, i) => -60 + (120 * i) / n);
    expect(projectionTable(grid.forward, grid.cellSize, lon, lat, n)).toBeNull();
  });
});

function nextUp(v: number): number {
  return stepUlp(v, 1);
}

function nextDown(v: number): number {
  return stepUlp(v, -1);
}

/** The double one ulp away from v in direction `sign`. */
function stepUlp(v: number, sign: 1 | -1): number {
  if (v === 0) return sign * Number.MIN_VALUE;
  const bits = new BigInt64Array(Float64Array.of(v).buffer);
  bits[0] += (v > 0 ? 1n : -1n) * BigInt(sign);
  return new Float64Array(bits.buffer)[0];
}
