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

/**
 * One worker per CPU but one: the calling thread is busy too — it reads the households and
 * classifies them while the pool unions the coverage. On 2 cores the NRW run took 1.53 s with one
 * worker and 1.70 s with two, which pay their start-up and compilation twice.
 */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Tasks queued in each worker: a worker is handed tasks only when the calling thread's event loop
 * runs, and that thread spends hundreds of milliseconds reading and indexing meanwhile. With 4 the
 * worker sat idle for 1 of its 1.7 s on the NRW run; with 64 it has its tiles from the start
 * (1.53 → 1.46 s, median of 5). Tasks are small and many, so the split stays even.
 */
const TASKS_PER_WORKER = 64;

/**
 * The pool with the calling thread helping: tasks wait in one queue; the pool takes them as its
 * workers free up (two each in flight), and the calling thread takes one whenever its event loop
 * is idle. For the region clips and the classification after per-layer unions, when the calling
 * thread would only wait. (Not for the tile unions: with the main thread reading meanwhile, a third
 * thread compiling the same code on 2 cores made the NRW run slower, 1.64–1.76 s against 1.53 s.)
 * With no workers the pool is this thread already, and is returned as it is.
 */
export function withCallerHelping(pool: TaskRunner, workers: number): TaskRunner {
  if (workers === 0) return pool;
  const here = createTaskRunner(0);
  const slots = workers * 2;
  const queue: { task: Task; resolve: (r: TaskResult) => void; reject: (e: unknown) => void }[] = [];
  let inPool = 0;
  let turnPending = false;
  const pump = () => {
    while (inPool < slots && queue.length > 0) {
      const job = queue.shift() as (typeof queue)[number];
      inPool++;
      pool
        .run(job.task)
        .then(job.resolve, job.reject)
        .finally(() => {
          inPool--;
          pump();
        });
    }
    if (queue.length > 0 && !turnPending) {
      turnPending = true;
      setImmediate(turn);
    }
  };
  // The calling thread's share: one task at a time (the next turn is armed when it ends), each in a
  // turn of its own event loop, so the pool still gets its messages.
  const turn = () => {
    const job = queue.shift();
    if (!job) {
      turnPending = false;
      return;
    }
    here
      .run(job.task)
      .then(job.resolve, job.reject)
      .finally(() => {
        turnPending = false;
        pump();
      });
  };
  return {
    run: <T extends TaskResult>(task: Task) =>
      new Promise<Exclude<T, FailedResult>>((resolve, reject) => {
        queue.push({ task, resolve: resolve as (r: TaskResult) => void, reject });
        pump();
      }),
    close: async () => {},
  };
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
    concurrentTasksPerWorker: TASKS_PER_WORKER,
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
