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

/**
 * The job thread's side: runs `job` on the input it was started with, sends its progress and then
 * its result or error (an InputError stays one, with its place), and lets the thread end.
 */
export function serveJob<I, P, R>(job: (input: I, progress: (p: P) => void) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJob runs on a job thread only');
  const send = (message: JobMessage<P, R>) => port.postMessage(message);
  job(workerData.input as I, (progress) => send({ type: 'progress', progress })).then(
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
