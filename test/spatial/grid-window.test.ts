import { Rect64Utils } from 'clipper2-ts';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { classifyRange } from '../../src/analysis/classify.js';
import { fullCellPaths } from '../../src/analysis/full-cells.js';
import { buildEdgeBands } from '../../src/geometry/edge-bands.js';
import { CLIP_SCALE } from '../../src/geometry/integer-paths.js';
import { allocateHouseholds } from '../../src/model/households.js';
import { PolygonSetBuilder, polygonSubset } from '../../src/model/polygon-set.js';
import { gridWindow } from '../../src/spatial/grid-raster.js';
import { buildPolygonGrid, type PolygonGrid } from '../../src/spatial/polygon-grid.js';

/** Sectors and discs of many sizes over 7–8° E, 51–51.6° N, on four layers. */
function randomSet(seed: number, count: number) {
  const rnd = seededRandom(seed);
  const builder = new PolygonSetBuilder();
  for (let p = 0; p < count; p++) {
    const cx = 7 + rnd();
    const cy = 51 + 0.6 * rnd();
    const r = 0.005 + 0.05 * rnd() ** 2;
    const n = 5 + Math.floor(rnd() * 30);
    const ring: number[] = [];
    for (let k = 0; k < n; k++) {
      const a = (2 * Math.PI * k) / n;
      ring.push(cx + r * Math.cos(a) * (0.6 + 0.4 * rnd()), cy + r * Math.sin(a));
    }
    ring.push(ring[0], ring[1]);
    builder.addPolygon([Float64Array.from(ring)], Math.floor(rnd() * 4));
  }
  return builder.finish();
}

/** A grid's cell (whole-grid column and row) as seen by its own numbering: full bits and crossing polygons. */
function cell(grid: PolygonGrid, polygons: (p: number) => number, col: number, row: number) {
  const k = (row - (grid.row0 ?? 0)) * grid.cols + col - (grid.col0 ?? 0);
  const crossing = Array.from(
    grid.edgePolygons.subarray(grid.edgeOffset[k], grid.edgeOffset[k + 1]),
    polygons,
  );
  return { full: grid.full[k], crossing };
}

describe('a window of a polygon grid (a distributed job’s share of the coverage)', () => {
  it('has the whole grid’s cells, full cells and classification within it, from the polygons meeting it', () => {
    const set = randomSet(7, 1500);
    const whole = buildPolygonGrid(set, 'bits', 8);
    const box = [7.31, 51.17, 7.58, 51.33];
    const window = gridWindow(whole, box);
    expect(window.cols).toBeLessThan(whole.cols / 2);
    // The polygons whose boxes meet the window's cells, as a share holds them.
    const [wx0, wy0] = [whole.x0 + (window.col0 ?? 0) * whole.dx, whole.y0 + (window.row0 ?? 0) * whole.dy];
    const [wx1, wy1] = [wx0 + window.cols * whole.dx, wy0 + window.rows * whole.dy];
    const picked: number[] = [];
    for (let p = 0; p < set.polygonCount; p++) {
      const b = set.bbox.subarray(4 * p, 4 * p + 4);
      if (b[0] <= wx1 + 1e-6 && b[2] >= wx0 - 1e-6 && b[1] <= wy1 + 1e-6 && b[3] >= wy0 - 1e-6)
        picked.push(p);
    }
    expect(picked.length).toBeLessThan(set.polygonCount / 2);
    const share = polygonSubset(set, picked);
    const part = buildPolygonGrid(share, 'bits', 8, window);
    // Every cell but the window's outer ring (its polygons reach beyond the share): the same.
    for (let row = (window.row0 ?? 0) + 1; row < (window.row0 ?? 0) + window.rows - 1; row++)
      for (let col = (window.col0 ?? 0) + 1; col < (window.col0 ?? 0) + window.cols - 1; col++)
        expect(cell(part, (p) => picked[p], col, row)).toEqual(cell(whole, (p) => p, col, row));

    // The full cells a tile's union takes, to the last integer.
    const rect = Rect64Utils.create(7.4 * CLIP_SCALE, 51.2 * CLIP_SCALE, 7.5 * CLIP_SCALE, 51.3 * CLIP_SCALE);
    for (const group of [1, 2, 4, 8, 15])
      expect(fullCellPaths(part, group, rect)).toEqual(fullCellPaths(whole, group, rect));

    // Points in the window: the same layer bits.
    const rnd = seededRandom(3);
    const points = allocateHouseholds(20_000);
    for (let i = 0; i < points.count; i++) {
      points.lon[i] = 7.33 + 0.23 * rnd();
      points.lat[i] = 51.19 + 0.12 * rnd();
      points.weight[i] = 1;
    }
    const regions = new PolygonSetBuilder().finish();
    const noRegions = buildPolygonGrid(regions, 'min', 4);
    const masks = (coverage: typeof set, grid: PolygonGrid) => {
      const out = { mask: new Uint32Array(points.count), region: new Int32Array(points.count) };
      classifyRange(
        {
          households: points,
          coverage,
          coverageGrid: grid,
          coverageBands: buildEdgeBands(coverage),
          regions,
          regionGrid: noRegions,
          regionBands: buildEdgeBands(regions),
        },
        out,
        0,
        points.count,
      );
      return out.mask;
    };
    const inWindow = masks(share, part);
    expect(inWindow).toEqual(masks(set, whole));
    expect(inWindow.some((m) => m !== 0)).toBe(true);
  });
});
