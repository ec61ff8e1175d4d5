import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handArgsWithCoverage, handSnapshot, outcome, runCli, spawnCli } from '../cli/run-cli.js';
import { HAND, tempDir } from '../helpers.js';
import { findPostgres, type PostgresServer, startPostgres } from './postgres-server.js';

const BIN = findPostgres();
const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
const q4 = handSnapshot;
const args = handArgsWithCoverage;

describe('--history from the CLI', () => {
  it('refuses, before any work, a .gpkg inside --out, an undated run, and a target of another kind', async () => {
    const out = join(tempDir(), 'out');
    const inside = await runCli(args(out, [q4(2024)], '--history', join(out, 'history.gpkg')));
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(
      /^funkatlas: field --history: the history file must not be inside the output folder/,
    );
    const undated = await runCli(args(out, [`${HAND}coverage.geojson`], '--history', 'postgresql://h/db'));
    expect(undated.code).toBe(2);
    expect(undated.stderr).toContain('--history needs dated snapshots — give each coverage file its date');
    const other = await runCli(args(out, [q4(2024)], '--history', 'history.sqlite'));
    expect(other.stderr).toContain('a history is a postgresql:// URL or a .gpkg file');
    for (const r of [inside, undated, other]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('a history it cannot reach: the outputs are written, one line says the history is not, exit code 2', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(args(out, [q4(2024)], '--history', 'postgresql://funk:secret@127.0.0.1:1/hist'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `funkatlas: the outputs in ${out} were written, but the history was not: cannot connect to postgresql://funk@127.0.0.1:1/hist (ECONNREFUSED) — check the host, port, database and user, and that the server is running\n`,
    );
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });
});

describe('--history interrupted', () => {
  it('a signal while the history is written: exit 130, the outputs written, the history said not to be', async () => {
    // A server that accepts and never answers: the run waits in the history step when the signal comes.
    const silent = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    try {
      const out = join(tempDir(), 'out');
      const child = spawnCli(args(out, [q4(2024)], '--history', `postgresql://funk@127.0.0.1:${port}/hist`));
      const done = outcome(child);
      let printed = '';
      child.stdout?.on('data', (chunk) => {
        printed += chunk;
      });
      const started = Date.now();
      while (!printed.includes('Goals as of') && Date.now() - started < 30_000)
        await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGINT');
      const { code, stderr } = await done;
      expect(code).toBe(130);
      expect(stderr).toBe(
        'funkatlas: interrupted (SIGINT) after the outputs were written; the history was not written (its transaction rolls back)\n',
      );
      expect(existsSync(join(out, 'summary.json'))).toBe(true);
    } finally {
      silent.close();
    }
  });
});

describe.skipIf(!BIN)('--history postgresql:// on a private server', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres(BIN as string);
    server.sql('postgres', 'CREATE DATABASE cli');
    server.sql('cli', 'CREATE EXTENSION postgis');
  });
  afterAll(() => server?.stop());

  it('writes the snapshots after the outputs; again with the same coverage; refuses other coverage without --force', async () => {
    const out = join(tempDir(), 'out');
    const url = server.url('cli');
    // --force replaces a stored snapshot too: the runs after the first write to folders of their own.
    const out2 = join(tempDir(), 'out');
    const shown = `postgresql://postgres@127.0.0.1:${server.port}/cli`;
    const first = await runCli(args(out, [q4(2023), q4(2024)], '--history', url));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`history: 2 snapshots written to ${shown} (2 new)\n`);
    const again = await runCli(args(out, [q4(2024)], '--history', url, '--force'));
    expect(again.stdout).toContain(
      `history: 1 snapshot written to ${shown} (1 rewritten from the same coverage)`,
    );
    // The 2023 coverage given as 2024's: the same date from other coverage.
    const other = await runCli(
      args(out2, [`2024-12-31=${SNAPSHOTS}coverage-2023q4.geojson`], '--history', url),
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      new RegExp(
        `^funkatlas: the outputs in ${out2} were written, but the history was not: ${shown}: the history has a snapshot of 2024-12-31 from other coverage: .*coverage-2023q4\\.geojson \\(sha256 [0-9a-f]{12}…\\) is not among its coverage files — --force replaces the stored snapshot of 2024-12-31\\n$`,
      ),
    );
    expect(server.sql('cli', 'SELECT count(*) FROM snapshots')).toBe('2');
    // A run that fails writes no history.
    const runs = server.sql('cli', 'SELECT count(*) FROM runs');
    const failed = await runCli([...args(join(tempDir(), 'out'), [q4(2025)], '--history', url)]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('coverage-2025q4.geojson');
    expect(server.sql('cli', 'SELECT count(*) FROM runs')).toBe(runs);
  });
});
