import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { removeStaleTempFiles } from '../io/files/atomic-write.js';
import { prepareOutputDir } from '../io/files/output-dir.js';
import { lockOutputDir, type OutputLock } from '../io/files/output-lock.js';
import { MANIFEST_FILE } from '../io/files/output-manifest.js';
import { checkOutputCrs, type OutputChoice, outputFiles, resolvedChoice } from './output-choice.js';

/**
 * Refuses before any work is done: an output folder that cannot be made or written, one another run
 * holds, an existing output without `force`, or an output that is an input. Call it before the
 * analysis, so a long run does not end in a refusal. Creates the folder.
 */
export function checkOutputs(
  outDir: string,
  inputs: readonly string[],
  force = false,
  given: OutputChoice = {},
): void {
  claimOutputs(outDir, inputs, force, given).release();
}

/**
 * checkOutputs, keeping the folder's lock until `release()`: a run holds it from before its analysis
 * to its last rename, so no other run writes there meanwhile (and the checks stay true).
 */
export function claimOutputs(
  outDir: string,
  inputs: readonly string[],
  force = false,
  given: OutputChoice = {},
  heldLock?: string,
): OutputLock {
  const choice = resolvedChoice(given);
  checkOutputCrs(choice);
  prepareOutputDir(outDir);
  const lock = lockOutputDir(outDir, heldLock);
  try {
    removeStaleTempFiles(outDir);
    checkOutputPaths(outDir, inputs, force, choice);
    return lock;
  } catch (error) {
    lock.release();
    throw error;
  }
}

function checkOutputPaths(outDir: string, inputs: readonly string[], force: boolean, choice: OutputChoice) {
  const inputPaths = new Set(inputs.map(canonical));
  for (const name of [...outputFiles(choice.formats), MANIFEST_FILE]) {
    const path = join(outDir, name);
    if (inputPaths.has(canonical(path)))
      throw new InputError('an output would overwrite an input', {
        file: path,
        hint: 'choose another --out folder',
      });
    if (!force && existsSync(path))
      throw new InputError('output exists already', {
        file: path,
        hint: 'use --force to overwrite, or another --out',
      });
  }
}

/** A path as the file system resolves it (symlinks followed), to tell an output from an input. */
export function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
