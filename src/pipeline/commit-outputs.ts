import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { abortStaged, commitStaged, isTempFile, type StagedFile } from '../io/files/atomic-write.js';

/** Outputs written to temp files beside their targets, not yet in place (plain data: it may cross threads). */
export interface StagedOutputs {
  outDir: string;
  /** In writing order, `summary.json` and then `manifest.json` last. */
  files: StagedFile[];
  /** The last run's outputs this one does not write again: removed on commit. */
  stale: string[];
  /** Every output's path, as the summary text names them. */
  written: string[];
}

/**
 * Puts staged outputs in place: the old summary.json goes first (until the new set is in place none
 * claims the files complete), then the stale outputs, then the renames, summary.json and the
 * manifest last. On failure, the temp files not yet renamed are removed.
 */
export function commitOutputs(staged: StagedOutputs): void {
  const summary = join(staged.outDir, 'summary.json');
  ioStep(summary, 'summary.json was removed, so the outputs there are not a complete set', () => {
    try {
      rmSync(summary, { force: true });
      for (const path of staged.stale) rmSync(path, { force: true });
    } catch (error) {
      abortStaged(staged.files);
      throw error;
    }
    commitStaged(staged.files);
  });
}

export /** Runs a file-system step; its refusal (full disk, a folder where a file goes) becomes one line saying what state the outputs are in. */
function ioStep(path: string, state: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    const where = (error as NodeJS.ErrnoException).path ?? path;
    throw new InputError(`cannot write output (${code}); ${state}`, {
      file: isTempFile(where) ? path : where,
    });
  }
}
