import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** The lock file a run holds in its output folder from its first check to its last rename. */
export const LOCK_FILE = '.funkatlas.lock';

/** What a lock file says about its holder. */
interface LockOwner {
  host: string;
  pid: number;
  started: string;
  /** Random: handed to a thread of the same run, it lets that thread write under the lock. */
  token: string;
}

/** A held lock; `release()` removes the lock file (once; later calls do nothing). */
export interface OutputLock {
  readonly path: string;
  readonly token: string;
  release(): void;
}

/** Locks this thread holds, by folder: taking one twice (the CLI, then writeOutputs) nests. */
const held = new Map<string, { lock: OutputLock; depth: number }>();

/**
 * Takes the output folder for this run: the lock file is created exclusively (O_EXCL), so of two
 * runs into one folder exactly one gets it; the other is refused with one line naming the lock.
 * A lock left by a dead process of this host is taken over; one of another host cannot be checked
 * and is refused with a hint. The folder must exist. `heldToken`: the token of a lock that another
 * thread of this run holds on the folder (the CLI's, for the thread that writes): then it is shared.
 */
export function lockOutputDir(dir: string, heldToken?: string): OutputLock {
  const key = resolve(dir);
  const mine = held.get(key);
  if (mine) {
    mine.depth++;
    return nested(key);
  }
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    const fd = tryCreate(path);
    if (fd !== undefined) {
      const token = randomBytes(16).toString('hex');
      try {
        const owner: LockOwner = {
          host: hostname(),
          pid: process.pid,
          started: new Date().toISOString(),
          token,
        };
        writeSync(fd, `${JSON.stringify(owner)}\n`);
      } finally {
        closeSync(fd);
      }
      let released = false;
      const lock: OutputLock = {
        path,
        token,
        release: () => {
          if (released) return;
          released = true;
          held.delete(key);
          rmSync(path, { force: true });
        },
      };
      held.set(key, { lock, depth: 1 });
      return nested(key);
    }
    const owner = readOwner(path);
    if (owner !== undefined && heldToken !== undefined && owner.token === heldToken)
      return { path, token: heldToken, release: () => {} };
    if (attempt === 0 && owner !== undefined && isStale(owner)) {
      rmSync(path, { force: true });
      continue;
    }
    throw new InputError('the output folder is in use by another run', {
      file: path,
      value: owner ?? 'unreadable lock file',
      hint:
        owner !== undefined && owner.host !== hostname()
          ? `wait for that run, or remove ${path} if no run on ${owner.host} is still going`
          : 'wait for that run to end, or choose another --out',
      code: 'output-locked',
    });
  }
}

/** Releases every lock this process holds (for signal handlers, where no finally runs). */
export function releaseAllLocks(): void {
  for (const { lock } of [...held.values()]) lock.release();
}

/** A handle on a held lock: the lock file goes when the outermost holder releases it. */
function nested(key: string): OutputLock {
  const entry = held.get(key) as { lock: OutputLock; depth: number };
  let released = false;
  return {
    path: entry.lock.path,
    token: entry.lock.token,
    release: () => {
      if (released) return;
      released = true;
      if (--entry.depth === 0) entry.lock.release();
    },
  };
}

function tryCreate(path: string): number | undefined {
  try {
    return openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`cannot create the lock file in the output folder (${code})`, {
      file: path,
      hint: 'choose another --out folder',
    });
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner?.host === 'string' && Number.isInteger(owner.pid))
      return {
        host: owner.host,
        pid: owner.pid as number,
        started: String(owner.started ?? ''),
        token: String(owner.token ?? ''),
      };
  } catch {
    // Being written right now, or not ours: not stale by anything we can tell.
  }
  return undefined;
}

/** A lock of this host whose process is gone (kill 0 tests existence without sending a signal). */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
