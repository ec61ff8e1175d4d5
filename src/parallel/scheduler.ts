import { performance } from 'node:perf_hooks';
import type { TileRect } from '../analysis/coverage-tiles.js';
import type { FailedResult, Task, TaskResult, TileSource } from './messages.js';
import { createTaskRunner, defaultWorkerCount, type TaskRunner, withCallerHelping } from './pool.js';
import { type SharedTiles, shareTiles } from './shared-tiles.js';

/** Runs one task somewhere and resolves to its result (a failed task rejects with its error). */
export type RunTask = <T extends TaskResult>(task: Task) => Promise<Exclude<T, FailedResult>>;

/**
 * Where a run's tasks go. `onPool`: the workers alone, while the calling thread reads or classifies.
 * `helpingHere`: the workers with the calling thread taking tasks too, for the steps where it would
 * only wait. `here`: the calling thread alone, its own share beside the pool. With no workers, all
 * three run on the calling thread.
 */
export interface Scheduler {
  readonly workers: number;
  onPool: RunTask;
  helpingHere: RunTask;
  here: RunTask;
  /** Tile unions shared out by a counter: queued on the pool, the calling thread may join (`helpHere`). */
  shareTiles(source: TileSource, tiles: readonly TileRect[], onProgress: (done: number) => void): SharedTiles;
  /** Milliseconds each thread was busy so far: the calling thread first, then each worker. */
  busyMs(): number[];
  /** Ends the workers; tasks still queued or pending fail. */
  close(): Promise<void>;
}

/** The workers start (and load their modules) at once, so they are ready while the calling thread reads. */
export function createScheduler(workers = defaultWorkerCount()): Scheduler {
  const pool = createTaskRunner(workers);
  const helped = withCallerHelping(pool, workers);
  const here = createTaskRunner(0);
  const runOn =
    (runner: TaskRunner): RunTask =>
    (task) =>
      runner.run(task);
  return {
    workers,
    onPool: runOn(pool),
    helpingHere: runOn(helped),
    here: runOn(here),
    shareTiles: (source, tiles, onProgress) => {
      const tileJob = shareTiles(pool, here, source, tiles, onProgress);
      // With no workers the pool is this thread already: it needs no help.
      return workers > 0 ? tileJob : { done: tileJob.done, helpHere: async () => {} };
    },
    busyMs: () => [performance.eventLoopUtilization().active, ...(pool.busyMs?.() ?? [])],
    close: async () => {
      await here.close();
      await helped.close();
      await pool.close();
    },
  };
}
