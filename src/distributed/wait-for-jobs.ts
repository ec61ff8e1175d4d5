import type { Job, Queue } from 'bullmq';
import { InputError } from '../errors.js';
import type { ProgressCallback } from '../pipeline/progress.js';
import { type JobSpec, jobName } from './job-spec.js';
import { INPUT_ERROR_PREFIX, reason } from './queue-connection.js';
import { QueueError } from './queue-error.js';

const POLL_MS = 100;
/** A poll that takes longer has failed: Redis gone mid-command must not hang the run. */
const POLL_TIMEOUT_MS = 2_000;
/** With no answer from Redis for this long the run fails (well within 10 s of the loss). */
const LOST_AFTER_MS = 5_000;
/** How long jobs may wait untaken before the progress line says no worker has taken one. */
const WORKER_NOTE_MS = 3_000;
const NO_JOB_RUNNING = 'no job running';
/** How often the slowest running job is said again while nothing else changes. */
const NOTE_EVERY_MS = 10_000;

interface Seen {
  state: string;
  processedOn?: number;
  stalled: number;
  attempts: number;
  failedReason?: string;
}

/**
 * Polls the run's jobs until every one is done: progress says jobs done of all, each retry, and
 * every few seconds the slowest running job. A job that failed on bad input fails the run with its
 * one-line error (an InputError); one that failed otherwise, or a queue that stops answering, fails
 * it with a QueueError.
 */
export async function waitForJobs(
  queue: Queue<JobSpec>,
  specs: readonly JobSpec[],
  ids: readonly string[],
  progress: ProgressCallback,
  connection: { url: string; lastError: () => string | undefined },
): Promise<void> {
  const { url } = connection;
  const total = ids.length;
  const last: Seen[] = ids.map(() => ({ state: 'waiting', stalled: 0, attempts: 0 }));
  let answered = Date.now();
  let noted = 0;
  let lastDone = -1;
  let saidWaiting = false;
  const begun = Date.now();
  for (;;) {
    let seen: Seen[];
    try {
      seen = await withTimeout(Promise.all(ids.map((id) => stateOf(queue, id))), POLL_TIMEOUT_MS);
      answered = Date.now();
    } catch (error) {
      if (Date.now() - answered > LOST_AFTER_MS)
        throw new QueueError(
          `lost the queue at ${url} (${connection.lastError() ?? reason(error)}): the run is abandoned, no outputs were written`,
        );
      await sleep(POLL_MS);
      continue;
    }
    seen.forEach((s, k) => {
      const name = jobName(specs[k]);
      if (s.state === 'missing')
        throw new QueueError(`${name} is gone from the queue at ${url} (removed by another client?)`);
      if (s.state === 'failed') {
        const why = s.failedReason ?? 'no reason given';
        if (why.startsWith(INPUT_ERROR_PREFIX)) {
          const message = why.slice(INPUT_ERROR_PREFIX.length);
          throw InputError.formatted(message, {}, message);
        }
        throw new QueueError(`${name} failed after ${s.attempts} tries: ${why}`);
      }
      if (s.stalled > last[k].stalled)
        progress({ stage: 'jobs', done: count(seen), total, note: `${name}: its worker stopped; retried` });
      else if (s.attempts > last[k].attempts && s.state !== 'completed')
        progress({
          stage: 'jobs',
          done: count(seen),
          total,
          note: `${name} failed (${s.failedReason}); retried`,
        });
    });
    last.splice(0, last.length, ...seen);
    const done = count(seen);
    if (done === total) {
      progress({ stage: 'jobs', done, total });
      return;
    }
    const running = slowest(seen, specs, Date.now() - begun);
    // Said at once when the jobs start waiting for a worker, not at the next change or 10 s on.
    const waiting = running.note?.startsWith(NO_JOB_RUNNING) === true;
    if (done !== lastDone || Date.now() - noted > NOTE_EVERY_MS || (waiting && !saidWaiting)) {
      progress({ stage: 'jobs', done, total, ...running });
      lastDone = done;
      noted = Date.now();
      saidWaiting = waiting;
    }
    await sleep(POLL_MS);
  }
}

async function stateOf(queue: Queue<JobSpec>, id: string): Promise<Seen> {
  // The state first, then the job: a job that fails in between is read with its reason, never as
  // failed with the data from before (no reason, no tries), which would hide bad input.
  const state = await queue.getJobState(id);
  const job: Job<JobSpec> | undefined = await queue.getJob(id);
  if (!job || state === 'unknown') return { state: 'missing', stalled: 0, attempts: 0 };
  return {
    state,
    ...(job.processedOn === undefined ? {} : { processedOn: job.processedOn }),
    stalled: job.stalledCounter ?? 0,
    attempts: job.attemptsMade,
    ...(job.failedReason ? { failedReason: job.failedReason } : {}),
  };
}

const count = (seen: readonly Seen[]) => seen.filter((s) => s.state === 'completed').length;

/**
 * The running job that started first, and how long it has run (a worker that died still holds it
 * until its lock runs out).
 */
function slowest(seen: readonly Seen[], specs: readonly JobSpec[], waited: number): { note?: string } {
  let pick = -1;
  seen.forEach((s, k) => {
    if (s.state !== 'active' || s.processedOn === undefined) return;
    if (pick < 0 || s.processedOn < (seen[pick].processedOn as number)) pick = k;
  });
  // Nothing running while jobs wait: no worker has taken one (none connected, or all busy elsewhere).
  // Said after a few seconds: idle workers take new jobs within a poll or two.
  if (pick < 0)
    return waited > WORKER_NOTE_MS ? { note: `${NO_JOB_RUNNING}: waiting for a worker on this queue` } : {};
  const seconds = (Date.now() - (seen[pick].processedOn as number)) / 1000;
  return { note: `slowest running: ${jobName(specs[pick])}, ${seconds.toFixed(0)} s` };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  promise.catch(() => {}); // a late failure after the timeout is no unhandled rejection
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
