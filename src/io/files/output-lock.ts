import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readlinkSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../errors.js';

/** The lock file a run holds in its output folder from its first check to its last rename. */
export const LOCK_FILE = '.funkatlas.lock';

/** Held while one run takes over a stale lock, so two runs cannot both take it over. */
const TAKEOVER_FILE = '.funkatlas.lock.takeover';

/** A lock or takeover file no one could read this long after it was made is a dead run's. */
const UNREADABLE_STALE_MS = 10_000;

/** What a lock file says about its holder. */
interface LockOwner {
  host: string;
  pid: number;
  /** The pid namespace (Linux): a pid says nothing across containers that share a host name. */
  pidns: string;
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

/** Locks this thread holds, for a signal handler to release. */
const held = new Set<OutputLock>();

/**
 * Takes the output folder for this run: the lock file is created exclusively (O_EXCL), so of two
 * runs into one folder exactly one gets it; the other is refused with one line naming the lock.
 * A lock left by a dead process of this host (and pid namespace) is taken over; one of another
 * host cannot be checked and is refused with a hint; so is a second claim in this process (two
 * library runs at once). The folder must exist. `heldToken`: the token of the lock this run holds
 * on the folder (the CLI's, for the thread that writes): then it is shared.
 */
export function lockOutputDir(dir: string, heldToken?: string): OutputLock {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    const fd = tryCreate(path, path);
    if (fd !== undefined) return hold(path, fd);
    const owner = readOwner(path);
    if (owner !== undefined && heldToken !== undefined && owner.token === heldToken)
      return { path, token: heldToken, release: () => {} };
    if (attempt < 2 && (owner === undefined ? isOld(path) : isStale(owner)) && takeOver(dir, path, owner))
      continue;
    throw new InputError('the output folder is in use by another run', {
      file: path,
      value: owner ?? 'unreadable lock file',
      hint:
        owner === undefined
          ? `wait for that run to end; if none is going, remove ${path}`
          : owner.host !== hostname() || owner.pidns !== pidNamespace()
            ? `wait for that run, or remove ${path} if no run on ${owner.host} is still going`
            : 'wait for that run to end, or choose another --out',
      code: 'output-locked',
    });
  }
}

/** Releases every lock this process holds (for signal handlers, where no finally runs). */
export function releaseAllLocks(): void {
  for (const lock of [...held]) lock.release();
}

/** Writes our name into the lock file just created; a lock file we could not fill is removed again. */
function hold(path: string, fd: number): OutputLock {
  const token = randomBytes(16).toString('hex');
  const owner: LockOwner = {
    host: hostname(),
    pid: process.pid,
    pidns: pidNamespace(),
    started: new Date().toISOString(),
    token,
  };
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } catch (error) {
    rmSync(path, { force: true });
    throw new InputError(`cannot write the lock file (${(error as NodeJS.ErrnoException).code ?? error})`, {
      file: path,
      hint: 'free space in the output folder, or choose another --out',
    });
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
      held.delete(lock);
      rmSync(path, { force: true });
    },
  };
  held.add(lock);
  return lock;
}

/**
 * Removes a stale lock while holding the takeover file, after checking again that it is the same
 * stale lock: without that, a run that saw the old lock could remove the one a faster run just made.
 */
function takeOver(dir: string, path: string, stale: LockOwner | undefined): boolean {
  const guard = join(dir, TAKEOVER_FILE);
  let fd = tryCreate(guard, path);
  if (fd === undefined && isOld(guard)) {
    rmSync(guard, { force: true });
    fd = tryCreate(guard, path);
  }
  if (fd === undefined) return false;
  try {
    const now = readOwner(path);
    const same = stale === undefined ? now === undefined && isOld(path) : now?.token === stale.token;
    if (same) rmSync(path, { force: true });
    return same;
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}

function tryCreate(path: string, lockPath: string): number | undefined {
  try {
    return openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`cannot create the lock file in the output folder (${code})`, {
      file: lockPath,
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
        pidns: String(owner.pidns ?? ''),
        started: String(owner.started ?? ''),
        token: String(owner.token ?? ''),
      };
  } catch {
    // Being written right now, or not ours: see isOld.
  }
  return undefined;
}

/** A file made more than UNREADABLE_STALE_MS ago (a lock is filled within microseconds of its making). */
function isOld(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > UNREADABLE_STALE_MS;
  } catch {
    return false;
  }
}

/**
 * A lock of this host and pid namespace whose process is gone (kill 0 tests it without a signal).
 * The one place outside cli/ that asks the process: a lock is about processes, its own and others'.
 */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname() || owner.pidns !== pidNamespace()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

let namespace: string | undefined;

/** `pid:[4026531836]` on Linux; empty where there is no /proc (then the host name alone decides). */
function pidNamespace(): string {
  if (namespace === undefined) {
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      namespace = '';
    }
  }
  return namespace;
}
