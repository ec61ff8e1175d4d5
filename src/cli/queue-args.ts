import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkQueueUrl, JOBS_FOLDER } from '../distributed/queue-connection.js';
import { InputError } from '../errors.js';

/** `analyze`'s queue flags: run as jobs on the queue at `queue` (redis://HOST:PORT/N). */
export interface QueueArgs {
  queue?: string;
  /** `--queue-dir DIR`: the shared folder for the jobs' results (default OUT/.funkatlas-jobs). */
  queueDir?: string;
  /** `--job-regions N`: regions per share job (default: one share per worker connected at the start). */
  jobRegions?: number;
  /** `--job-mb N`: MiB of a CSV household file per reading job, about (default 16; at most one job per share). */
  jobMb?: number;
}

export const QUEUE_FLAGS = {
  queue: { type: 'string' },
  'queue-dir': { type: 'string' },
  'job-regions': { type: 'string' },
  'job-mb': { type: 'string' },
} as const;

/** The queue flags' values, checked; --queue-dir and --job-regions need --queue. */
export function parseQueueFlags(values: Record<string, unknown>): QueueArgs {
  const queue = values.queue as string | undefined;
  const queueDir = values['queue-dir'] as string | undefined;
  const jobRegions = values['job-regions'] as string | undefined;
  const jobMb = values['job-mb'] as string | undefined;
  for (const [flag, value] of [
    ['--queue-dir', queueDir],
    ['--job-regions', jobRegions],
    ['--job-mb', jobMb],
  ] as const)
    if (value !== undefined && queue === undefined)
      throw new InputError(`${flag} applies with --queue`, {
        field: flag,
        value,
        hint: 'add --queue redis://HOST:PORT/N',
      });
  if (queue === undefined) return {};
  return {
    queue: checkQueueUrl(queue, '--queue'),
    ...(queueDir === undefined ? {} : { queueDir }),
    ...(jobRegions === undefined ? {} : { jobRegions: positiveInteger(jobRegions, '--job-regions') }),
    ...(jobMb === undefined ? {} : { jobMb: positiveNumber(jobMb, '--job-mb') }),
  };
}

/** `run`'s queue flags (`--queue URL`, `--queue-dir DIR`, `--job-regions N`, `--job-mb N`) taken out of its arguments, checked. */
export function takeQueueFlag(given: readonly string[]): { argv: readonly string[]; queue?: QueueArgs } {
  const values: Record<string, string> = {};
  const taken = new Set<number>();
  for (const flag of ['queue', 'queue-dir', 'job-regions', 'job-mb']) {
    const at = given.indexOf(`--${flag}`);
    if (at < 0) continue;
    values[flag] = given[at + 1] ?? '';
    taken.add(at).add(at + 1);
  }
  if (taken.size === 0) return { argv: given };
  return { argv: given.filter((_, k) => !taken.has(k)), queue: parseQueueFlags(values) };
}

/** `worker --queue URL [--workers N] [--lock-seconds S] [--quiet]`. */
export interface WorkerArgs {
  queue: string;
  /** Threads per job (as analyze's --workers). */
  workers?: number;
  /** How long a dead worker's job stays locked before another takes it (default 30). */
  lockSeconds?: number;
  quiet: boolean;
}

export function parseWorkerArgs(argv: readonly string[]): WorkerArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        queue: { type: 'string' },
        workers: { type: 'string' },
        'lock-seconds': { type: 'string' },
        quiet: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new InputError((error as Error).message.split('\n')[0], { hint: 'run funkatlas --help' });
  }
  if (values.queue === undefined)
    throw new InputError('missing --queue', { hint: 'funkatlas worker --queue redis://HOST:PORT/N' });
  const workers = values.workers as string | undefined;
  const lock = values['lock-seconds'] as string | undefined;
  return {
    queue: checkQueueUrl(values.queue as string, '--queue'),
    ...(workers === undefined ? {} : { workers: positiveInteger(workers, '--workers', 0) }),
    ...(lock === undefined ? {} : { lockSeconds: positiveInteger(lock, '--lock-seconds') }),
    quiet: values.quiet === true,
  };
}

function positiveInteger(value: string, flag: string, min = 1): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw new InputError(`${flag} must be an integer of at least ${min}`, { field: flag, value });
  return n;
}

function positiveNumber(value: string, flag: string): number {
  const n = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(n > 0) || !Number.isFinite(n))
    throw new InputError(`${flag} must be a number above 0`, { field: flag, value, hint: 'e.g. 16' });
  return n;
}

/** What a run on the queue does not do yet: refused before any work, in one line. */
export function checkQueueable(args: { queue?: string; margin?: readonly number[] }): void {
  if (args.queue !== undefined && args.margin !== undefined)
    throw new InputError('--margin is not run on a queue', {
      field: '--margin',
      value: args.margin.join(','),
      hint: 'run it without --queue',
    });
}

/**
 * With --queue: the run's id and the folder its jobs write to, chosen on the CLI's main thread so a
 * signal there removes it (late jobs then find it gone and stop): OUT/.funkatlas-jobs as a whole, or
 * the run's own folder in --queue-dir.
 */
export function queueRunFolder(args: {
  queue?: string;
  queueDir?: string;
  out: string;
}): { run: string; dir: string; removed: string } | undefined {
  if (args.queue === undefined) return undefined;
  const run = randomUUID();
  const base = resolve(args.queueDir ?? join(args.out, JOBS_FOLDER));
  const dir = resolve(base, run);
  return { run, dir, removed: args.queueDir === undefined ? base : dir };
}
