import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { polygonAreaM2, ringSignedArea } from '../../src/geometry/area.js';
import { type CellGrid, cellPolygons } from '../../src/geometry/cell-polygons.js';
import { CellComponents } from '../../src/geometry/cell-runs.js';
import { resolveCrs, WGS84 } from '../../src/geometry/crs.js';
import { polygonCovers } from '../../src/geometry/point-in-polygon.js';
import { type PolygonSet, PolygonSetBuilder } from '../../src/model/polygon-set.js';

/** The reference: one closed square per set cell, corners in the same order as the trace uses. */
function naiveSquares(grid: CellGrid, mask: ArrayLike<number>): Float64Array[][] {
  const polygons: Float64Array[][] = [];
  for (let r = 0; r < grid.rows; r++) {
    const top = grid.y0 - r * grid.cellHeight;
    const bottom = grid.y0 - (r + 1) * grid.cellHeight;
    for (let c = 0; c < grid.columns; c++) {
      if (!mask[r * grid.columns + c]) continue;
      const left = grid.x0 + c * grid.cellWidth;
      const right = grid.x0 + (c + 1) * grid.cellWidth;
      const ring = new Float64Array([left, bottom, right, bottom, right, top, left, top, left, bottom]);
      grid.crs.toLonLat(ring);
      polygons.push([ring]);
    }
  }
  return polygons;
}

function setOf(polygons: Float64Array[][]): PolygonSet {
  const builder = new PolygonSetBuilder();
  for (const rings of polygons) builder.addPolygon(rings, 0);
  return builder.finish();
}

const covers = (set: PolygonSet, x: number, y: number) => {
  for (let p = 0; p < set.polygonCount; p++) if (polygonCovers(set, p, x, y)) return true;
  return false;
};

const area = (set: PolygonSet) => {
  let sum = 0;
  for (let p = 0; p < set.polygonCount; p++) sum += polygonAreaM2(set, p);
  return sum;
};

const utmGrid = (columns: number, rows: number): CellGrid => ({
  crs: resolveCrs('EPSG:25832'),
  x0: 480000,
  y0: 5900000,
  cellWidth: 100,
  cellHeight: 100,
  columns,
  rows,
});

const degreeGrid = (columns: number, rows: number): CellGrid => ({
  crs: WGS84,
  x0: 7,
  y0: 52,
  cellWidth: 1 / 64,
  cellHeight: 1 / 128,
  columns,
  rows,
});

function maskOf(rows: string[]): Uint8Array {
  return Uint8Array.from(rows.join('').split(''), (ch) => (ch === '#' ? 1 : 0));
}

/** Differential check: same area, same covered answer for random points, cell corners and edge midpoints. */
function compareWithNaive(grid: CellGrid, mask: Uint8Array, seed: number): void {
  const traced = setOf(cellPolygons(grid, mask));
  const naive = setOf(naiveSquares(grid, mask));
  expect(area(traced)).toBeCloseTo(area(naive), 3);
  const random = seededRandom(seed);
  const points: number[] = [];
  for (let k = 0; k < 400; k++) {
    points.push(-0.5 + random() * (grid.columns + 1), -0.5 + random() * (grid.rows + 1));
    // Corners and edge midpoints, in cell units.
    const i = Math.floor(random() * (grid.columns + 1));
    const j = Math.floor(random() * (grid.rows + 1));
    points.push(i, j, i + 0.5, j, i, j + 0.5);
  }
  const xy = new Float64Array(points.length);
  for (let k = 0; k < points.length; k += 2) {
    xy[k] = grid.x0 + points[k] * grid.cellWidth;
    xy[k + 1] = grid.y0 - points[k + 1] * grid.cellHeight;
  }
  grid.crs.toLonLat(xy);
  for (let k = 0; k < xy.length; k += 2)
    expect([points[k], points[k + 1], covers(traced, xy[k], xy[k + 1])]).toEqual([
      points[k],
      points[k + 1],
      covers(naive, xy[k], xy[k + 1]),
    ]);
}

function checkOrientation(polygons: Float64Array[][]): void {
  for (const rings of polygons)
    rings.forEach((ring, k) => {
      const signed = ringSignedArea(ring, 0, ring.length / 2);
      expect(k === 0 ? signed > 0 : signed < 0).toBe(true);
      expect([ring[0], ring[1]]).toEqual([ring[ring.length - 2], ring[ring.length - 1]]);
    });
}

describe('cellPolygons: dissolving grid cells by boundary tracing', () => {
  it('gives nothing for an empty mask and one square for a single cell', () => {
    expect(cellPolygons(degreeGrid(3, 2), new Uint8Array(6))).toEqual([]);
    const grid = degreeGrid(3, 2);
    const polygons = cellPolygons(grid, maskOf(['...', '.#.']));
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(1);
    // Counter-clockwise from the north-west corner, the first corner in row-major order.
    expect(Array.from(polygons[0][0])).toEqual([
      7 + 1 / 64,
      52 - 1 / 128,
      7 + 1 / 64,
      52 - 2 / 128,
      7 + 2 / 64,
      52 - 2 / 128,
      7 + 2 / 64,
      52 - 1 / 128,
      7 + 1 / 64,
      52 - 1 / 128,
    ]);
  });

  it('dissolves a full grid into one shell that keeps every cell corner on its boundary', () => {
    const grid = degreeGrid(5, 4);
    const polygons = cellPolygons(grid, new Uint8Array(20).fill(1));
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(1);
    expect(polygons[0][0].length / 2).toBe(2 * (5 + 4) + 1);
    checkOrientation(polygons);
    compareWithNaive(grid, new Uint8Array(20).fill(1), 1);
  });

  it('makes holes clockwise after their shell, and a hole with an island in it', () => {
    const mask = maskOf(['#####', '#...#', '#.#.#', '#...#', '#####', '.....', '##.##', '#..##']);
    const grid = degreeGrid(5, 8);
    const polygons = cellPolygons(grid, mask);
    // The frame with its hole, the island, then the two components at the bottom.
    expect(polygons.map((p) => p.length)).toEqual([2, 1, 1, 1]);
    expect(polygons[0][1].length / 2).toBe(13);
    checkOrientation(polygons);
    compareWithNaive(grid, mask, 2);
  });

  it('keeps cells that touch only at a corner apart (a checkerboard is one polygon per cell)', () => {
    const mask = maskOf(['#.#.', '.#.#', '#.#.']);
    const grid = degreeGrid(4, 3);
    const polygons = cellPolygons(grid, mask);
    expect(polygons).toHaveLength(6);
    for (const rings of polygons) expect(rings.map((r) => r.length / 2)).toEqual([5]);
    compareWithNaive(grid, mask, 3);
  });

  it('traces a ring closed through a corner as one self-touching shell, without a hole', () => {
    const mask = maskOf(['.###', '#..#', '#..#', '####']);
    const grid = degreeGrid(4, 4);
    const polygons = cellPolygons(grid, mask);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(1);
    checkOrientation(polygons);
    compareWithNaive(grid, mask, 4);
  });

  it('is deterministic and agrees with per-cell squares on random masks, in lon/lat and in UTM', () => {
    for (const [seed, density] of [
      [11, 0.3],
      [12, 0.5],
      [13, 0.7],
      [14, 0.9],
    ]) {
      const random = seededRandom(seed);
      const mask = Uint8Array.from({ length: 23 * 17 }, () => (random() < density ? 1 : 0));
      for (const grid of [degreeGrid(23, 17), utmGrid(23, 17)]) {
        const polygons = cellPolygons(grid, mask);
        expect(cellPolygons(grid, mask)).toEqual(polygons);
        checkOrientation(polygons);
        compareWithNaive(grid, mask, seed);
      }
    }
  });

  it('gives each hole to the shell around it', () => {
    const mask = maskOf(['###.#####', '#.#.#...#', '###.#.#.#', '....#...#', '###.#####', '#.#......']);
    const polygons = cellPolygons(degreeGrid(9, 6), mask);
    // Small frame (1 hole), big frame (1 hole) with its island, the U at the bottom left.
    expect(polygons.map((p) => p.length)).toEqual([2, 2, 1, 1]);
    for (const [shell, ...holes] of polygons) {
      const xs = shell.filter((_, k) => k % 2 === 0);
      const ys = shell.filter((_, k) => k % 2 === 1);
      for (const hole of holes)
        for (let k = 0; k < hole.length; k += 2) {
          expect(hole[k]).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(hole[k]).toBeLessThanOrEqual(Math.max(...xs));
          expect(hole[k + 1]).toBeGreaterThanOrEqual(Math.min(...ys));
          expect(hole[k + 1]).toBeLessThanOrEqual(Math.max(...ys));
        }
    }
    compareWithNaive(degreeGrid(9, 6), mask, 5);
  });

  it('numbers 4-connected components by runs as a cell-by-cell flood fill does', () => {
    const random = seededRandom(21);
    const [columns, rows] = [31, 19];
    const mask = Uint8Array.from({ length: columns * rows }, () => (random() < 0.55 ? 1 : 0));
    const label = new Int32Array(mask.length).fill(-1);
    let next = 0;
    for (let seed = 0; seed < mask.length; seed++) {
      if (!mask[seed] || label[seed] >= 0) continue;
      const stack = [seed];
      label[seed] = next;
      while (stack.length > 0) {
        const k = stack.pop()!;
        const c = k % columns;
        for (const m of [c > 0 ? k - 1 : -1, c + 1 < columns ? k + 1 : -1, k - columns, k + columns])
          if (m >= 0 && m < mask.length && mask[m] && label[m] < 0) {
            label[m] = next;
            stack.push(m);
          }
      }
      next++;
    }
    const components = new CellComponents(mask, columns, rows);
    expect(components.count).toBe(next);
    for (let k = 0; k < mask.length; k++) if (mask[k]) expect(components.of(k)).toBe(label[k]);
    expect(() => components.of(mask.indexOf(0))).toThrow(/is not set/);
  });

  it('rejects a mask of the wrong size (a bug, not an input error)', () => {
    expect(() => cellPolygons(degreeGrid(3, 3), new Uint8Array(8))).toThrow(/mask has 8 cells/);
  });
});
