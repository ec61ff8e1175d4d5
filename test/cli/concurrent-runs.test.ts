import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { handArgs, outcome, spawnCli } from './run-cli.js';

/** Real processes: the lock is between processes (a lock's owner is a pid). */
const runProcess = (args: string[]) => outcome(spawnCli(args));

/** Every file the manifest lists has the bytes it says: the folder holds one run's complete set. */
function expectOneRunsSet(out: string): void {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  for (const f of manifest.files)
    expect(
      createHash('sha256')
        .update(readFileSync(join(out, f.name)))
        .digest('hex'),
    ).toBe(f.sha256);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const csv = readFileSync(join(out, 'regions.csv'), 'utf8');
  expect(csv.split('\n').length - 2).toBe(summary.regions.length);
}

describe('runs into one --out at once', () => {
  it('without --force: one writes, the others are refused in one line (lock or existing outputs)', async () => {
    for (let pair = 0; pair < 3; pair++) {
      const out = join(tempDir(), 'out');
      const runs = await Promise.all([0, 1, 2].map(() => runProcess(handArgs(out))));
      expect(runs.filter((r) => r.code === 0)).toHaveLength(1);
      for (const r of runs.filter((r) => r.code !== 0)) {
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/(in use by another run|output exists already)/);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      expectOneRunsSet(out);
    }
  }, 120_000);

  it('with --force: each run is refused or writes a whole set, never a mix', async () => {
    const out = join(tempDir(), 'out');
    const runs = await Promise.all(
      ['fgb', 'geojson', 'fgb'].map((f) => runProcess(handArgs(out, '--force', '--format', f))),
    );
    expect(runs.some((r) => r.code === 0)).toBe(true);
    for (const r of runs) expect([0, 2]).toContain(r.code);
    expectOneRunsSet(out);
    expect(existsSync(join(out, '.funkatlas.lock'))).toBe(false);
  }, 120_000);
});

describe('standard output', () => {
  it('full (/dev/full): one line, exit 2, the outputs are written', async () => {
    if (!existsSync('/dev/full')) return;
    const out = join(tempDir(), 'out');
    const full = openSync('/dev/full', 'w');
    const child = spawnCli(handArgs(out), { stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    const { code, stderr } = await outcome(child);
    expect(stderr).toBe('funkatlas: cannot write to standard output (ENOSPC)\n');
    expect(code).toBe(2);
    expectOneRunsSet(out);
  });

  it('closed by its reader (| head -0): no error, exit 0', async () => {
    const out = join(tempDir(), 'out');
    const child = spawnCli(handArgs(out), { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.destroy();
    const { code, stderr } = await outcome(child);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectOneRunsSet(out);
  });
});
