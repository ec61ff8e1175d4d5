import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileDigest } from '../files/source.js';

/**
 * The digest of a whole file, streamed: a raster is read block by block in no particular order (and
 * not every byte of it), so its bytes are hashed in one sequential pass of their own.
 */
export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
