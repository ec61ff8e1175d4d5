import { type TileRect, tileRects } from '../analysis/coverage-tiles.js';
import { CLIP_SCALE } from '../geometry/integer-paths.js';
import type { TileResult } from '../parallel/messages.js';
import type { Scheduler } from '../parallel/scheduler.js';
import { refineWithUnions } from '../spatial/union-grid.js';
import { analysedRegions, type RegionBase } from './base.js';
import { type CoverageIndex, tileSource } from './prepare-coverage.js';
import type { ProgressCallback } from './progress.js';

/** The tiles over the regions analysed and each tile's unions (same index). */
export interface TileUnions {
  tiles: TileRect[];
  results: TileResult[];
}

/** The tile unions under way: `done` when every tile is; `helpHere` lets the calling thread take tiles too. */
export interface TileUnionsJob {
  done: Promise<TileUnions>;
  helpHere(): Promise<void>;
}

/** Each layer's union per 0.25° tile around the regions analysed, shared out over the pool. */
export function startTileUnions(
  scheduler: Pick<Scheduler, 'shareTiles'>,
  index: CoverageIndex,
  base: RegionBase,
  progress: ProgressCallback,
): TileUnionsJob {
  const tiles = tilesAround(base);
  progress({ stage: 'tile-unions', done: 0, total: tiles.length });
  const job = scheduler.shareTiles(tileSource(index), tiles, (done) =>
    progress({ stage: 'tile-unions', done, total: tiles.length }),
  );
  return { done: job.done.then((results) => ({ tiles, results })), helpHere: job.helpHere };
}

/** Over all regions' extent, so a selected region gets the tiles of the full run (those at its edge too). */
export function tilesAround(base: Pick<RegionBase, 'regionBoxes' | 'selected'>): TileRect[] {
  const around = analysedRegions(base).map((r) => base.regionBoxes[r]);
  if (around.length === 0) return [];
  // From the boxes in clip units, divided back: the tiles of the measured runs, to the last bit.
  const extent = base.regionBoxes.reduce(
    (e, b) => [Math.min(e[0], b[0]), Math.min(e[1], b[1]), Math.max(e[2], b[2]), Math.max(e[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const [minX, minY, maxX, maxY] = extent.map((v) => v / CLIP_SCALE);
  return tileRects(minX, minY, maxX, maxY).filter((t) => around.some((b) => touches(t, b)));
}

/** Whether a tile meets a box in integer clip units (minX, minY, maxX, maxY). */
export function touches(t: TileRect, b: readonly number[]): boolean {
  return t.left <= b[2] && t.right >= b[0] && t.top <= b[3] && t.bottom >= b[1];
}

/** The coverage grid refined with the per-layer unions: cells inside a layer's union need no exact test. */
export function refinedWithUnions(index: CoverageIndex, unions: TileUnions): CoverageIndex {
  const layers = unions.results.map((t) => t.layers);
  return { ...index, grid: refineWithUnions(index.grid, index.coverage.polygons, layers) };
}
