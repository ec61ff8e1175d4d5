import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { handArgs, runCli } from './run-cli.js';

describe('--profile', () => {
  it('prints each stage and each thread busy share on stderr, and nothing else changes', async () => {
    const r = await runCli([...handArgs(join(tempDir(), 'out')), '--profile', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('funkatlas: where the time went');
    expect(r.stderr).toMatch(/stage +ms +analysis thread +worker 1/);
    expect(r.stderr).toMatch(/read inputs \(coverage on the pool\) +\d+ +\d+ % +\d+ %/);
    expect(r.stderr).toMatch(/whole analysis +\d+/);
    expect(r.stdout).toContain('Goals (undated coverage');
  });
});
