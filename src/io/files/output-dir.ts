import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../../errors.js';

/**
 * Makes sure `dir` is a writable folder, creating it (and missing parents) if needed, before any
 * work is done. Parents are created one at a time: Node's recursive mkdir spins forever on some
 * virtual file systems (/proc) instead of failing.
 */
export function prepareOutputDir(dir: string): void {
  const path = resolve(dir);
  const missing: string[] = [];
  let existing = path;
  for (;;) {
    const stat = statOrUndefined(existing);
    if (stat) {
      if (!stat.isDirectory())
        throw new InputError(
          existing === path ? 'is a file, not a folder' : 'a parent of the output folder is a file',
          {
            file: existing,
            hint: 'choose another --out folder',
          },
        );
      break;
    }
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  try {
    for (const folder of missing) mkdirSync(folder);
    accessSync(path, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`cannot create or write the output folder (${code})`, {
      file: dir,
      hint: 'choose another --out folder',
    });
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
