import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GeoPackageHistory } from '../../src/history/gpkg-history.js';
import { handArgsWithCoverage, handSnapshot, runCli } from '../cli/run-cli.js';
import { HAS_GDAL, ogrinfo } from '../gdal.js';
import { tempDir } from '../helpers.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
const q4 = handSnapshot;
const args = handArgsWithCoverage;
const count = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  } finally {
    db.close();
  }
};

describe('--history FILE.gpkg from the CLI', () => {
  it('writes both snapshots after the outputs; again with the same coverage; refuses other coverage without --force', async () => {
    const history = join(tempDir(), 'hist.gpkg');
    const out = join(tempDir(), 'out');
    const first = await runCli(args(out, [q4(2023), q4(2024)], '--history', history));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`history: 2 snapshots written to ${history} (2 new)\n`);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    expect([
      count(history, 'snapshots'),
      count(history, 'region_stats'),
      count(history, 'dead_zones'),
    ]).toEqual([2, 6, 7]);
    if (HAS_GDAL) {
      const layers = ogrinfo('-so', history);
      expect(layers.stderr).toBe('');
      expect(layers.stdout).toContain('1: dead_zones (Multi Polygon)');
    }

    const again = await runCli(args(out, [q4(2024)], '--history', history, '--force'));
    expect(again.stdout).toContain(
      `history: 1 snapshot written to ${history} (1 rewritten from the same coverage)`,
    );
    expect(count(history, 'dead_zones')).toBe(7);

    // The 2023 coverage given as 2024's: the same date from other coverage.
    const out2 = join(tempDir(), 'out');
    const other = await runCli(
      args(out2, [`2024-12-31=${SNAPSHOTS}coverage-2023q4.geojson`], '--history', history),
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      new RegExp(
        `^funkatlas: the outputs in ${out2} were written, but the history was not: ${history}: the history has a snapshot of 2024-12-31 from other coverage: .*coverage-2023q4\\.geojson \\(sha256 [0-9a-f]{12}…\\) is not among its coverage files — --force replaces the stored snapshot of 2024-12-31\\n$`,
      ),
    );
    const forced = await runCli(
      args(out2, [`2024-12-31=${SNAPSHOTS}coverage-2023q4.geojson`], '--history', history, '--force'),
    );
    expect(forced.stdout).toContain(
      `history: 1 snapshot written to ${history} (2024-12-31 replaced (--force))`,
    );
    const stored = await new GeoPackageHistory(history).read();
    expect(stored.map((s) => [s.date, s.coveragePaths])).toEqual([
      ['2023-12-31', [`${SNAPSHOTS}coverage-2023q4.geojson`]],
      ['2024-12-31', [`${SNAPSHOTS}coverage-2023q4.geojson`]],
    ]);
  });

  it('refuses, before any work, a history file in a folder that does not exist', async () => {
    const out = join(tempDir(), 'out');
    const history = join(tempDir(), 'no-such-folder', 'hist.gpkg');
    const r = await runCli(args(out, [q4(2024)], '--history', history));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `funkatlas: field --history: the history file's folder does not exist (value: ${JSON.stringify(history)}) — create the folder or name a file in an existing one\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a history file it cannot write: the outputs are written, one line says the history is not, exit code 2', async () => {
    const out = join(tempDir(), 'out');
    // A file that is no SQLite database.
    const history = join(tempDir(), 'hist.gpkg');
    writeFileSync(history, 'not a database, but long enough for SQLite to read its header. '.repeat(4));
    const r = await runCli(args(out, [q4(2024)], '--history', history));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^funkatlas: the outputs in ${out} were written, but the history was not: ${history}: cannot write the GeoPackage \\(SQLITE_NOTADB: [^\\n]*\\) — it is no SQLite database: name a new file or an existing GeoPackage\\n$`,
      ),
    );
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });
});
