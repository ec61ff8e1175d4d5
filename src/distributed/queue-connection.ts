import { InputError } from '../errors.js';
import { QueueError } from './queue-error.js';

/** The queue every coordinator and worker of funkatlas shares; jobs carry their run's id. */
export const QUEUE_NAME = 'funkatlas';

/** A job result whose message starts so was an InputError: the run fails with it, it is not retried. */
export const INPUT_ERROR_PREFIX = 'input error: ';

/** Where the queue is and how stalled jobs are found (both sides must agree on nothing else). */
export interface QueueSettings {
  /** redis://HOST:PORT/N (rediss:// with TLS). */
  url: string;
  /** How long a worker's hold on a job lasts unrenewed: a killed worker's job is retried after it (ms). */
  lockMs?: number;
}

export const DEFAULT_LOCK_MS = 30_000;

/** The jobs' results folder inside the output folder, unless `--queue-dir` names another. */
export const JOBS_FOLDER = '.funkatlas-jobs';

/** Checks `--queue`'s value: a Redis URL with a host; the database number is optional. */
export function checkQueueUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('not a URL', { field, value, hint: 'e.g. redis://127.0.0.1:6379/0' });
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new InputError('the queue must be a redis:// or rediss:// URL', {
      field,
      value,
      hint: 'e.g. redis://127.0.0.1:6379/0',
    });
  if (url.hostname === '' || !/^(\/\d*)?$/.test(url.pathname))
    throw new InputError('the queue URL needs a host and at most a database number', {
      field,
      value,
      hint: 'e.g. redis://127.0.0.1:6379/0',
    });
  return value;
}

/** The URL without its password, for messages. */
export function shownUrl(value: string): string {
  const url = new URL(value);
  if (url.password !== '') url.password = '***';
  return url.toString();
}

type BullMq = typeof import('bullmq');
type Redis = import('ioredis').Redis;

/** BullMQ and a connection, loaded on first use: a run without --queue never loads them. */
export async function openConnection(
  settings: QueueSettings,
  role: 'coordinator' | 'worker',
): Promise<{ bullmq: BullMq; redis: Redis; lastError: () => string | undefined }> {
  const [bullmq, { Redis }] = await Promise.all([import('bullmq'), import('ioredis')]);
  const redis = new Redis(settings.url, {
    // BullMQ's blocking worker commands must wait for the server; the coordinator's polls time out instead.
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    connectTimeout: 5_000,
    lazyConnect: true,
    // A worker waits for Redis to come back; a coordinator stops trying after a few seconds.
    retryStrategy: (times) => (role === 'worker' || times < 10 ? Math.min(200 * times, 1_000) : null),
  });
  // Said by the command that fails (ioredis would log each retry), in the socket's words.
  let last: string | undefined;
  redis.on('error', (error) => {
    last = reason(error);
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new QueueError(`cannot reach the queue at ${shownUrl(settings.url)}: ${last ?? reason(error)}`);
  }
  return { bullmq, redis, lastError: () => last };
}

/** An error's message in a few words (ioredis says "connect ECONNREFUSED 127.0.0.1:6390"). */
export function reason(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n')[0];
}
