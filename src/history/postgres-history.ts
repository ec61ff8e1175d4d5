import type { Client, ClientConfig } from 'pg';
import { isInputError } from '../errors.js';
import { decodeWkb } from '../io/gpkg/binary-geometry.js';
import type { RegionStats, Stats } from '../model/stats.js';
import { type HistoryRows, STATS_COLUMNS } from './history-rows.js';
import {
  coverageShaList,
  type HistorySnapshot,
  type HistoryStore,
  type HistoryWriteReport,
  planSnapshotWrites,
  type StoredDeadZone,
  storedRings,
} from './history-store.js';
import { migrate, type Queryable, requirePostgis, storedVersion } from './postgres-schema.js';
import { connectError, isDatabaseError, serverError, shownUrl } from './postgres-url.js';

/** How long connecting may take before it is an error: never a hang on an unreachable host. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** How long a write waits for another run writing the same history. */
const LOCK_TIMEOUT = '60s';
/** Serialises writers of one database (any 64-bit key; this one spells "funkatls"). */
const WRITE_LOCK = '7378501052830428275';
/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;
/** OID of `date`: read as the text it is, not as a Date at local midnight. */
const DATE_OID = 1082;

/** Columns given as JSON text, stored as jsonb; `geom` as WKB. */
const JSONB_COLUMNS = new Set(['options', 'operators', 'other_technologies', 'coverage_paths']);

/** The history in a PostgreSQL database with PostGIS: `postgresql://user:password@host:port/database`. */
export class PostgresHistory implements HistoryStore {
  readonly target: string;

  /** `connectTimeoutMs`: how long connecting may take (default CONNECT_TIMEOUT_MS). */
  constructor(
    private readonly url: string,
    private readonly options: { connectTimeoutMs?: number } = {},
  ) {
    this.target = shownUrl(url);
  }

  async write(rows: HistoryRows, { force }: { force: boolean }): Promise<HistoryWriteReport> {
    return this.session(async (db) => {
      await requirePostgis(db, this.target);
      await db.query('BEGIN');
      try {
        await db.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
        await db.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
        await migrate(db, this.target);
        const report = planSnapshotWrites(rows, await storedKeys(db, rows), this.target, force);
        await writeRows(db, rows);
        await db.query('COMMIT');
        return report;
      } catch (error) {
        // A connection that is gone rolled back by itself; the first error is the one to tell.
        await db.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  async readDeadZones(date: string): Promise<StoredDeadZone[]> {
    return this.session(async (db) => {
      if ((await storedVersion(db)) === 0) return [];
      const rows = await db.query(
        'SELECT zone_id, region_id, households, area_km2, ST_AsBinary(geom) AS wkb FROM dead_zones WHERE snapshot_date = $1 ORDER BY zone_id',
        [date],
      );
      return rows.rows.map((r) => ({
        id: r.zone_id as string,
        regionId: r.region_id as string,
        households: Number(r.households),
        area_km2: Number(r.area_km2),
        rings: storedRings(decodeWkb(r.wkb as Uint8Array, { file: this.target, field: 'dead_zones.geom' })),
      }));
    });
  }

  async read(): Promise<HistorySnapshot[]> {
    return this.session(async (db) => {
      if ((await storedVersion(db)) === 0) return [];
      const snapshots = await db.query('SELECT * FROM snapshots ORDER BY snapshot_date');
      const regions = await db.query('SELECT * FROM region_stats ORDER BY snapshot_date, region_ordinal');
      const byDate = new Map<string, RegionStats[]>();
      for (const r of regions.rows) {
        const list = byDate.get(r.snapshot_date as string) ?? [];
        list.push({ id: r.region_id as string, name: r.region_name as string, ...statsOf(r) });
        byDate.set(r.snapshot_date as string, list);
      }
      return snapshots.rows.map((s) => ({
        date: s.snapshot_date as string,
        coverageSha256: coverageShaList(s.coverage_sha256 as string),
        coveragePaths: s.coverage_paths as string[],
        runId: s.run_id as string,
        totals: statsOf(s),
        regions: byDate.get(s.snapshot_date as string) ?? [],
        lteDeadZones: {
          count: s.dead_zone_count as number,
          area_km2: s.dead_zone_area_km2 as number,
          households: s.dead_zone_households as number,
        },
      }));
    });
  }

  /** Connects, runs `work`, and closes; errors of the server or the network become one line naming the URL. */
  private async session<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    const { default: pg } = await import('pg');
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text'),
    } as ClientConfig['types'];
    const client: Client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      types,
    });
    // A connection lost between queries is reported by the next query; without a listener it would crash the process.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw connectError(this.url, error);
    }
    try {
      return await work(client as unknown as Queryable);
    } catch (error) {
      if (isInputError(error) || !isDatabaseError(error)) throw error;
      throw serverError(this.url, error);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** The history at `url`: its snapshots, oldest first (none when it is still empty). */
export function readHistory(url: string): Promise<HistorySnapshot[]> {
  return new PostgresHistory(url).read();
}

async function storedKeys(db: Queryable, rows: HistoryRows) {
  const dates = rows.snapshots.map((s) => s.snapshot_date);
  const { rows: stored } = await db.query(
    'SELECT snapshot_date, coverage_sha256, coverage_paths FROM snapshots WHERE snapshot_date = ANY($1::date[]) FOR UPDATE',
    [dates],
  );
  return stored.map((s) => ({
    date: s.snapshot_date as string,
    coverageSha256: s.coverage_sha256 as string,
    coveragePaths: s.coverage_paths as string[],
  }));
}

/** The run's rows in place of what the history had for its run id and its snapshot dates. */
async function writeRows(db: Queryable, rows: HistoryRows): Promise<void> {
  const { run } = rows;
  await db.query(
    `INSERT INTO runs (run_id, generated_at, tool_version, definitions_version, options, as_of)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT (run_id) DO UPDATE SET generated_at = EXCLUDED.generated_at, tool_version = EXCLUDED.tool_version,
       definitions_version = EXCLUDED.definitions_version, options = EXCLUDED.options, as_of = EXCLUDED.as_of`,
    [run.run_id, run.generated_at, run.tool_version, run.definitions_version, run.options, run.as_of],
  );
  await db.query('DELETE FROM run_inputs WHERE run_id = $1', [run.run_id]);
  await db.query('DELETE FROM goal_status WHERE run_id = $1', [run.run_id]);
  // Region statistics and dead zones go with their snapshot (ON DELETE CASCADE).
  const dates = rows.snapshots.map((s) => s.snapshot_date);
  await db.query('DELETE FROM snapshots WHERE snapshot_date = ANY($1::date[])', [dates]);
  await insertRows(db, 'run_inputs', rows.inputs);
  await insertRows(db, 'goal_status', rows.goals);
  await insertRows(db, 'snapshots', rows.snapshots);
  await insertRows(db, 'region_stats', rows.regionStats);
  await insertRows(db, 'dead_zones', rows.deadZones);
}

/** Multi-row INSERTs of plain rows whose keys are the table's columns, as few statements as the parameter limit allows. */
async function insertRows(db: Queryable, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const placeholder = (column: string, n: number) =>
    column === 'geom'
      ? `ST_GeomFromWKB($${n}::bytea, 4326)`
      : JSONB_COLUMNS.has(column)
        ? `$${n}::jsonb`
        : `$${n}`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const record = row as Record<string, unknown>;
      const cells = columns.map((c) => {
        const value = record[c];
        values.push(
          value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.length) : value,
        );
        return placeholder(c, values.length);
      });
      return `(${cells.join(', ')})`;
    });
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

/** A stored row's figures as Stats (jsonb comes back parsed). */
function statsOf(row: Record<string, unknown>): Stats {
  const stats = {} as Record<string, unknown>;
  for (const c of STATS_COLUMNS) stats[c] = row[c];
  stats.operators = row.operators;
  if (row.other_technologies !== null) stats.other_technologies = row.other_technologies;
  return stats as unknown as Stats;
}
