import { describe, expect, it } from 'vitest';
import { seededRandom } from '../scripts/random.js';
import { polygonCovers } from '../src/geometry/point-in-polygon.js';
import { readCoverage } from '../src/io/coverage-read.js';
import { buildPolygonGrid, gridCell } from '../src/spatial/polygon-grid.js';
import { tempDir } from './helpers.js';
import { randomScenario, writeScenario } from './random-scenario.js';

describe('grid pre-classification', () => {
  it.each([1, 4, 16, 64])(
    'agrees with testing every polygon exactly (%i cells across a polygon)',
    (cellsAcross) => {
      const paths = writeScenario(randomScenario(11, 200, 10), tempDir());
      const { coverage } = readCoverage([paths.coverage]);
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
        let mask = 0;
        const c = gridCell(grid, x, y);
        if (c >= 0) {
          mask = grid.full[c];
          for (let k = grid.edgeOffset[c]; k < grid.edgeOffset[c + 1]; k++) {
            const p = grid.edgePolygons[k];
            if (polygonCovers(set, p, x, y)) mask |= 1 << set.owner[p];
          }
        }
        if (mask !== expected) wrong++;
      }
      expect(wrong).toBe(0);
      // The grid must actually decide some cells without exact tests.
      expect(grid.full.some((m) => m !== 0)).toBe(true);
    },
  );
});
