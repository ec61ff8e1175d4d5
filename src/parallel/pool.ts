import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FailedResult, Task, TaskResult } from './messages.js';
import { runTask } from './run-task.js';
import { errorFrom, threadEntry } from './thread-entry.js';

const POOL_CLOSED = 'the worker pool was closed';

/** Runs tasks: on a worker_threads pool, or (workers = 0) on the calling thread. */
export interface TaskRunner {
  run<T extends TaskResult>(task: Task): Promise<Exclude<T, FailedResult>>;
  close(): Promise<void>;
  /** Per worker thread, the milliseconds its event loop was busy so far (none on the calling thread). */
  busyMs?(): number[];
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
 * The pool with the calling thread helping: tasks wait in one queue; the pool takes them as its
 * workers free up (two each in flight), and the calling thread takes one whenever its event loop
 * is idle. For the region clips and the classification after per-layer unions, when the calling
 * thread would only wait. (The tile unions share out their tiles by a counter of their own.) With
 * no workers the pool is this thread already, and is returned as it is. `close()` drops the tasks
 * still queued (they fail), so a run that failed does not go on with them on this thread.
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
    close: async () => {
      const closed = new Error(POOL_CLOSED);
      for (const job of queue.splice(0)) job.reject(closed);
    },
  };
}

/**
 * `workerFile` replaces the worker thread's script (one that answers `{ id, task }` messages with
 * `{ id, result }`): the seam a test uses to check what a dying worker does to a run.
 */
export function createTaskRunner(workers: number, workerFile?: string): TaskRunner {
  if (!Number.isInteger(workers) || workers < 0)
    throw new RangeError(`workers must be an integer ≥ 0, got ${workers}`);
  if (workers === 0) {
    // One task per turn of the event loop, in order: between two, a pool running beside this thread
    // gets its messages, so its workers are handed their next tasks.
    // Once closed, queued tasks fail instead of running: a failed run does not go on with them.
    let tail: Promise<unknown> = Promise.resolve();
    let closed = false;
    return {
      run: <T extends TaskResult>(task: Task) => {
        const result = tail
          .then(() => new Promise((resolve) => setImmediate(resolve)))
          .then(() => {
            if (closed) throw new Error(POOL_CLOSED);
            return runTask(task);
          })
          .then((done) => unwrap(done) as Exclude<T, FailedResult>);
        tail = result.catch(() => {});
        return result;
      },
      close: async () => {
        closed = true;
      },
    };
  }
  if (resident && !workerFile) return leasedPool(resident, workers);
  return new ThreadPool(workers, workerFile);
}

/** Pools kept on this thread between runs, by size (see `keepPools`). */
let resident: Map<number, ThreadPool> | undefined;

/**
 * From now on, a pool of this thread that is closed is kept for the next run asking for as many
 * workers, instead of ended: a queue worker's job thread runs job after job, and each would
 * otherwise start threads and compile their code again (~0.1 s a job).
 */
export function keepPools(): void {
  resident ??= new Map();
}

/** A kept pool (or a new one) for one run: closing it fails the run's pending tasks and keeps the threads. */
function leasedPool(kept: Map<number, ThreadPool>, workers: number): TaskRunner {
  const pool = kept.get(workers) ?? new ThreadPool(workers);
  kept.delete(workers); // one run at a time has it
  let closed = false;
  return {
    run: (task) => (closed ? Promise.reject(new Error(POOL_CLOSED)) : pool.run(task)),
    busyMs: () => pool.busyMs(),
    close: async () => {
      if (closed) return;
      closed = true;
      if (pool.release() && !kept.has(workers)) kept.set(workers, pool);
      else await pool.close();
    },
  };
}

interface Pending {
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  failure?: Error;
}

/**
 * Worker threads that take their tasks as messages posted straight to their ports: a worker starts
 * on a task even while this thread is busy (a pool that hands tasks out from this thread's event
 * loop, as piscina does, left the worker idle while this thread read the inputs). Each task goes to
 * the thread with the fewest unfinished ones. A thread that dies fails its tasks, and the run with
 * them; an idle pool does not keep the process alive.
 */
class ThreadPool implements TaskRunner {
  private readonly threads: Thread[];
  private nextId = 0;
  private closing = false;

  constructor(workers: number, workerFile?: string) {
    this.threads = Array.from({ length: workers }, () => this.start(workerFile));
  }

  run<T extends TaskResult>(task: Task): Promise<Exclude<T, FailedResult>> {
    if (this.closing) return Promise.reject(new Error(POOL_CLOSED));
    let thread: Thread | undefined;
    for (const t of this.threads)
      if (!t.failure && (!thread || t.pending.size < thread.pending.size)) thread = t;
    if (!thread) return Promise.reject(failed(this.threads[0].failure as Error));
    const id = this.nextId++;
    const { worker, pending } = thread;
    return new Promise<TaskResult>((resolve, reject) => {
      // Posted first: a task that cannot be copied to a thread throws here and leaves nothing pending.
      worker.postMessage({ id, task });
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
    }).then((result) => unwrap(result) as Exclude<T, FailedResult>);
  }

  busyMs(): number[] {
    return this.threads.map((t) => t.worker.performance.eventLoopUtilization().active);
  }

  /**
   * Fails the tasks still pending, as `close` does, but keeps the threads for another run (a task
   * still running answers an id nobody waits for). Whether every thread is still sound to keep.
   */
  release(): boolean {
    this.failPending();
    for (const thread of this.threads) thread.worker.unref();
    return this.threads.every((t) => !t.failure);
  }

  private failPending(): void {
    const closed = new Error(POOL_CLOSED);
    for (const thread of this.threads) {
      for (const task of thread.pending.values()) task.reject(closed);
      thread.pending.clear();
    }
  }

  /** Ends the threads; tasks still pending fail (nobody would wait for them otherwise). */
  async close(): Promise<void> {
    this.closing = true;
    this.failPending();
    // The terminate() promises hold no handle of their own: with the threads unref'ed, the event
    // loop could empty meanwhile and the process exit before its caller heard why the run ended.
    const hold = setInterval(() => {}, 1 << 30);
    try {
      await Promise.all(this.threads.map((t) => t.worker.terminate()));
    } finally {
      clearInterval(hold);
    }
  }

  private start(workerFile?: string): Thread {
    const worker = new Worker(...workerEntry(workerFile));
    const thread: Thread = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: TaskResult }) => {
      const task = thread.pending.get(id);
      thread.pending.delete(id);
      if (thread.pending.size === 0) worker.unref();
      task?.resolve(result);
    });
    const fail = (error: Error) => {
      thread.failure ??= error;
      for (const task of thread.pending.values()) task.reject(failed(error));
      thread.pending.clear();
      // A message it could not read leaves the thread running, but no longer trusted: end it.
      worker.unref();
      if (!this.closing) void worker.terminate();
    };
    worker.on('error', fail);
    worker.on('messageerror', fail);
    worker.on('exit', (code) => {
      if (!this.closing) fail(new Error(`exited with code ${code}`));
    });
    return thread;
  }
}

/** A worker that died (not one whose task failed: those come back as results) ends the run. */
function failed(error: Error): Error {
  return new Error(`a worker thread failed: ${error.message}`, { cause: error });
}

/** The worker's script: the compiled .js next to this one, or its .ts source under the test runner. */
function workerEntry(workerFile?: string): ConstructorParameters<typeof Worker> {
  if (workerFile) return [workerFile];
  return threadEntry(
    new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url),
  );
}

function unwrap(result: TaskResult): TaskResult {
  if (result.kind !== 'error') return result;
  throw errorFrom(result);
}
