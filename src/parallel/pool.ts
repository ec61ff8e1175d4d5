import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { InputError } from '../errors.js';
import { loadClipper } from '../geometry/wasm-clipper.js';
import type { FailedResult, Task, TaskResult } from './messages.js';
import { runTask } from './run-task.js';

/** Runs tasks: on a worker_threads pool, or (workers = 0) on the calling thread. */
export interface TaskRunner {
  run<T extends TaskResult>(task: Task): Promise<Exclude<T, FailedResult>>;
  close(): Promise<void>;
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * `workerFile` replaces the worker entry (a module whose default export runs a task): the seam a
 * test uses to check what a dying worker does to a run.
 */
export function createTaskRunner(workers: number, workerFile?: string): TaskRunner {
  if (!Number.isInteger(workers) || workers < 0)
    throw new RangeError(`workers must be an integer ≥ 0, got ${workers}`);
  if (workers === 0) {
    // One task per turn of the event loop, in order: between two, a pool running beside this thread
    // gets its messages, so its workers are handed their next tasks.
    let tail: Promise<unknown> = Promise.resolve();
    return {
      run: <T extends TaskResult>(task: Task) => {
        const result = tail
          .then(() => Promise.all([loadClipper(), new Promise((resolve) => setImmediate(resolve))]))
          .then(() => unwrap(runTask(task)) as Exclude<T, FailedResult>);
        tail = result.catch(() => {});
        return result;
      },
      close: async () => {},
    };
  }
  const pool = new Piscina({
    ...workerEntry(workerFile),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
    // Tasks queued in each worker keep it busy while the main thread is reading (it dispatches only
    // when its event loop runs): 4 per worker took the NRW run from 2.80 to 2.62 s (median of 5).
    concurrentTasksPerWorker: 4,
  });
  return {
    run: async <T extends TaskResult>(task: Task) => {
      let result: TaskResult;
      try {
        result = await pool.run(task);
      } catch (error) {
        // A worker that died (not one whose task failed: those come back as results) ends the run.
        throw new Error(`a worker thread failed: ${(error as Error).message}`, { cause: error });
      }
      return unwrap(result) as Exclude<T, FailedResult>;
    },
    close: () => pool.destroy(),
  };
}

/** The worker's file: the compiled .js next to this one, or the .ts source (through tsx) under the test runner. */
function workerEntry(workerFile?: string): { filename: string; execArgv?: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename =
    workerFile ?? fileURLToPath(new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url));
  return fromSource ? { filename, execArgv: ['--import', 'tsx'] } : { filename };
}

function unwrap(result: TaskResult): TaskResult {
  if (result.kind !== 'error') return result;
  if (result.name === 'InputError') throw InputError.formatted(result.message, result.where);
  const error = new Error(result.message);
  error.name = result.name;
  if (result.stack) error.stack = result.stack;
  throw error;
}
