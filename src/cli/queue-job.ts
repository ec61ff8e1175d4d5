// A queue job's work, on a thread of its own (see cli/worker-command.ts): the worker's main thread
// keeps renewing the job's lock with Redis meanwhile, however long a synchronous read takes.

import type { JobSpec } from '../distributed/job-spec.js';
import { type JobDone, runJob } from '../distributed/run-job.js';
import { isInputError } from '../errors.js';
import { serveJob } from '../parallel/job-thread.js';
import { keepPools } from '../parallel/pool.js';
import { forCli } from './flag-names.js';

export interface QueueJob {
  spec: JobSpec;
  /** Threads for the job (analyze's --workers); undefined: the default. */
  workers?: number;
}

// Job after job on this thread: each finds the last one's worker threads, their code compiled.
keepPools();

serveJob<QueueJob, never, JobDone>(({ spec, workers }) =>
  runJob(spec, workers).catch((error: unknown) => {
    throw isInputError(error) ? forCli(error) : error;
  }),
);
