#!/usr/bin/env node
// The entry: the only code that touches the process (exit code, signals, stdout errors); the run is run.ts.
import { EXIT_INPUT, EXIT_INTERNAL, SIGNAL_EXIT, type Signal, startRun } from './run.js';

// Until the run has settled, any exit is a failure: a run must never end with 0 and no word, even if
// the event loop empties while a promise is still pending (it did, awaiting unref'ed workers).
let settled = false;
process.exitCode = EXIT_INTERNAL;

const cli = startRun(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

for (const signal of Object.keys(SIGNAL_EXIT) as Signal[])
  process.on(signal, () => process.exit(cli.interrupt(signal)));

// A closed or full stdout (`| head`, `> /dev/full`) comes as an 'error' event; the outputs are
// written by then. A reader that went away is no failure; a full disk is said in one line.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`funkatlas: cannot write to standard output (${error.code ?? error.message})\n`);
  process.exitCode = EXIT_INPUT;
});

process.on('beforeExit', () => {
  if (settled) return;
  settled = true;
  process.exit(cli.abandon());
});

cli.exitCode.then((code) => {
  settled = true;
  if (process.exitCode === EXIT_INTERNAL) process.exitCode = code;
});
