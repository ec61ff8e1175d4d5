import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WrittenFile } from './atomic-write.js';

/** The list of files a run wrote, beside them: a forced run removes those of the last run it does not rewrite. */
export const MANIFEST_FILE = 'manifest.json';

export const MANIFEST_SCHEMA = 'funkatlas/manifest@1';

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  /** Every output of the run but the manifest itself, in writing order, `summary.json` last. */
  files: ({ name: string } & WrittenFile)[];
}

/**
 * The file names the folder's manifest lists, or none when there is no (readable) manifest. Only
 * plain names count: a manifest edited to point elsewhere (`../x`, `/etc/x`) removes nothing there.
 */
export function manifestFileNames(dir: string): string[] {
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
  } catch {
    return [];
  }
  if (manifest?.schema !== MANIFEST_SCHEMA || !Array.isArray(manifest.files)) return [];
  return manifest.files
    .map((f) => f?.name)
    .filter((name): name is string => typeof name === 'string' && isPlainName(name));
}

function isPlainName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && name !== MANIFEST_FILE && !name.includes('..');
}

/** The manifest's text. */
export function manifestText(files: Manifest['files']): string {
  const manifest: Manifest = { schema: MANIFEST_SCHEMA, files };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
