import { randomUUID } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { inputChunks } from './input-chunks.js';

const CHUNK_BYTES = 8 << 20;

/**
 * Writes the bytes a reader of `path` sees (gunzipped when gzipped, with the same checks and
 * errors) to `into`: under a temporary name, then renamed, so it is there whole or not at all.
 */
export async function inflateFile(path: string, into: string): Promise<void> {
  const temp = `${into}.${randomUUID()}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    for await (const chunk of inputChunks(path, CHUNK_BYTES, {}))
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, into);
}
