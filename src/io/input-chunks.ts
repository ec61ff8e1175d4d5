import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
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
    yield* fileChunks(
      createReadStream('', { fd: stream.fd, autoClose: false, highWaterMark: chunkBytes }),
      path,
    );
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
