import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temp files are `.<name>.<random>.funkatlas-tmp`: unpredictable, so nothing can be planted there. */
const TEMP_SUFFIX = '.funkatlas-tmp';

/** A file written to its temp name, to be renamed over `path` (plain data: it may cross threads). */
export interface StagedFile {
  temp: string;
  path: string;
}

/** A file as staged: what a manifest records of it. */
export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/** Temp files being written right now, so an interrupted run can remove them. */
const pending = new Set<string>();

/**
 * Files written as a set: each goes to a temp file beside its target and is fsynced; only when all
 * are written are they renamed into place, in order (put the file whose presence means "complete"
 * last), and the folder fsynced. A failure before that leaves the old files untouched.
 */
export class AtomicFileSet {
  private readonly staged: StagedFile[] = [];

  /** Writes the chunks (text as UTF-8, or bytes) to a temp file for `path`; returns its size and sha256. */
  write(path: string, chunks: Iterable<string | Uint8Array>): WrittenFile {
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
    let fd = -1;
    const hash = createHash('sha256');
    let size = 0;
    try {
      // 'wx' (O_CREAT | O_EXCL) fails on anything already there, a symlink included: never follows one.
      fd = openSync(temp, 'wx');
      pending.add(temp);
      // Small chunks are gathered into writes of about 1 MB (one syscall per feature would be slow);
      // text is concatenated as text, which is cheaper than a Buffer per string.
      let text = '';
      let bytes: Uint8Array[] = [];
      let byteCount = 0;
      const flush = () => {
        if (text !== '') bytes.push(Buffer.from(text, 'utf8'));
        if (bytes.length > 0) {
          const block = bytes.length === 1 ? bytes[0] : Buffer.concat(bytes);
          writeAll(fd, block);
          hash.update(block);
          size += block.length;
        }
        text = '';
        bytes = [];
        byteCount = 0;
      };
      for (const chunk of chunks) {
        if (typeof chunk === 'string') {
          text += chunk;
        } else {
          if (text !== '') {
            const encoded = Buffer.from(text, 'utf8');
            bytes.push(encoded);
            byteCount += encoded.length;
            text = '';
          }
          bytes.push(chunk);
          byteCount += chunk.length;
        }
        if (text.length + byteCount >= 1 << 20) flush();
      }
      flush();
      fsyncSync(fd);
    } catch (error) {
      this.abort();
      // Only a file this run created: a failed exclusive open leaves what was there alone.
      if (pending.has(temp)) removeTemp(temp);
      throw error;
    } finally {
      if (fd !== -1) closeSync(fd);
    }
    this.staged.push({ temp, path });
    return { bytes: size, sha256: hash.digest('hex') };
  }

  /** Renames every temp file over its target, in the order written, then fsyncs their folders. */
  commit(): void {
    commitStaged(this.staged.splice(0));
  }

  /** The files staged so far, handed over to be committed elsewhere (`commitStaged`, another thread). */
  handOver(): StagedFile[] {
    const staged = this.staged.splice(0);
    for (const { temp } of staged) pending.delete(temp);
    return staged;
  }

  /** Removes the temp files not yet renamed. */
  abort(): void {
    abortStaged(this.staged.splice(0));
  }
}

/** Renames staged files over their targets, in order, then fsyncs their folders; on failure removes the rest. */
export function commitStaged(staged: readonly StagedFile[]): void {
  let done = 0;
  try {
    for (const { temp, path } of staged) {
      renameSync(temp, path);
      pending.delete(temp);
      done++;
    }
  } catch (error) {
    abortStaged(staged.slice(done));
    throw error;
  }
  for (const dir of new Set(staged.map((s) => dirname(s.path)))) syncDirectory(dir);
}

/** Removes staged temp files (a run that will not commit them). */
export function abortStaged(staged: readonly StagedFile[]): void {
  for (const { temp } of staged) removeTemp(temp);
}

/**
 * Removes the temp files a killed run left in `dir` (`kill -9` runs no clean-up). Call it only while
 * holding the folder's lock: then no other run can be writing there, so every temp file is stale.
 */
export function removeStaleTempFiles(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX) && !pending.has(join(dir, name)))
      rmSync(join(dir, name), { force: true });
}

/** Whether a path is one of our temp files (an error there is reported as its target's). */
export function isTempFile(path: string): boolean {
  return path.endsWith(TEMP_SUFFIX);
}

/** Removes every temp file still being written (for signal handlers). */
export function removePendingTempFiles(): void {
  for (const temp of pending) removeTemp(temp);
}

/** writeSync may write less than asked (a full pipe, a signal); loop until all is out. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

function removeTemp(temp: string): void {
  rmSync(temp, { force: true });
  pending.delete(temp);
}

/** Makes the renames durable; some file systems refuse to open a folder, which only costs durability. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory.
  }
}
