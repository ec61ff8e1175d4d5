import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temp files being written right now, so an interrupted run can remove them. */
const pending = new Set<string>();

/**
 * Writes the chunks to a temp file beside `path`, fsyncs it, then renames it over `path`:
 * a reader sees the old file or the whole new one, never half of it.
 */
export function writeFileAtomic(path: string, chunks: Iterable<string>): void {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  pending.add(temp);
  let fd = -1;
  try {
    fd = openSync(temp, 'w');
    let buffered = '';
    for (const chunk of chunks) {
      buffered += chunk;
      if (buffered.length >= 1 << 20) {
        writeSync(fd, buffered);
        buffered = '';
      }
    }
    if (buffered.length > 0) writeSync(fd, buffered);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(temp, path);
    pending.delete(temp);
  } catch (error) {
    if (fd !== -1) closeSync(fd);
    removeTemp(temp);
    throw error;
  }
}

/** Removes every temp file still being written (for signal handlers). */
export function removePendingTempFiles(): void {
  for (const temp of pending) removeTemp(temp);
}

function removeTemp(temp: string): void {
  rmSync(temp, { force: true });
  pending.delete(temp);
}
