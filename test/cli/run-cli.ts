import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';

import { run } from '../../src/cli/run.js';
import { JOB_BUNDLE } from '../bundle-job.js';
import { DATA, HAND } from '../helpers.js';

/** Inputs that replace the hand-built scenario's in `handArgsWith`. */
export interface HandInputs {
  households?: string;
  coverage?: string;
  regions?: string;
}

/** `analyze` on the hand-built scenario (test/fixtures/hand) into `out`, quiet, then `extra`. */
export const handArgs = (out: string, ...extra: string[]) => handArgsWith({}, out, ...extra);

/** handArgs with some of the scenario's inputs replaced. */
export const handArgsWith = (inputs: HandInputs, out: string, ...extra: string[]) => [
  'analyze',
  '--households',
  inputs.households ?? `${HAND}households.geojson`,
  '--coverage',
  inputs.coverage ?? `${HAND}coverage.geojson`,
  '--regions',
  inputs.regions ?? `${HAND}regions.geojson`,
  '--out',
  out,
  '--quiet',
  ...extra,
];

/** The hand-built scenario's coverage at the end of a year (test/fixtures/golden/hand-snapshots has 2023 and 2024), dated. */
export const handSnapshot = (year: number) =>
  `${year}-12-31=${new URL(`../fixtures/golden/hand-snapshots/in/coverage-${year}q4.geojson`, import.meta.url).pathname}`;

/** `analyze` on the hand-built households and regions with these `--coverage` values, quiet, then `extra`. */
export const handArgsWithCoverage = (out: string, coverage: readonly string[], ...extra: string[]) => [
  'analyze',
  '--households',
  `${HAND}households.geojson`,
  ...coverage.flatMap((c) => ['--coverage', c]),
  '--regions',
  `${HAND}regions.geojson`,
  '--out',
  out,
  '--quiet',
  ...extra,
];

/** The real CLI as a child process (signals, pipes, stdin): collect its outcome with `outcome`. */
export function spawnCli(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], { timeout: 120_000, ...options });
}

/** A child's exit code and its stdout and stderr (those it pipes), once it has closed. */
export function outcome(child: ChildProcess): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** `analyze` on the embedded default scenario (data/, as `npm start`) into `out`, then `extra`. */
export const defaultScenarioArgs = (out: string, ...extra: string[]) =>
  defaultScenarioArgsWith({}, out, ...extra);

/** defaultScenarioArgs with other households. */
export const defaultScenarioArgsWith = (inputs: { households?: string }, out: string, ...extra: string[]) => [
  'analyze',
  '--households',
  inputs.households ?? `${DATA}households.csv.gz`,
  '--coverage',
  `${DATA}coverage-synthetic.geojson.gz`,
  '--regions',
  `${DATA}kreise.geojson`,
  '--region-id',
  'AGS',
  '--region-name',
  'GN',
  '--out',
  out,
  ...extra,
];

/** What a run printed and the exit code it settled with. */
export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI and its job as test/bundle-job.ts (vitest's global setup) bundled them from the source. */
const MAIN = new URL('main.js', JOB_BUNDLE).pathname;
const JOB_MODULE = new URL('analyze-job.js', JOB_BUNDLE);

/** The CLI in this process, through `run(argv, io)`: its job still runs on a thread of its own. */
export async function runCli(args: string[]): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    args,
    {
      stdout: {
        write: (text: string) => {
          stdout += text;
        },
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
        },
      },
    },
    { jobModule: JOB_MODULE },
  );
  return { code, stdout, stderr };
}

/** runCli under its older name: in process, so many runs can go at once. */
export const runCliAsync = runCli;

/** The real CLI as a process, from source, as a user would start it: for exit codes and process behaviour. */
export function runCliProcess(args: string[]): CliOutcome {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
