import { spawn, spawnSync } from 'node:child_process';

import { DATA, HAND } from '../helpers.js';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** `analyze` on the hand-built scenario (test/fixtures/hand) into `out`, quiet, then `extra`. */
export const handArgs = (out: string, ...extra: string[]) => [
  'analyze',
  '--households',
  `${HAND}households.geojson`,
  '--coverage',
  `${HAND}coverage.geojson`,
  '--regions',
  `${HAND}regions.geojson`,
  '--out',
  out,
  '--quiet',
  ...extra,
];

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
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
