import { Clipper, FillRule, Rect64Utils } from 'clipper2-ts';
import Flatbush from 'flatbush';
import { describe, expect, it } from 'vitest';
import { tileCoverage, tileRects } from '../../src/analysis/coverage-tiles.js';
import { fullCellPaths, unionCulling, unionGroups } from '../../src/analysis/full-cells.js';
import { ringToPath } from '../../src/geometry/integer-paths.js';
import { readCoverage } from '../../src/io/coverage.js';
import type { Coverage } from '../../src/model/coverage.js';
import { LTE, NR, technologyMask } from '../../src/model/coverage.js';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';
import { buildPolygonGrid, type PolygonGrid } from '../../src/spatial/polygon-grid.js';
import { buildPolygonIndex } from '../../src/spatial/polygon-index.js';
import { tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

/** The polygons the unions need, and the culling input, on a grid of `cellsAcross`. */
function culling(coverage: Coverage, cellsAcross: number, perLayer: boolean) {
  const set = coverage.polygons;
  const grid = buildPolygonGrid(set, 'bits', cellsAcross);
  const lteMask = technologyMask(coverage.layers, LTE);
  const nrMask = technologyMask(coverage.layers, NR);
  const groups = unionGroups(coverage.layers.length, lteMask, nrMask, perLayer);
  // Every group culled, however few polygons it leaves out.
  return unionCulling(grid, set, groups, 0);
}

/**
 * Each tile's union areas (integer units²): LTE, 5G and each layer's, with the grid's full cells
 * standing in for the sectors inside them, or without.
 */
function unionAreas(coverage: Coverage, cellsAcross?: number, perLayer = false) {
  const set = coverage.polygons;
  const input = {
    coverage: set,
    coverageIndex: Flatbush.from(buildPolygonIndex(set).data),
    layerCount: coverage.layers.length,
    lteMask: technologyMask(coverage.layers, LTE),
    nrMask: technologyMask(coverage.layers, NR),
    perLayer,
    ...(cellsAcross ? { culling: culling(coverage, cellsAcross, perLayer) } : {}),
  };
  let [minX, minY, maxX, maxY] = [180, 90, -180, -90];
  for (let p = 0; p < set.polygonCount; p++) {
    [minX, minY] = [Math.min(minX, set.bbox[4 * p]), Math.min(minY, set.bbox[4 * p + 1])];
    [maxX, maxY] = [Math.max(maxX, set.bbox[4 * p + 2]), Math.max(maxY, set.bbox[4 * p + 3])];
  }
  return tileRects(minX, minY, maxX, maxY).map((tile) => {
    const { lte, nr, layers } = tileCoverage(input, tile);
    return [Clipper.areaPaths(lte), Clipper.areaPaths(nr), ...layers.map((l) => Clipper.areaPaths(l))];
  });
}

describe('tile unions stand full grid cells in for the sectors inside them', () => {
  it('keep the area of two identical sectors (they cover each other), of different operators or the same', () => {
    const square = new Float64Array([7, 51, 7.1, 51, 7.1, 51.1, 7, 51.1, 7, 51]);
    for (const owners of [
      [0, 1],
      [1, 0],
      [0, 0],
    ]) {
      const builder = new PolygonSetBuilder();
      for (const owner of owners) builder.addPolygon([square], owner);
      const coverage: Coverage = {
        layers: [
          { operator: 'A', technology: 'lte' },
          { operator: 'B', technology: 'lte' },
        ],
        polygons: builder.finish(),
      };
      const [[lte]] = unionAreas(coverage, 8).filter(([a]) => a > 0);
      expect(lte).toBe(0.1e7 * 0.1e7);
    }
  });

  it.each([
    [4, false],
    [8, false],
    [16, false],
    [8, true],
  ])(
    'give the same unions as without (seeded random scenario, %i cells across, per layer: %s)',
    async (cellsAcross, perLayer) => {
      const paths = writeScenario(randomScenario(21, 600, 10), tempDir());
      const { coverage } = await readCoverage([paths.coverage]);
      const plain = unionAreas(coverage, undefined, perLayer);
      const culled = unionAreas(coverage, cellsAcross, perLayer);
      // The scenario must exercise it: some sectors are left out.
      const { needed } = culling(coverage, cellsAcross, perLayer);
      expect(needed.filter((n) => n === 0).length).toBeGreaterThan(0);
      culled.forEach((areas, k) => {
        // Only the rounding of crossing points to the 1e-7° grid may differ, by about a unit along
        // the union's edges (1e6 units² ≈ 80 m²).
        areas.forEach((area, u) => {
          expect(Math.abs(area - plain[k][u])).toBeLessThanOrEqual(1e-6 * plain[k][u] + 1e6);
        });
      });
    },
  );
});

describe('full cells', () => {
  const square = new Float64Array([7, 51, 7.1, 51, 7.1, 51.1, 7, 51.1, 7, 51]);
  const builder = new PolygonSetBuilder();
  builder.addPolygon([square], 0);
  const set = builder.finish();
  const grid = buildPolygonGrid(set, 'bits', 8);

  it('trace to rectilinear paths on the integer grid, inside the polygon, one cell each', () => {
    const rect = Rect64Utils.create(69_000_000, 509_000_000, 72_000_000, 512_000_000);
    const paths = fullCellPaths(grid, 1, rect);
    let full = 0;
    for (const f of grid.full) full += f & 1;
    const cellArea = Math.round(grid.dx * 1e7) * Math.round(grid.dy * 1e7);
    expect(full).toBeGreaterThan(0);
    expect(Clipper.areaPaths(paths)).toBe(full * cellArea);
    for (const path of paths)
      for (const pt of path) expect(Number.isInteger(pt.x) && Number.isInteger(pt.y)).toBe(true);
    const polygon = [square].map((ring) => ringToPath(ring));
    expect(Clipper.areaPaths(Clipper.difference(paths, polygon, FillRule.NonZero))).toBe(0);
  });

  it('cover the whole tile when a grid line lies on its edge (a column wholly outside folds onto it)', () => {
    // Cells of half a degree, all full; the tile's right and top edges on grid lines (exactly, in floats).
    const cells = 4 * 4;
    const folded: PolygonGrid = {
      x0: 7,
      y0: 51,
      dx: 0.5,
      dy: 0.5,
      cols: 4,
      rows: 4,
      full: new Int32Array(cells).fill(1),
      edgeOffset: new Uint32Array(cells + 1),
      edgePolygons: new Uint32Array(0),
    };
    const rect = Rect64Utils.create(70_000_000, 510_000_000, 80_000_000, 520_000_000);
    const paths = fullCellPaths(folded, 1, rect);
    expect(Clipper.areaPaths(paths)).toBe(10_000_000 * 10_000_000);
  });

  it('stand in only for groups they thin out by at least the given share', () => {
    // One polygon: every edge cell is outside F, so it is needed, and nothing is left out.
    const culling = unionCulling(grid, set, [1]);
    expect(Array.from(culling.needed)).toEqual([1]);
    expect(culling.culledLayers).toBe(0);
    expect(unionCulling(grid, set, [1], 0).culledLayers).toBe(1);
  });
});
