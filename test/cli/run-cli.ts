import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';

import { DATA, HAND } from '../helpers.js';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

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

/** The real CLI as a child process (signals, pipes, stdin): collect its outcome with `outcome`. */
export function spawnCli(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { timeout: 120_000, ...options });
}

/** A child's exit code and its stdout and stderr (those it pipes), once it has closed. */
export function outcome(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
export const defaultScenarioArgs = (out: string, ...extra: string[]) => [
  'analyze',
  '--households',
  `${DATA}households.csv.gz`,
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

/** Runs the real CLI from source, as a user would (a real command line, a real process). */
export function runCli(args: string[], options: { cwd?: string } = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** runCli without blocking, so many runs can go at once. */
export function runCliAsync(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return outcome(spawnCli(args));
}
