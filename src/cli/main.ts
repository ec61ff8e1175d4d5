#!/usr/bin/env node
import { existsSync, readdirSync, rmdirSync } from 'node:fs';
import { isInputError } from '../errors.js';
import { resolveCrs } from '../geometry/crs.js';
import { removePendingTempFiles } from '../io/atomic-write.js';
import { analyze } from '../pipeline/analyze.js';
import { toolInfo } from '../pipeline/tool-version.js';
import { checkOutputs, writeOutputs } from '../pipeline/write-outputs.js';
import { parseCommand } from './args.js';
import { progressReporter } from './progress-reporter.js';
import { summaryText } from './summary-text.js';
import { USAGE } from './usage.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;

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
  const outputs = {
    formats: a.outputFormats,
    outputCrs: a.outputCrs === undefined ? undefined : resolveCrs(a.outputCrs, { field: '--output-crs' }),
  };
  if (!existsSync(a.out)) createdOutDir = a.out;
  checkOutputs(a.out, [a.households, ...a.coverage, a.regions], a.force, outputs);
  const onProgress = a.quiet ? undefined : progressReporter(process.stderr);
  const result = await analyze({
    households: a.households,
    coverage: a.coverage,
    regions: a.regions,
    regionId: a.regionId,
    regionName: a.regionName,
    workers: a.workers,
    householdsFormat: a.householdsFormat,
    coverageFormat: a.coverageFormat,
    regionsFormat: a.regionsFormat,
    read: {
      invalid: a.invalid,
      inputCrs: a.inputCrs === undefined ? undefined : resolveCrs(a.inputCrs, { field: '--input-crs' }),
      householdSize: a.householdSize,
      thresholds: a.thresholds,
      maxSkipped: a.maxSkipped,
    },
    onProgress,
  });
  const written = writeOutputs(result, a.out, { ...outputs, force: a.force, onProgress });
  if (!a.quiet)
    for (const w of result.summary.warnings) process.stderr.write(`funkatlas: warning: ${w.message}\n`);
  process.stdout.write(`${summaryText(result, a.out, written)}\n`);
  return EXIT_OK;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUp();
    process.stderr.write(`funkatlas: interrupted (${signal}); no partial outputs were left\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** The --out folder this run made, removed again if the run ends without writing into it. */
let createdOutDir: string | undefined;

function cleanUp(): void {
  removePendingTempFiles();
  if (createdOutDir === undefined) return;
  try {
    if (readdirSync(createdOutDir).length === 0) rmdirSync(createdOutDir);
  } catch {
    // Best effort: a folder we cannot list or remove is left as it is.
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
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
