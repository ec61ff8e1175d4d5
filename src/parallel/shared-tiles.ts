import type { TileRect } from '../analysis/coverage-tiles.js';
import type { TileResult, TileSource, TilesResult } from './messages.js';
import type { TaskRunner } from './pool.js';

/** Tiles one task takes at most: the progress moves by this many, and a task is still a long one. */
const TILES_PER_TASK = 8;

/** The tile unions under way: `done` when every tile is; `helpHere` lets the calling thread take tiles too. */
export interface SharedTiles {
  done: Promise<TileResult[]>;
  helpHere(): Promise<void>;
}

/**
 * Each tile's unions, shared out by a counter: the tasks are queued on the pool from the start and
 * each takes the next tiles, so no thread waits while another has tiles left (a task that finds none
 * ends at once). Every tile's result is the same whichever thread takes it. A failed task stops the
 * counter, so the other threads do not go on with tiles nobody will use.
 */
export function shareTiles(
  pool: TaskRunner,
  here: TaskRunner,
  source: TileSource,
  tiles: readonly TileRect[],
  onProgress: (done: number) => void,
): SharedTiles {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const rects = new Float64Array(new SharedArrayBuffer(Math.max(1, tiles.length) * 32), 0, 4 * tiles.length);
  tiles.forEach((t, k) => {
    rects.set([t.left, t.top, t.right, t.bottom], 4 * k);
  });
  const results: TileResult[] = new Array(tiles.length);
  const tasks: Promise<void>[] = [];
  let done = 0;
  const take = (thread: TaskRunner) => {
    const task = thread.run<TilesResult>({ kind: 'tiles', source, rects, next, max: TILES_PER_TASK }).then(
      (taken) => {
        taken.tiles.forEach((tile, k) => {
          results[tile] = taken.results[k];
        });
        if (taken.tiles.length === 0) return;
        done += taken.tiles.length;
        onProgress(done);
      },
      (error: unknown) => {
        Atomics.store(next, 0, tiles.length);
        throw error;
      },
    );
    tasks.push(task);
    return task;
  };
  for (let k = 0; k < Math.ceil(tiles.length / TILES_PER_TASK); k++) take(pool);
  const all = async () => {
    // A helper may join while the first tasks run: wait until no task is left unawaited.
    for (let awaited = 0; awaited < tasks.length; ) {
      awaited = tasks.length;
      await Promise.all(tasks);
    }
    return results;
  };
  return {
    done: all(),
    helpHere: async () => {
      while (Atomics.load(next, 0) < tiles.length) await take(here);
    },
  };
}
