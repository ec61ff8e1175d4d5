import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { AtomicFileSet, removeStaleTempFiles } from '../io/files/atomic-write.js';
import { prepareOutputDir } from '../io/files/output-dir.js';
import { lockOutputDir } from '../io/files/output-lock.js';

/** One file of a planning command's output folder: its name and its content in chunks. */
export interface PlannedFile {
  name: string;
  chunks: Iterable<string | Uint8Array>;
}

/**
 * Writes the files into `out` all or nothing: the folder locked, each file to a temp file, then all
 * renamed; an existing file is refused unless `force`. Returns the paths written.
 */
export function writePlanningOutputs(out: string, force: boolean, files: readonly PlannedFile[]): string[] {
  prepareOutputDir(out);
  const lock = lockOutputDir(out);
  try {
    removeStaleTempFiles(out);
    const paths = files.map((f) => join(out, f.name));
    for (const path of paths)
      if (!force && existsSync(path))
        throw new InputError('output exists already', {
          file: path,
          hint: 'use --force to overwrite, or another --out',
        });
    const set = new AtomicFileSet();
    files.forEach((f, k) => {
      set.write(paths[k], f.chunks);
    });
    set.commit();
    return paths;
  } finally {
    lock.release();
  }
}

/** Refuses to overwrite without `force`: called before the work too, so a forgotten --force costs nothing. */
export function refuseExisting(out: string, names: readonly string[], force: boolean): void {
  if (force) return;
  for (const name of names) {
    const path = join(out, name);
    if (existsSync(path))
      throw new InputError('output exists already', {
        file: path,
        hint: 'use --force to overwrite, or another --out',
      });
  }
}
