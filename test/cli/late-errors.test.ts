import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { defaultScenarioArgsWith, outcome, spawnCli } from './run-cli.js';

/** `rows` good household rows over NRW, then one bad row: the error comes as late as the file allows. */
async function lateErrorCsv(path: string, rows: number, badRow: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('lon,lat,households\n');
  let seed = rows;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let k = 0; k < rows; k += 10_000) {
    let block = '';
    for (let i = k; i < Math.min(rows, k + 10_000); i++)
      block += `${(6 + 3 * random()).toFixed(5)},${(50.5 + 1.5 * random()).toFixed(5)},2\n`;
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end(`${badRow}\n`);
  await new Promise<void>((resolve) => out.on('close', () => resolve()));
}

const args = (households: string, out: string) => defaultScenarioArgsWith({ households }, out, '--quiet');

// An error found once the worker was done indexing and idle ended the run with exit 0 and no word
// (Node let the process exit while the pool's threads ended; 3 M rows did it): a real process each,
// early, around that moment, and after.
describe('an input error found late', () => {
  it.each([
    [1_000, '7.0,51.0,-3', /line 1002, field households: .*\(value: "-3"\)/],
    [300_000, '7.0,north,2', /line 300002, field lat: /],
    [3_000_000, '7.0,51.0,1.5', /line 3000002, field households: .*\(value: "1.5"\)/],
  ])(
    'after %i good rows exits 2 with its one line and leaves no --out',
    async (rows, bad, message) => {
      const dir = tempDir();
      const households = join(dir, 'late.csv');
      await lateErrorCsv(households, rows, bad);
      const out = join(dir, 'out');
      const r = await outcome(spawnCli(args(households, out)));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    },
    120_000,
  );
});
