import { parentPort, Worker, workerData } from 'node:worker_threads';
import { type InputError, isInputError } from '../errors.js';
import { errorFrom, type SentError, threadEntry } from './thread-entry.js';

/** What a job thread sends: progress while it runs, then its result or its error, once. */
type JobMessage<P, R> =
  | { type: 'progress'; progress: P }
  | { type: 'done'; result: R }
  | ({ type: 'error' } & SentError);

/** A job running on a thread of its own: `done` settles once; `stop()` ends the thread at once. */
export interface JobThread<R> {
  done: Promise<R>;
  stop(): Promise<void>;
}

/**
 * Runs the job module at `entry` (one that calls `serveJob`) on a thread of its own, so the calling
 * thread stays free for what must not wait: a signal is acted on while the job is deep in a
 * synchronous read. The thread is ref'ed: the process lives until the job has settled, and a thread
 * that ends without a result (killed, crashed) is an error, never a silent success.
 */
export function startJobThread<I, P, R>(
  entry: URL,
  input: I,
  onProgress: (progress: P) => void,
): JobThread<R> {
  const worker = new Worker(...threadEntry(entry, { input }));
  let settled = false;
  const done = new Promise<R>((resolve, reject) => {
    worker.on('message', (message: JobMessage<P, R>) => {
      if (message.type === 'progress') return onProgress(message.progress);
      settled = true;
      if (message.type === 'done') return resolve(message.result);
      reject(errorFrom(message));
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the job thread ended (code ${code}) before the job did`));
    });
  });
  return { done, stop: async () => void (await worker.terminate()) };
}

/** Jobs one after another on one thread: what one job warmed (compiled code, loaded modules) the next finds ready. */
export interface JobServer<I, R> {
  /** Runs a job on the thread (a new one if the last ended); one at a time. */
  run(input: I): Promise<R>;
  stop(): Promise<void>;
}

/**
 * A thread that takes jobs of the module at `entry` (one that calls `serveJob`) one after another,
 * as `startJobThread` runs one. A thread that ends mid-job fails that job; the next job starts a new one.
 */
export function startJobServer<I, R>(entry: URL): JobServer<I, R> {
  let worker: Worker | undefined;
  // The job running and the thread it runs on: another thread's late message or exit is not its.
  let pending: { thread: Worker; resolve: (r: R) => void; reject: (e: Error) => void } | undefined;
  const settle = (thread: Worker, outcome: { result: R } | { error: Error }) => {
    const job = pending;
    if (!job || job.thread !== thread) return;
    pending = undefined;
    if ('result' in outcome) job.resolve(outcome.result);
    else job.reject(outcome.error);
  };
  const start = (): Worker => {
    const thread = new Worker(...threadEntry(entry, { server: true }));
    thread.on('message', (message: JobMessage<never, R>) => {
      if (message.type === 'done') settle(thread, { result: message.result });
      else if (message.type === 'error') settle(thread, { error: errorFrom(message) });
    });
    const gone = (error: Error) => {
      // Never handed a job again: the next one starts a thread of its own.
      if (worker === thread) worker = undefined;
      settle(thread, { error });
    };
    thread.on('error', (error) => {
      gone(error);
      void thread.terminate();
    });
    thread.on('exit', (code) => gone(new Error(`the job thread ended (code ${code}) before the job did`)));
    return thread;
  };
  return {
    run(input) {
      if (pending) return Promise.reject(new Error('a job is running on this thread'));
      worker ??= start();
      const thread = worker;
      const done = new Promise<R>((resolve, reject) => {
        pending = { thread, resolve, reject };
      });
      thread.postMessage({ type: 'job', input });
      return done;
    },
    stop: async () => {
      await worker?.terminate();
    },
  };
}

/**
 * The job thread's side: runs `job` on the input it was started with, sends its progress and then
 * its result or error (an InputError stays one, with its place), and lets the thread end; or, on a
 * server's thread (`startJobServer`), on each input sent to it, one after another.
 */
export function serveJob<I, P, R>(job: (input: I, progress: (p: P) => void) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJob runs on a job thread only');
  const send = (message: JobMessage<P, R>) => port.postMessage(message);
  if ((workerData as { server?: boolean }).server) {
    port.on('message', (message: { type: 'job'; input: I }) => runOne(job, message.input, send));
    return;
  }
  runOne(job, workerData.input as I, send);
}

function runOne<I, P, R>(
  job: (input: I, progress: (p: P) => void) => Promise<R>,
  input: I,
  send: (message: JobMessage<P, R>) => void,
): void {
  job(input, (progress) => send({ type: 'progress', progress })).then(
    (result) => send({ type: 'done', result }),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      // The place without its value: the message shows it already, and a value from the input
      // (nested 100,000 deep) may be more than a message between threads can carry.
      const { value: _value, ...where } = isInputError(e) ? (e as InputError).where : {};
      send({
        type: 'error',
        name: e.name,
        message: e.message,
        stack: e.stack,
        where,
      });
    },
  );
}
