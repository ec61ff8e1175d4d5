import type { WhiteSpots } from '../analysis/white-spots.js';
import { concatPacked } from '../geometry/paths-codec.js';
import type { GeometryResult } from '../parallel/messages.js';
import type { RunTask } from '../parallel/scheduler.js';
import { analysedRegions, type Base } from './base.js';
import type { ProgressCallback } from './progress.js';
import { type TileUnions, touches } from './tile-unions.js';

/**
 * Region areas, 5G areas and LTE dead zones: each region clipped against the tile unions around it,
 * its white-spot households put into its dead zones there. One result per region analysed, in file order.
 */
export async function regionGeometry(
  run: RunTask,
  base: Base,
  unions: TileUnions,
  whiteSpots: WhiteSpots,
  progress: ProgressCallback,
): Promise<GeometryResult[]> {
  const boxes = base.regionBoxes;
  const regions = analysedRegions(base);
  const size = regions.map((r) => (boxes[r][2] - boxes[r][0]) * (boxes[r][3] - boxes[r][1]));
  // Largest first, so the long tasks do not come last and leave a worker idle.
  const order = regions.map((_, slot) => slot).sort((a, b) => size[b] - size[a] || a - b);
  const results: GeometryResult[] = new Array(regions.length);
  let done = 0;
  await Promise.all(
    order.map((slot) => {
      const region = regions[slot];
      const near = unions.tiles.flatMap((tile, k) =>
        touches(tile, boxes[region]) ? [{ tile, result: unions.results[k] }] : [],
      );
      const lte = concatPacked(near.map((t) => t.result.lte));
      const nr = near
        .filter((t) => t.result.nr.coords.length > 0)
        .map((t) => ({ tile: t.tile, pieces: t.result.nr }));
      const polygons = base.regions.polygons;
      const task = {
        kind: 'geometry',
        regions: polygons,
        region,
        lte,
        nr,
        households: base.households,
        whiteSpots,
      } as const;
      return run<GeometryResult>(task).then((result) => {
        results[slot] = result;
        progress({ stage: 'coverage-geometry', done: ++done, total: regions.length });
      });
    }),
  );
  return results;
}
