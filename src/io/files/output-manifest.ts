import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WrittenFile } from './atomic-write.js';
import { digestOf } from './source.js';

/** The list of files a run wrote, beside them: a forced run removes those of the last run it does not rewrite. */
export const MANIFEST_FILE = 'manifest.json';

const MANIFEST_SCHEMA = 'funkatlas/manifest@1';

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  /** Every output of the run but the manifest itself, in writing order, `summary.json` last. */
  files: ({ name: string } & WrittenFile)[];
}

/**
 * The files of the folder's last run that may go: those its manifest lists, among `ours` (the names
 * funkatlas writes), still as that run wrote them (a regular file of the recorded size and sha256).
 * So an edited manifest (`../x`, `notes.txt`) or a file changed since (by hand, as an input) is kept.
 */
export function previousOutputs(dir: string, ours: readonly string[]): string[] {
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
  } catch {
    return [];
  }
  if (manifest?.schema !== MANIFEST_SCHEMA || !Array.isArray(manifest.files)) return [];
  return manifest.files
    .filter((f) => typeof f?.name === 'string' && ours.includes(f.name) && unchanged(join(dir, f.name), f))
    .map((f) => f.name);
}

function unchanged(path: string, recorded: WrittenFile): boolean {
  try {
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.size !== recorded.bytes) return false;
    return digestOf(readFileSync(path)).sha256 === recorded.sha256;
  } catch {
    return false;
  }
}

/** The manifest's text. */
export function manifestText(files: Manifest['files']): string {
  const manifest: Manifest = { schema: MANIFEST_SCHEMA, files };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
