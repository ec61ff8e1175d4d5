import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoPackageHistory } from '../../src/history/gpkg-history.js';
import { type HistoryRows, historyRows } from '../../src/history/history-rows.js';
import { multiPolygonWkb } from '../../src/history/wkb.js';
import { analyze } from '../../src/pipeline/analyze.js';
import type { AnalysisResult } from '../../src/pipeline/result.js';
import { HAS_GDAL, ogrinfo } from '../gdal.js';
import { HAND, tempDir } from '../helpers.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
const q4 = (year: number) => ({
  date: `${year}-12-31`,
  coverage: [`${SNAPSHOTS}coverage-${year}q4.geojson`],
});
const TABLES = [
  'runs',
  'run_inputs',
  'snapshots',
  'region_stats',
  'dead_zones',
  'goal_status',
  'region_geometry',
];

const analyzeYears = (...years: number[]) =>
  analyze({
    households: `${HAND}households.geojson`,
    snapshots: years.map(q4),
    regions: `${HAND}regions.geojson`,
    workers: 0,
  });

/** A history file of its own for a test. */
const fresh = () => {
  const path = join(tempDir(), 'history.gpkg');
  return { path, store: new GeoPackageHistory(path) };
};

/** Opens the file (rolling back a hot journal, as any writer does) for a look. */
function look<T>(path: string, see: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return see(db);
  } finally {
    db.close();
  }
}
const counts = (path: string) =>
  look(path, (db) =>
    Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()])),
  );

/** The rows as if the snapshot of `date` had come from a coverage file with another sha256. */
function otherCoverage(rows: HistoryRows, date: string, sha256: string): HistoryRows {
  return {
    ...rows,
    inputs: rows.inputs.map((i) => (i.snapshot_date === date ? { ...i, sha256 } : i)),
    snapshots: rows.snapshots.map((s) => (s.snapshot_date === date ? { ...s, coverage_sha256: sha256 } : s)),
  };
}

describe('the GeoPackage history', () => {
  let both: AnalysisResult;
  let rows: HistoryRows;
  let rows2023: HistoryRows;

  beforeAll(async () => {
    both = await analyzeYears(2023, 2024);
    rows = historyRows(both);
    rows2023 = historyRows(await analyzeYears(2023));
  });

  it('creates the file on first write: a GeoPackage of schema version 1, its layers registered, dead zones indexed', async () => {
    const { path, store } = fresh();
    expect(await store.write(rows, { force: false })).toEqual({
      added: ['2023-12-31', '2024-12-31'],
      rewritten: [],
      replaced: [],
    });
    expect(counts(path)).toEqual({
      runs: 1,
      run_inputs: 4,
      snapshots: 2,
      region_stats: 6,
      dead_zones: 7,
      goal_status: 6,
      region_geometry: 3,
    });
    look(path, (db) => {
      expect(db.pragma('application_id', { simple: true })).toBe(0x47504b47);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(db.prepare('SELECT version FROM funkatlas_schema_version').pluck().all()).toEqual([1]);
      const contents = db
        .prepare('SELECT table_name, data_type FROM gpkg_contents ORDER BY table_name')
        .all();
      expect(contents).toEqual(
        [
          ['dead_zones', 'features'],
          ['goal_status', 'attributes'],
          ['layer_styles', 'attributes'],
          ['region_geometry', 'features'],
          ['region_latest', 'features'],
          ['region_series', 'features'],
          ['region_stats', 'attributes'],
          ['run_inputs', 'attributes'],
          ['runs', 'attributes'],
          ['snapshots', 'attributes'],
        ].map(([table_name, data_type]) => ({ table_name, data_type })),
      );
      expect(db.prepare('SELECT count(*) FROM rtree_dead_zones_geom').pluck().get()).toBe(7);
      // The stored blob is the dead zone's: "GP", its envelope, then the row's WKB.
      const zone = rows.deadZones[0];
      const blob = db
        .prepare('SELECT geom FROM dead_zones WHERE snapshot_date = ? AND zone_id = ?')
        .pluck()
        .get(zone.snapshot_date, zone.zone_id) as Buffer;
      expect(blob.subarray(0, 2).toString('latin1')).toBe('GP');
      expect(blob.readInt32LE(4)).toBe(4326);
      expect(Buffer.from(blob.subarray(40)).equals(Buffer.from(zone.geom))).toBe(true);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });
  });

  it('writes the same run again without a row more (idempotent)', async () => {
    const { path, store } = fresh();
    await store.write(rows, { force: false });
    const first = counts(path);
    expect(await store.write(rows, { force: false })).toMatchObject({
      added: [],
      rewritten: ['2023-12-31', '2024-12-31'],
    });
    expect(counts(path)).toEqual(first);
  });

  it('appends a later snapshot and rewrites the one it has from the same coverage', async () => {
    const { path, store } = fresh();
    await store.write(rows2023, { force: false });
    expect(counts(path)).toMatchObject({ runs: 1, snapshots: 1, dead_zones: 4, region_geometry: 3 });
    expect(await store.write(rows, { force: false })).toEqual({
      added: ['2024-12-31'],
      rewritten: ['2023-12-31'],
      replaced: [],
    });
    // The regions file is the same: its outlines are kept once.
    expect(counts(path)).toMatchObject({
      runs: 2,
      snapshots: 2,
      region_stats: 6,
      dead_zones: 7,
      region_geometry: 3,
    });
    const latest = look(path, (db) =>
      db.prepare('SELECT DISTINCT snapshot_date FROM region_latest').pluck().all(),
    );
    expect(latest).toEqual(['2024-12-31']);
  });

  it('refuses the same date from other coverage, naming the date, the file and --force; with force replaces it', async () => {
    const { path, store } = fresh();
    await store.write(rows, { force: false });
    const other = otherCoverage(rows, '2024-12-31', 'f'.repeat(64));
    const refusal = await store.write(other, { force: false }).catch((e: Error) => e);
    expect(refusal).toMatchObject({ name: 'InputError' });
    const message = (refusal as Error).message;
    expect(message).toMatch(
      new RegExp(
        `^${path}: the history has a snapshot of 2024-12-31 from other coverage: .*coverage-2024q4\\.geojson \\(sha256 ffffffffffff…\\) is not among its coverage files — --force replaces the stored snapshot of 2024-12-31$`,
      ),
    );
    const stored = () =>
      look(path, (db) =>
        db.prepare("SELECT coverage_sha256 FROM snapshots WHERE snapshot_date = '2024-12-31'").pluck().get(),
      );
    expect(stored()).toBe(rows.snapshots[1].coverage_sha256);
    expect(await store.write(other, { force: true })).toMatchObject({ replaced: ['2024-12-31'] });
    expect(stored()).toBe('f'.repeat(64));
    expect(counts(path)).toMatchObject({ snapshots: 2, dead_zones: 7 });
  });

  it('leaves the previous history intact when the writing process is killed (SIGKILL) mid-transaction', async () => {
    const { path, store } = fresh();
    await store.write(rows2023, { force: false });
    const before = counts(path);
    // The write stops at its dead zones in a loop of SQL (no function of ours): the process is killed there.
    look(path, (db) =>
      db.exec(`CREATE TRIGGER slow BEFORE INSERT ON dead_zones BEGIN
        SELECT count(*) FROM (WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1e9) SELECT k FROM n);
      END`),
    );
    const rowsFile = join(tempDir(), 'rows.v8');
    // A region set of one large outline (~24 MB) before the dead zones: more than SQLite's page cache, so
    // pages reach the file itself before the kill and the journal must roll them back.
    const circle = Float64Array.from({ length: 2 * 1_500_001 }, (_, k) => {
      const angle = (((k >> 1) % 1_500_000) / 1_500_000) * 2 * Math.PI;
      return k % 2 === 0 ? 7 + Math.cos(angle) : 51 + Math.sin(angle);
    });
    const big = {
      ...rows.regionGeometry[0],
      regions_sha256: 'e'.repeat(64),
      geom: multiPolygonWkb([[circle]]),
    };
    writeFileSync(rowsFile, serialize({ ...rows, regionGeometry: [...rows.regionGeometry, big] }));
    const size = statSync(path).size;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./gpkg-kill-writer.ts', import.meta.url).pathname, path, rowsFile],
      { stdio: 'ignore' },
    );
    const exited = new Promise((done) => child.on('exit', done));
    // Pages of the unfinished write in the file itself: the journal must roll them back.
    await until(() => existsSync(`${path}-journal`) && statSync(path).size > size + 1_000_000, 30_000);
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(`${path}-journal`)).toBe(true);
    if (HAS_GDAL) {
      // GDAL opening it to update (no -ro) rolls the unfinished write back, as any writer does.
      // (GDAL 3.6 says "attempt to write a readonly database" once, from a read-only probe before it.)
      const gdal = spawnSync('ogrinfo', ['-so', path], { encoding: 'utf8' });
      expect(gdal.status).toBe(0);
      expect(gdal.stdout).toContain('1: dead_zones (Multi Polygon)');
      expect(existsSync(`${path}-journal`)).toBe(false);
      expect(ogrinfo('-so', path).stderr).toBe('');
    }
    look(path, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.exec('DROP TRIGGER slow');
    });
    expect(counts(path)).toEqual(before);
    expect(existsSync(`${path}-journal`)).toBe(false);
    expect((await store.read()).map((s) => s.date)).toEqual(['2023-12-31']);
    // Nothing is left locked: the next write goes through.
    expect(await store.write(rows, { force: false })).toMatchObject({ added: ['2024-12-31'] });
  }, 60_000);

  it('reads back every snapshot with its totals and regions', async () => {
    const { store } = fresh();
    expect(await store.read()).toEqual([]);
    await store.write(rows, { force: false });
    const stored = await store.read();
    expect(stored.map((s) => s.date)).toEqual(['2023-12-31', '2024-12-31']);
    stored.forEach((s, k) => {
      const { figures } = both.snapshots[k];
      expect(s.totals).toEqual(figures.totals);
      expect(s.regions).toEqual(figures.regionStats);
      expect(s.lteDeadZones.count).toBe(figures.deadZones.length);
      expect(s.coverageSha256).toEqual([both.snapshots[k].inputs.records[1].sha256]);
      expect(s.coveragePaths).toEqual([q4(2023 + k).coverage[0]]);
      expect(s.runId).toBe(rows.run.run_id);
    });
  });

  it('refuses a newer schema, a SQLite file that is no GeoPackage, and a file that is no database, in one line', async () => {
    const { path, store } = fresh();
    await store.write(rows2023, { force: false });
    look(path, (db) => db.exec('INSERT INTO funkatlas_schema_version VALUES (2, 0)'));
    await expect(store.write(rows, { force: false })).rejects.toThrow(
      `${path}: the history has schema version 2; this funkatlas writes version 1 — use a newer funkatlas for it`,
    );
    const plain = fresh();
    look(plain.path, (db) => db.exec('CREATE TABLE t (x)'));
    await expect(plain.store.write(rows, { force: false })).rejects.toThrow(
      `${plain.path}: the file is a SQLite database but no GeoPackage — name a new .gpkg file or an existing GeoPackage for the history`,
    );
    const text = fresh();
    writeFileSync(
      text.path,
      'not a database, but long enough to have a header of a hundred bytes or so. '.repeat(4),
    );
    const error = await text.store.write(rows, { force: false }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      new RegExp(`^${text.path}: cannot write the GeoPackage \\(SQLITE_NOTADB`),
    );
    expect((error as Error).message).not.toContain('\n');
  });

  it('adds its tables to an existing GeoPackage, unless one of their names is taken', async () => {
    const { path, store } = fresh();
    look(path, (db) => db.exec('CREATE TABLE gpkg_contents (table_name TEXT); CREATE TABLE runs (x)'));
    await expect(store.write(rows, { force: false })).rejects.toThrow(
      "the GeoPackage has a table runs that is not a funkatlas history's",
    );
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
