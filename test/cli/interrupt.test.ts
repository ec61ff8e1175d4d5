import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAND, tempDir } from '../helpers.js';
import { defaultScenarioArgs, handArgsWith, outcome, runCli, spawnCli } from './run-cli.js';

describe('interrupted and oversized runs', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s mid-run exits %i and leaves no output and no temp file',
    async (signal, code) => {
      const out = join(tempDir(), 'out');
      const child = spawnCli(defaultScenarioArgs(out, '--quiet'));
      const done = outcome(child);
      // Once it has started reading (the output folder exists by then), interrupt it.
      const started = Date.now();
      while (!existsSync(out) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
      child.kill(signal);
      const { code: exit, stderr } = await done;
      expect(exit).toBe(code);
      expect(stderr).toContain(`interrupted (${signal}); no partial outputs were left`);
      // The folder was made by this run and is empty: it goes too.
      expect(existsSync(out)).toBe(false);
    },
    60_000,
  );

  it('acts on a signal at once, even in the middle of a long synchronous read', async () => {
    const dir = tempDir();
    const households = join(dir, 'households.geojson');
    // ~100 MB of GeoJSON points: parsing and checking them takes seconds on one thread.
    const feature = (k: number) =>
      `{"type":"Feature","properties":{"households":2},"geometry":{"type":"Point","coordinates":[${7 + (k % 1000) / 1000},${51 + Math.floor(k / 1000) / 1000}]}}`;
    const parts: string[] = [];
    for (let k = 0; k < 1_000_000; k++) parts.push(feature(k));
    writeFileSync(households, `{"type":"FeatureCollection","features":[${parts.join(',')}]}`);
    const out = join(dir, 'out');
    const child = spawnCli(handArgsWith({ households }, out));
    const done = outcome(child);
    const started = Date.now();
    while (!existsSync(out) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 400));
    const sent = Date.now();
    child.kill('SIGINT');
    const { code } = await done;
    expect(code).toBe(130);
    // Seconds went by before: the handler waited for the read to finish.
    expect(Date.now() - sent).toBeLessThan(2_000);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('refuses a GeoJSON larger than a string can hold before reading it', async () => {
    const dir = tempDir();
    const huge = join(dir, 'huge.geojson');
    writeFileSync(huge, '');
    truncateSync(huge, 0x20000000); // sparse: 512 MiB of nothing, on no disk
    const started = Date.now();
    const r = await runCli([
      'analyze',
      '--households',
      `${HAND}households.geojson`,
      '--coverage',
      huge,
      '--regions',
      `${HAND}regions.geojson`,
      '--out',
      join(dir, 'out'),
      '--quiet',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /huge.geojson: file is 536870912 bytes, more than the \d+ this reader can hold in memory — use a streamed format/,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
