import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** Size and sha256 of a file as it is on disk, so a result can be traced to its exact input. */
export function fileInfo(path: string): { sha256: string; bytes: number } {
  const bytes = statSync(path).size;
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  return { sha256, bytes };
}
