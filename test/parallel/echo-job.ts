// A job module for job-server.test.ts: echoes its input and counts the jobs this thread ran.
import { serveJob } from '../../src/parallel/job-thread.js';

let ran = 0;

interface EchoInput {
  n: number;
  /** End the thread mid-job (process.exit on a worker thread ends the thread). */
  end?: boolean;
  /** Throw from a timer: the thread fails with an uncaught exception, the job never settles. */
  throwLater?: boolean;
  /** Take this long. */
  ms?: number;
}

serveJob<EchoInput, never, { n: number; ran: number }>(async ({ n, end, throwLater, ms }) => {
  if (end) process.exit(3);
  if (throwLater) {
    setTimeout(() => {
      throw new Error('late failure');
    }, 0);
    return new Promise(() => {});
  }
  if (ms) await new Promise((r) => setTimeout(r, ms));
  ran++;
  return { n, ran };
});
