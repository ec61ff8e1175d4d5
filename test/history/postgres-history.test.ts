import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HistoryRows, historyRows } from '../../src/history/history-rows.js';
import { PostgresHistory, readHistory } from '../../src/history/postgres-history.js';
import { analyze } from '../../src/pipeline/analyze.js';
import type { AnalysisResult } from '../../src/pipeline/result.js';
import { HAND, tempDir } from '../helpers.js';
import { findPostgres, type PostgresServer, startPostgres } from './postgres-server.js';

const BIN = findPostgres();
if (!BIN)
  console.warn('funkatlas tests: PostgreSQL with PostGIS not found, skipping the PostgreSQL history tests');

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
const q4 = (year: number) => ({
  date: `${year}-12-31`,
  coverage: [`${SNAPSHOTS}coverage-${year}q4.geojson`],
});
const TABLES = ['runs', 'run_inputs', 'snapshots', 'region_stats', 'dead_zones', 'goal_status'];

const analyzeYears = (...years: number[]) =>
  analyze({
    households: `${HAND}households.geojson`,
    snapshots: years.map(q4),
    regions: `${HAND}regions.geojson`,
    workers: 0,
  });

describe.skipIf(!BIN)('the PostgreSQL/PostGIS history', () => {
  let server: PostgresServer;
  let both: AnalysisResult;
  let rows2023: HistoryRows;
  let rows: HistoryRows;
  let databases = 0;

  /** A database of its own for a test, with PostGIS. */
  const freshDatabase = (postgis = true) => {
    const name = `h${++databases}`;
    // A copy of a database with PostGIS is faster than CREATE EXTENSION in each.
    server.sql('postgres', `CREATE DATABASE ${name} TEMPLATE ${postgis ? 'with_postgis' : 'template1'}`);
    return { name, url: server.url(name), store: new PostgresHistory(server.url(name)) };
  };
  const counts = (database: string) =>
    Object.fromEntries(TABLES.map((t) => [t, Number(server.sql(database, `SELECT count(*) FROM ${t}`))]));

  beforeAll(async () => {
    server = await startPostgres(BIN as string);
    server.sql('postgres', 'CREATE DATABASE with_postgis');
    server.sql('with_postgis', 'CREATE EXTENSION postgis');
    both = await analyzeYears(2023, 2024);
    rows = historyRows(both);
    rows2023 = historyRows(await analyzeYears(2023));
  });
  afterAll(() => server?.stop());

  it('creates the schema on first use: version 1, dead zones as MultiPolygon in EPSG:4326 with a GiST index', async () => {
    const { name, store } = freshDatabase();
    expect(await store.write(rows, { force: false })).toEqual({
      added: ['2023-12-31', '2024-12-31'],
      rewritten: [],
      replaced: [],
    });
    expect(server.sql(name, 'SELECT version FROM funkatlas_schema_version')).toBe('1');
    expect(
      server.sql(name, `SELECT type, srid FROM geometry_columns WHERE f_table_name = 'dead_zones'`),
    ).toBe('MULTIPOLYGON|4326');
    expect(server.sql(name, `SELECT indexdef FROM pg_indexes WHERE indexname = 'dead_zones_geom'`)).toMatch(
      /USING gist \(geom\)/,
    );
    expect(counts(name)).toEqual({
      runs: 1,
      run_inputs: 4,
      snapshots: 2,
      region_stats: 6,
      dead_zones: 7,
      goal_status: 6,
    });
    // The stored geometry is the dead zone's: its area in km² as PostGIS measures it on the spheroid.
    const [zone] = both.snapshots[1].figures.deadZones;
    const area = Number(
      server.sql(
        name,
        `SELECT ST_Area(geom::geography) / 1e6 FROM dead_zones WHERE snapshot_date = '2024-12-31' AND zone_id = '${rows.deadZones.find((z) => z.snapshot_date === '2024-12-31')?.zone_id}'`,
      ),
    );
    expect(area).toBeCloseTo(zone.area_km2, 2);
  });

  it('writes the same run again without a row more (idempotent)', async () => {
    const { name, store } = freshDatabase();
    await store.write(rows, { force: false });
    const first = counts(name);
    expect(await store.write(rows, { force: false })).toMatchObject({
      added: [],
      rewritten: ['2023-12-31', '2024-12-31'],
    });
    expect(counts(name)).toEqual(first);
  });

  it('appends a later snapshot and rewrites the one it has from the same coverage', async () => {
    const { name, store } = freshDatabase();
    await store.write(rows2023, { force: false });
    expect(counts(name)).toMatchObject({ runs: 1, snapshots: 1, dead_zones: 4 });
    expect(await store.write(rows, { force: false })).toEqual({
      added: ['2024-12-31'],
      rewritten: ['2023-12-31'],
      replaced: [],
    });
    expect(counts(name)).toMatchObject({ runs: 2, snapshots: 2, region_stats: 6, dead_zones: 7 });
  });

  it('refuses the same date from other coverage, naming the date, the file and --force; with force replaces it', async () => {
    const { name, store } = freshDatabase();
    await store.write(rows, { force: false });
    const other = otherCoverage(rows, '2024-12-31', 'f'.repeat(64));
    const refusal = await store.write(other, { force: false }).catch((e: Error) => e);
    expect(refusal).toBeInstanceOf(Error);
    const message = (refusal as Error).message;
    expect(message).toMatch(
      /^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/h\d+: the history has a snapshot of 2024-12-31 from other coverage: /,
    );
    expect(message).toContain('coverage-2024q4.geojson (sha256 ffffffffffff…)');
    expect(message).toContain('--force');
    expect(message).not.toContain('\n');
    expect(server.sql(name, `SELECT coverage_sha256 FROM snapshots WHERE snapshot_date = '2024-12-31'`)).toBe(
      rows.snapshots[1].coverage_sha256,
    );
    expect(await store.write(other, { force: true })).toMatchObject({ replaced: ['2024-12-31'] });
    expect(server.sql(name, `SELECT coverage_sha256 FROM snapshots WHERE snapshot_date = '2024-12-31'`)).toBe(
      'f'.repeat(64),
    );
    expect(counts(name)).toMatchObject({ snapshots: 2, dead_zones: 7 });
  });

  it('leaves the previous history intact when a statement fails midway (one transaction)', async () => {
    const { name, store } = freshDatabase();
    await store.write(rows2023, { force: false });
    const before = counts(name);
    // Fails at the last table, after the run, its inputs, the snapshots and region figures were inserted.
    server.sql(
      name,
      `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
       CREATE TRIGGER refuse BEFORE INSERT ON dead_zones FOR EACH STATEMENT EXECUTE FUNCTION refuse();`,
    );
    const failure = await store.write(rows, { force: false }).catch((e: Error) => e);
    expect((failure as Error).message).toMatch(
      /^postgresql:\/\/postgres@.*: injected failure \(SQLSTATE P0001\)$/,
    );
    expect(counts(name)).toEqual(before);
    expect(server.sql(name, 'SELECT snapshot_date FROM snapshots')).toBe('2023-12-31');
  });

  it('leaves the previous history intact when the writing process is killed (SIGKILL) mid-transaction', async () => {
    const { name, url, store } = freshDatabase();
    await store.write(rows2023, { force: false });
    const before = counts(name);
    // The write stops for a while at its last table: the process is killed there.
    server.sql(
      name,
      `CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$;
       CREATE TRIGGER slow BEFORE INSERT ON dead_zones FOR EACH STATEMENT EXECUTE FUNCTION slow();`,
    );
    const rowsFile = join(tempDir(), 'rows.v8');
    writeFileSync(rowsFile, serialize(rows));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./kill-writer.ts', import.meta.url).pathname, url, rowsFile],
      { stdio: 'ignore' },
    );
    const waiting = `SELECT count(*) FROM pg_stat_activity WHERE datname = '${name}' AND query LIKE 'INSERT INTO dead_zones%'`;
    await until(() => server.sql(name, waiting) === '1', 20_000);
    child.kill('SIGKILL');
    // The server notices its client is gone (client_connection_check_interval) and rolls back.
    await until(() => server.sql(name, waiting) === '0', 10_000);
    expect(counts(name)).toEqual(before);
    server.sql(name, 'DROP TRIGGER slow ON dead_zones');
    // Nothing is left locked: the next write goes through.
    expect(await store.write(rows, { force: false })).toMatchObject({ added: ['2024-12-31'] });
  });

  it('refuses a database without PostGIS, and a newer schema, in one line', async () => {
    const bare = freshDatabase(false);
    await expect(bare.store.write(rows, { force: false })).rejects.toThrow(
      /^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/h\d+: the database has no PostGIS extension — run CREATE EXTENSION postgis;/,
    );
    const { name, store } = freshDatabase();
    await store.write(rows2023, { force: false });
    server.sql(name, 'INSERT INTO funkatlas_schema_version (version) VALUES (2)');
    await expect(store.write(rows, { force: false })).rejects.toThrow(
      /the history has schema version 2; this funkatlas writes version 1 — use a newer funkatlas/,
    );
  });

  it('a wrong port is a one-line error naming the URL without its password, within seconds', async () => {
    const started = Date.now();
    const url = `postgresql://funk:secret@127.0.0.1:${server.port + 1}/hist`;
    const error = await new PostgresHistory(url).write(rows, { force: false }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /^cannot connect to postgresql:\/\/funk@127\.0\.0\.1:\d+\/hist \(ECONNREFUSED\) — /,
    );
    expect((error as Error).message).not.toMatch(/secret|\n/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reads back every snapshot with its totals and regions (readHistory)', async () => {
    const { url, store } = freshDatabase();
    expect(await readHistory(url)).toEqual([]);
    await store.write(rows, { force: false });
    const stored = await readHistory(url);
    expect(stored.map((s) => s.date)).toEqual(['2023-12-31', '2024-12-31']);
    stored.forEach((s, k) => {
      const { figures } = both.snapshots[k];
      expect(s.totals).toEqual(figures.totals);
      expect(s.regions).toEqual(figures.regionStats);
      expect(s.lteDeadZones.count).toBe(figures.deadZones.length);
      expect(s.coverageSha256).toEqual([both.snapshots[k].inputs.records[1].sha256]);
    });
  });
});

describe('a PostgreSQL history that does not answer', () => {
  it('is a one-line error after the connect timeout, not a hang', async () => {
    // Accepts the connection and never says a word, as a firewall that swallows packets would.
    const silent = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    try {
      const url = `postgresql://funk:secret@127.0.0.1:${port}/hist`;
      const error = await new PostgresHistory(url, { connectTimeoutMs: 300 }).read().catch((e: Error) => e);
      expect((error as Error).message).toMatch(
        /^cannot connect to postgresql:\/\/funk@127\.0\.0\.1:\d+\/hist \(timed out\) — /,
      );
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  });
});

/** The rows as if the snapshot of `date` had come from a coverage file with another sha256. */
function otherCoverage(rows: HistoryRows, date: string, sha256: string): HistoryRows {
  return {
    ...rows,
    inputs: rows.inputs.map((i) => (i.snapshot_date === date ? { ...i, sha256 } : i)),
    snapshots: rows.snapshots.map((s) => (s.snapshot_date === date ? { ...s, coverage_sha256: sha256 } : s)),
  };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
