#!/usr/bin/env node
import { existsSync, readdirSync, rmdirSync } from 'node:fs';
import { isInputError } from '../errors.js';
import { resolveCrs } from '../geometry/crs.js';
import { removePendingTempFiles, removeStaleTempFiles } from '../io/files/atomic-write.js';
import { releaseAllLocks } from '../io/files/output-lock.js';
import { startJobThread } from '../parallel/job-thread.js';
import type { Progress } from '../pipeline/progress.js';
import { toolInfo } from '../pipeline/tool-version.js';
import { claimOutputs, commitOutputs } from '../pipeline/write-outputs.js';
import type { AnalyzeJob, AnalyzeJobResult } from './analyze-job.js';
import { parseCommand } from './args.js';
import { progressReporter } from './progress-reporter.js';
import { USAGE } from './usage.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;

/** The job's module beside this one: compiled (dist/cli) or, under the test runner, the source. */
const ANALYZE_JOB = new URL(
  import.meta.url.endsWith('.ts') ? './analyze-job.ts' : './analyze-job.js',
  import.meta.url,
);

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (command.name === 'version') {
    process.stdout.write(`${toolInfo().version}\n`);
    return EXIT_OK;
  }
  const a = command.args;
  // Flags refused here, before any work, not after a thread has started.
  for (const [flag, value] of [
    ['--input-crs', a.inputCrs],
    ['--households-crs', a.householdsCrs],
    ['--coverage-crs', a.coverageCrs],
    ['--regions-crs', a.regionsCrs],
  ] as const)
    if (value !== undefined) resolveCrs(value, { field: flag });
  const outputs = {
    formats: a.outputFormats,
    outputCrs: a.outputCrs === undefined ? undefined : resolveCrs(a.outputCrs, { field: '--output-crs' }),
  };
  if (a.outputCrs !== undefined && !a.outputFormats.includes('fgb') && !a.quiet)
    process.stderr.write(
      `funkatlas: note: --output-crs applies to FlatGeobuf outputs (--format geojson,fgb); GeoJSON stays lon/lat (RFC 7946)\n`,
    );
  if (!existsSync(a.out)) createdOutDir = a.out;
  // The folder is this run's from here to the last rename: a second run into it is refused.
  const lock = claimOutputs(a.out, [a.households, ...a.coverage, a.regions], a.force, outputs);
  lockedOutDir = a.out;
  try {
    // The work runs on a thread of its own: this one stays free to act on a signal at once, even
    // while the work is deep in a synchronous read, and lives until the work has settled.
    const onProgress = a.quiet ? () => {} : progressReporter(process.stderr);
    const job = startJobThread<AnalyzeJob, Progress, AnalyzeJobResult>(
      ANALYZE_JOB,
      { args: a, lockToken: lock.token },
      onProgress,
    );
    const { staged, text, warnings } = await job.done;
    // On this thread, in one synchronous step: a signal is handled before it or after it.
    commitOutputs(staged);
    committed = true;
    if (!a.quiet) for (const warning of warnings) process.stderr.write(`funkatlas: warning: ${warning}\n`);
    process.stdout.write(`${text}\n`);
  } finally {
    // A job that failed may have left temp files: they go while the folder is still ours.
    if (!committed) removeStaleTempFiles(a.out);
    lock.release();
    lockedOutDir = undefined;
  }
  return EXIT_OK;
}

/** Exit codes of a run ended by a signal: 128 + its number, as shells report them. */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
  process.on(signal, () => {
    cleanUp();
    process.stderr.write(
      committed
        ? `funkatlas: interrupted (${signal}) after the outputs were written\n`
        : `funkatlas: interrupted (${signal}); no partial outputs were left\n`,
    );
    process.exit(SIGNAL_EXIT[signal]);
  });
}

// A closed or full stdout (`| head`, `> /dev/full`) comes as an 'error' event; the outputs are
// written by then. A reader that went away is no failure; a full disk is said in one line.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`funkatlas: cannot write to standard output (${error.code ?? error.message})\n`);
  process.exitCode = EXIT_INPUT;
});

/** Whether this run's outputs are in place (a signal after that has nothing to undo). */
let committed = false;
/** The --out folder this run made, removed again if the run ends without writing into it. */
let createdOutDir: string | undefined;
/** The --out folder whose lock this run holds: no other run writes there, so its temp files are ours. */
let lockedOutDir: string | undefined;

function cleanUp(): void {
  removePendingTempFiles();
  if (lockedOutDir !== undefined) removeStaleTempFiles(lockedOutDir);
  releaseAllLocks();
  if (createdOutDir === undefined) return;
  try {
    if (readdirSync(createdOutDir).length === 0) rmdirSync(createdOutDir);
  } catch {
    // Best effort: a folder we cannot list or remove is left as it is.
  }
}

// Until main() has settled, any exit is a failure: a run must never end with 0 and no word, even if
// the event loop empties while a promise is still pending (it did, awaiting unref'ed workers).
let settled = false;
process.exitCode = EXIT_INTERNAL;
process.on('beforeExit', () => {
  if (settled) return;
  settled = true;
  cleanUp();
  process.stderr.write(
    'funkatlas: internal error (a bug, please report it): the run stopped before it finished\n',
  );
  process.exit(EXIT_INTERNAL);
});

main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    if (process.exitCode === EXIT_INTERNAL) process.exitCode = code;
  },
  (error: unknown) => {
    settled = true;
    cleanUp();
    if (isInputError(error)) {
      process.stderr.write(`funkatlas: ${error.message}\n`);
      process.exitCode = EXIT_INPUT;
    } else {
      process.stderr.write(
        `funkatlas: internal error (a bug, please report it):\n${(error as Error)?.stack ?? String(error)}\n`,
      );
      process.exitCode = EXIT_INTERNAL;
    }
  },
);
