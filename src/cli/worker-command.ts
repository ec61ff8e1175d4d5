import { existsSync } from 'node:fs';
import type { JobSpec } from '../distributed/job-spec.js';
import { DEFAULT_LOCK_MS, shownUrl } from '../distributed/queue-connection.js';
import type { JobDone } from '../distributed/run-job.js';
import { startQueueWorker } from '../distributed/worker.js';
import { InputError, UNREADABLE_FILE } from '../errors.js';
import { startJobServer } from '../parallel/job-thread.js';
import type { CliIo } from './cli-io.js';
import { parseWorkerArgs } from './queue-args.js';
import type { QueueJob } from './queue-job.js';

/** The queue job's module beside this one: compiled (dist/cli) or, under the test runner, the source. */
const QUEUE_JOB = new URL(
  import.meta.url.endsWith('.ts') ? './queue-job.ts' : './queue-job.js',
  import.meta.url,
);

/**
 * `worker --queue URL`: takes the queue's jobs one at a time, on a thread of their own (the main
 * thread keeps the job's lock meanwhile), until a signal ends the process (its job, unfinished,
 * goes to another worker once its lock runs out).
 */
export async function workerCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseWorkerArgs(argv);
  const log = (line: string) => {
    if (!args.quiet) io.stderr.write(`funkatlas worker: ${line}\n`);
  };
  // One thread for all the jobs, one after another: each finds the code the last one compiled.
  const thread = startJobServer<QueueJob, JobDone>(QUEUE_JOB);
  await startQueueWorker(
    { url: args.queue, lockMs: args.lockSeconds === undefined ? DEFAULT_LOCK_MS : args.lockSeconds * 1000 },
    {
      run: (spec) => {
        enterFolder(spec);
        const job = { spec, ...(args.workers === undefined ? {} : { workers: args.workers }) };
        return thread.run(job);
      },
      log,
    },
  );
  log(`waiting for jobs on ${shownUrl(args.queue)}`);
  // A worker runs until a signal ends the process (cli/main.ts).
  return new Promise<number>(() => {});
}

/** The coordinator's folder, so the job's paths mean what they meant there (jobs run one at a time). */
function enterFolder(spec: JobSpec): void {
  if (!existsSync(spec.cwd))
    throw new InputError("the coordinator's folder does not exist on this machine", {
      value: spec.cwd,
      code: UNREADABLE_FILE,
      hint: 'mount the shared folder at the same path on every machine, or give the inputs as absolute paths',
    });
  process.chdir(spec.cwd);
}
