import { createHash } from 'node:crypto';
import { createReadStream, read } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../errors.js';
import { closeStream, isStream, takeStream } from './input-stream.js';
import { checkInputFile, type FileDigest, isGzipped } from './source.js';

/**
 * An input's bytes as a stream of chunks, gunzipped on the way when gzipped: memory stays bounded
 * by the chunk size whatever the file (or a gzip bomb) decompresses to. The digest is of the bytes
 * as read (compressed), set in `digest` once the last chunk was taken.
 */
export async function* inputChunks(
  path: string,
  chunkBytes: number,
  digest: { value?: FileDigest },
): AsyncGenerator<Buffer> {
  checkInputFile(path);
  const hash = createHash('sha256');
  let bytes = 0;
  const raw = rawChunks(path, chunkBytes);
  const first = await raw.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  async function* hashed(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for await (const chunk of raw) yield chunk;
  }
  const tap = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of hashed()) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  };
  if (!isGzipped(path, head)) {
    yield* tap();
  } else {
    const gunzip = createGunzip({ chunkSize: Math.max(64, Math.min(chunkBytes, 1 << 20)) });
    pipeline(Readable.from(tap()), gunzip, () => {});
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`not a valid gzip file (${(error as Error).message})`, { file: path });
    } finally {
      gunzip.destroy();
    }
  }
  digest.value = { sha256: hash.digest('hex'), bytes };
}

/** The bytes as they are on disk (or in the pipe): bytes sniffed earlier first. */
async function* rawChunks(path: string, chunkBytes: number): AsyncGenerator<Buffer> {
  if (!isStream(path)) {
    yield* fileChunks(createReadStream(path, { highWaterMark: chunkBytes }), path);
    return;
  }
  const stream = takeStream(path);
  try {
    if (stream.head.length > 0) yield stream.head;
    if (stream.ended) return;
    const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, 1 << 20));
    for (;;) {
      const got = await readAsync(stream.fd, buffer, path);
      if (got === 0) return;
      // Copied out: the caller may keep a chunk while this buffer is read into again.
      yield Buffer.from(buffer.subarray(0, got));
    }
  } finally {
    closeStream(stream.fd);
  }
}

async function* fileChunks(
  stream: AsyncIterable<unknown> & { destroy(): void },
  path: string,
): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read file (${code ?? (error as Error).message})`, { file: path });
  } finally {
    stream.destroy();
  }
}

const readFd = promisify(read);

/** One read at the current position; waits out EAGAIN (a non-blocking pipe with nothing in it yet). */
async function readAsync(fd: number, buffer: Buffer, path: string): Promise<number> {
  for (;;) {
    try {
      return (await readFd(fd, buffer, 0, buffer.length, null)).bytesRead;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') await new Promise((resolve) => setTimeout(resolve, 2));
      else if (code === 'EOF') return 0;
      else throw new InputError(`cannot read file (${code ?? String(error)})`, { file: path });
    }
  }
}
