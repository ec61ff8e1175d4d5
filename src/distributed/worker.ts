import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { isInputError, UNREADABLE_FILE } from '../errors.js';
import { type JobSpec, jobName } from './job-spec.js';
import {
  DEFAULT_LOCK_MS,
  INPUT_ERROR_PREFIX,
  openConnection,
  QUEUE_NAME,
  type QueueSettings,
  reason,
} from './queue-connection.js';
import type { JobDone } from './run-job.js';

/** What the worker does with a job (the CLI runs it on a thread of its own) and where it says so. */
export interface WorkerHooks {
  run(spec: JobSpec): Promise<JobDone>;
  log(line: string): void;
}

/** A worker taking jobs one at a time until closed. */
export interface QueueWorker {
  close(): Promise<void>;
}

/**
 * Takes the queue's jobs one at a time. A job whose input is bad fails at once, unretried
 * (BullMQ's UnrecoverableError); any other failure is retried; a worker that dies leaves its job
 * locked until `lockMs` has passed, then another worker's stalled check hands it out again.
 */
export async function startQueueWorker(settings: QueueSettings, hooks: WorkerHooks): Promise<QueueWorker> {
  const { bullmq, redis } = await openConnection(settings, 'worker');
  const lockMs = settings.lockMs ?? DEFAULT_LOCK_MS;
  const worker = new bullmq.Worker<JobSpec, JobDone>(
    QUEUE_NAME,
    async (job) => {
      const name = jobName(job.data);
      const attempt = job.attemptsStarted;
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      /** This machine does not see the shared folder: retried elsewhere, or on the last try the run's error. */
      const notShared = (problem: string) => {
        const where = `on ${hostname()}: ${problem}`;
        const why = 'this machine cannot read it: is the shared folder mounted at the same path?';
        hooks.log(`${name}: ${where} (${why}); ${lastTry ? 'no tries left' : 'retried'}`);
        return lastTry ? new bullmq.UnrecoverableError(`${INPUT_ERROR_PREFIX}${where}`) : new Error(where);
      };
      // No coordinator's folder here: a machine not sharing it (the run's folder is then missing too).
      if (!existsSync(job.data.cwd))
        throw notShared(`the coordinator's folder ${job.data.cwd} does not exist`);
      // The coordinator removes its run's folder when it ends or is stopped: a job left behind stops.
      if (!existsSync(job.data.dir)) {
        hooks.log(`${name}: its run ended (no ${job.data.dir}): not run`);
        throw new bullmq.UnrecoverableError('the run was abandoned: its jobs folder is gone');
      }
      hooks.log(`${name}: started${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      try {
        const done = await hooks.run(job.data);
        hooks.log(`${name}: done in ${done.seconds.toFixed(2)} s`);
        return done;
      } catch (error) {
        if (!existsSync(job.data.dir)) {
          // Its run ended meanwhile (stopped, or Redis lost): what failed was writing into its folder.
          hooks.log(`${name}: its run ended while it ran: dropped`);
          throw new bullmq.UnrecoverableError('the run was abandoned: its jobs folder is gone');
        }
        // Another machine may see the shared folder this one does not.
        if (isInputError(error) && error.where.code === UNREADABLE_FILE) throw notShared(error.message);
        if (!isInputError(error)) {
          hooks.log(`${name}: failed: ${reason(error)}`);
          throw error;
        }
        hooks.log(`${name}: ${error.message} (bad input: not retried)`);
        throw new bullmq.UnrecoverableError(`${INPUT_ERROR_PREFIX}${error.message}`);
      }
    },
    {
      connection: redis,
      concurrency: 1,
      lockDuration: lockMs,
      // Checked twice per lock time: a dead worker's job goes out again within 1.5 × lockMs.
      stalledInterval: Math.max(500, Math.round(lockMs / 2)),
      maxStalledCount: 3,
    },
  );
  let lastError = '';
  worker.on('error', (error) => {
    // ioredis repeats the same error on each reconnect attempt: each new one is said once.
    const text = reason(error);
    if (text !== lastError) hooks.log(`queue: ${text}`);
    lastError = text;
  });
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      redis.disconnect();
    },
  };
}
