import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError, UNREADABLE_FILE } from '../../errors.js';

/** Names of standard input: `-`, as in most command-line tools, and the device paths for fd 0 (opening them fails for a socket). */
const STDIN_NAMES = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

export function isStdin(path: string): boolean {
  return STDIN_NAMES.has(path);
}

/**
 * Whether an input is read front to back once (stdin, a FIFO, a character device like /dev/zero):
 * its size is unknown and it cannot be read at an offset or twice.
 */
export function isStream(path: string): boolean {
  if (isStdin(path)) return true;
  try {
    const stat = statSync(path);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

/** An open stream input and the bytes already taken from it for sniffing its format. */
interface OpenStream {
  fd: number;
  head: Buffer;
  ended: boolean;
}

/** A stream can be read once: the bytes sniffed for its format wait here for its reader. */
const opened = new Map<string, OpenStream>();

function openStream(path: string): OpenStream {
  const key = isStdin(path) ? '-' : path;
  let stream = opened.get(key);
  if (!stream) {
    stream = { fd: isStdin(path) ? 0 : openInput(path), head: Buffer.alloc(0), ended: false };
    opened.set(key, stream);
  }
  return stream;
}

/** Opens a file for reading, with a one-line error naming the reason. */
export function openInput(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw unreadableFile(path, error);
  }
}

/** A file that is missing or cannot be read, as one line (its code: a queue worker may see it another machine does not). */
export function unreadableFile(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(
    code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})`,
    {
      file: path,
      code: UNREADABLE_FILE,
    },
  );
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** readSync at the current position; waits out EAGAIN (a non-blocking pipe with nothing in it yet). */
function readSome(fd: number, buffer: Buffer, path: string): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(sleeper, 0, 0, 2);
      else if (code === 'EOF') return 0;
      else throw new InputError(`cannot read file (${code ?? String(error)})`, { file: path });
    }
  }
}

/** The first bytes of an input (up to `n`), without consuming them: a stream keeps them for its reader. */
export function peekInput(path: string, n: number): Buffer {
  if (!isStream(path)) {
    const fd = openInput(path);
    try {
      const buffer = Buffer.alloc(n);
      return buffer.subarray(0, readSync(fd, buffer, 0, n, 0));
    } finally {
      closeSync(fd);
    }
  }
  const stream = openStream(path);
  while (stream.head.length < n && !stream.ended) {
    const buffer = Buffer.allocUnsafe(n - stream.head.length);
    const got = readSome(stream.fd, buffer, path);
    if (got === 0) stream.ended = true;
    else stream.head = Buffer.concat([stream.head, buffer.subarray(0, got)]);
  }
  return stream.head.subarray(0, n);
}

/**
 * Takes a stream input for reading: its fd and the bytes sniffed from it so far. A second take of
 * the same stream (stdin given for two inputs) is refused: its bytes went to the first.
 */
export function takeStream(path: string): { fd: number; head: Buffer; ended: boolean } {
  const stream = openStream(path);
  if (stream.fd < 0)
    throw new InputError('this stream was already read for another input', {
      file: path,
      hint: 'give standard input (-) for one input only',
    });
  const taken = { ...stream };
  // Standard input stays marked as read; a FIFO or device is opened again by its next reader.
  if (isStdin(path)) {
    stream.fd = -1;
    stream.head = Buffer.alloc(0);
  } else opened.delete(path);
  return taken;
}

/** Closes what `takeStream` gave, except standard input (not ours to close). */
export function closeStream(fd: number): void {
  if (fd > 2) closeSync(fd);
}

/**
 * An input's bytes in chunks, read synchronously front to back: the bytes of a stream sniffed
 * earlier first. Never asks the size (a FIFO or /dev/zero has none), so callers guard by bytes read.
 */
export function* readChunksSync(path: string, chunkBytes: number): Generator<Buffer> {
  const stream = isStream(path)
    ? takeStream(path)
    : { fd: openInput(path), head: Buffer.alloc(0), ended: false };
  try {
    if (stream.head.length > 0) yield stream.head;
    if (stream.ended) return;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      const got = readSome(stream.fd, buffer, path);
      if (got === 0) return;
      yield buffer.subarray(0, got);
    }
  } finally {
    closeStream(stream.fd);
  }
}
