import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { InputError, type InputErrorWhere } from '../errors.js';
import { threadFlags } from './thread-flags.js';

/**
 * A thread's Worker arguments for the module at `entry`: the compiled .js as it is, or (under the
 * test runner) the .ts source through tsx, which a worker can only `require`: a small CommonJS file
 * does that. `data` reaches the thread as its workerData.
 */
export function threadEntry(
  entry: URL,
  data: Record<string, unknown> = {},
): ConstructorParameters<typeof Worker> {
  if (!entry.pathname.endsWith('.ts')) {
    const execArgv = threadFlags();
    return [entry, { workerData: data, ...(execArgv ? { execArgv } : {}) }];
  }
  return [
    new URL('./worker-from-source.cjs', import.meta.url),
    { execArgv: ['--import', 'tsx'], workerData: { ...data, entry: fileURLToPath(entry) } },
  ];
}

/** An error as it was sent across threads. */
export interface SentError {
  name: string;
  message: string;
  stack?: string;
  where?: InputErrorWhere;
  problem?: string;
}

/** The error again on this side: an InputError stays one, with its place; anything else keeps its stack. */
export function errorFrom(sent: SentError): Error {
  if (sent.name === 'InputError') return InputError.formatted(sent.message, sent.where, sent.problem);
  const error = new Error(sent.message);
  error.name = sent.name;
  if (sent.stack) error.stack = sent.stack;
  return error;
}
