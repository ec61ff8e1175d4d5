import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { tileCoverage, tileRects } from '../../src/analysis/coverage-tiles.js';
import { packPaths } from '../../src/geometry/paths-codec.js';
import { polygonCovers } from '../../src/geometry/point-in-polygon.js';
import { readCoverage } from '../../src/io/coverage.js';
import type { PolygonSet } from '../../src/model/polygon-set.js';
import { buildPolygonGrid, gridCell, type PolygonGrid } from '../../src/spatial/polygon-grid.js';
import { buildPolygonIndex } from '../../src/spatial/polygon-index.js';
import { refineWithUnions } from '../../src/spatial/union-grid.js';
import { tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

describe('grid pre-classification', () => {
  it.each([1, 4, 16, 64])(
    'agrees with testing every polygon exactly (%i cells across a polygon)',
    async (cellsAcross) => {
      const paths = writeScenario(randomScenario(11, 200, 10), tempDir());
      const { coverage } = await readCoverage([paths.coverage]);
      const set = coverage.polygons;
      const grid = buildPolygonGrid(set, 'bits', cellsAcross);
      const rnd = seededRandom(cellsAcross);
      const points: [number, number][] = [];
      for (let k = 0; k < 3000; k++) points.push([5.9 + 3.2 * rnd(), 50.4 + 1.7 * rnd()]);
      // Points exactly on grid lines and corners, and on polygon vertices.
      for (let k = 0; k < 1000; k++) {
        const col = Math.floor(rnd() * grid.cols);
        const row = Math.floor(rnd() * grid.rows);
        points.push([grid.x0 + col * grid.dx, grid.y0 + (row + rnd()) * grid.dy]);
        points.push([grid.x0 + (col + rnd()) * grid.dx, grid.y0 + row * grid.dy]);
      }
      for (let v = 0; v < set.coords.length / 2; v += 7)
        points.push([set.coords[2 * v], set.coords[2 * v + 1]]);

      let wrong = 0;
      for (const [x, y] of points) {
        let expected = 0;
        for (let p = 0; p < set.polygonCount; p++)
          if (polygonCovers(set, p, x, y)) expected |= 1 << set.owner[p];
        if (gridMask(grid, set, x, y) !== expected) wrong++;
      }
      expect(wrong).toBe(0);
      // The grid must actually decide some cells without exact tests.
      expect(grid.full.some((m) => m !== 0)).toBe(true);
    },
  );
});

describe('grid refined with the tile unions of each layer', () => {
  it('still agrees with testing every polygon exactly, and decides more cells', async () => {
    const paths = writeScenario(randomScenario(5, 400, 10), tempDir());
    const { coverage } = await readCoverage([paths.coverage]);
    const set = coverage.polygons;
    const grid = buildPolygonGrid(set, 'bits', 8);
    const b = set.bbox;
    let [minX, minY, maxX, maxY] = [180, 90, -180, -90];
    for (let p = 0; p < set.polygonCount; p++) {
      [minX, minY] = [Math.min(minX, b[4 * p]), Math.min(minY, b[4 * p + 1])];
      [maxX, maxY] = [Math.max(maxX, b[4 * p + 2]), Math.max(maxY, b[4 * p + 3])];
    }
    const input = {
      coverage: set,
      coverageIndex: buildPolygonIndex(set),
      layerCount: coverage.layers.length,
      lteMask: 0,
      nrMask: 0,
      perLayer: true,
    };
    // Small tiles, so many seams cross the polygons.
    const tiles = tileRects(minX, minY, maxX, maxY, 0.1).map((t) =>
      tileCoverage(input, t).layers.map(packPaths),
    );
    const refined = refineWithUnions(grid, set, tiles);
    // (cell, layer) pairs decided by the cell alone, and polygons left to test.
    const decided = (g: typeof grid) => g.full.reduce((n, bits) => n + popcount(bits), 0);
    expect(decided(refined)).toBeGreaterThan(decided(grid));
    expect(refined.edgePolygons.length).toBeLessThan(grid.edgePolygons.length);

    const rnd = seededRandom(99);
    let wrong = 0;
    for (let k = 0; k < 20_000; k++) {
      const x = minX + (maxX - minX) * rnd();
      const y = minY + (maxY - minY) * rnd();
      let expected = 0;
      for (let p = 0; p < set.polygonCount; p++)
        if (polygonCovers(set, p, x, y)) expected |= 1 << set.owner[p];
      if (gridMask(refined, set, x, y) !== expected) wrong++;
    }
    expect(wrong).toBe(0);
  });
});

/** The layer bits of (x, y) as classification finds them: the cell's full bits, then exact tests. */
function gridMask(grid: PolygonGrid, set: PolygonSet, x: number, y: number): number {
  const c = gridCell(grid, x, y);
  if (c < 0) return 0;
  let mask = grid.full[c];
  for (let k = grid.edgeOffset[c]; k < grid.edgeOffset[c + 1]; k++) {
    const p = grid.edgePolygons[k];
    if (polygonCovers(set, p, x, y)) mask |= 1 << set.owner[p];
  }
  return mask;
}

function popcount(bits: number): number {
  let n = 0;
  for (let b = bits >>> 0; b !== 0; b &= b - 1) n++;
  return n;
}
