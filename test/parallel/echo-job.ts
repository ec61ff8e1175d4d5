// A job module for job-server.test.ts: echoes its input and counts the jobs this thread ran.
import { serveJob } from '../../src/parallel/job-thread.js';

let ran = 0;

serveJob<{ n: number; end?: boolean }, never, { n: number; ran: number }>(async ({ n, end }) => {
  if (end) process.exit(3); // on a worker thread: ends the thread mid-job
  ran++;
  return { n, ran };
});
