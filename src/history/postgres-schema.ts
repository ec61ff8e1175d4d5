import { InputError } from '../errors.js';
import { HISTORY_SCHEMA_VERSION, STATS_COLUMNS } from './history-rows.js';

/** What the store needs of a connection: a query, inside the write's transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const stats = STATS_COLUMNS.map((c) => `${c} double precision`).join(', ');

/** MIGRATIONS[v - 1] takes the history from version v - 1 to v; version 0 is an empty database. */
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE funkatlas_schema_version (version integer PRIMARY KEY, migrated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE runs (run_id text PRIMARY KEY, generated_at timestamptz NOT NULL, tool_version text NOT NULL,
      definitions_version text NOT NULL, options jsonb NOT NULL, as_of date)`,
    `CREATE TABLE run_inputs (run_id text NOT NULL REFERENCES runs ON DELETE CASCADE, ordinal integer NOT NULL,
      role text NOT NULL, snapshot_date date, path text NOT NULL, sha256 text NOT NULL, bytes bigint NOT NULL,
      format text, PRIMARY KEY (run_id, ordinal))`,
    `CREATE TABLE snapshots (snapshot_date date PRIMARY KEY, coverage_sha256 text NOT NULL,
      coverage_paths jsonb NOT NULL, households_sha256 text NOT NULL, regions_sha256 text NOT NULL,
      run_id text NOT NULL REFERENCES runs, ${stats}, operators jsonb NOT NULL, other_technologies jsonb,
      outside_points double precision NOT NULL, outside_households double precision NOT NULL,
      dead_zone_count integer NOT NULL, dead_zone_area_km2 double precision NOT NULL,
      dead_zone_households double precision NOT NULL)`,
    `CREATE TABLE region_stats (snapshot_date date NOT NULL REFERENCES snapshots ON DELETE CASCADE,
      region_ordinal integer NOT NULL, region_id text NOT NULL, region_name text NOT NULL, ${stats},
      operators jsonb NOT NULL, other_technologies jsonb, PRIMARY KEY (snapshot_date, region_id))`,
    `CREATE TABLE dead_zones (snapshot_date date NOT NULL REFERENCES snapshots ON DELETE CASCADE,
      zone_id text NOT NULL, region_id text NOT NULL, households double precision NOT NULL,
      area_km2 double precision NOT NULL, status text, geom geometry(MultiPolygon, 4326) NOT NULL,
      PRIMARY KEY (snapshot_date, zone_id))`,
    `CREATE INDEX dead_zones_geom ON dead_zones USING gist (geom)`,
    `CREATE INDEX dead_zones_zone ON dead_zones (zone_id)`,
    `CREATE TABLE goal_status (run_id text NOT NULL REFERENCES runs ON DELETE CASCADE, goal_id text NOT NULL,
      region_id text, title text NOT NULL, metric text NOT NULL, comparison text NOT NULL,
      target double precision NOT NULL, deadline date NOT NULL, as_of date, status text NOT NULL,
      value double precision, gap_households double precision, gap_area_km2 double precision,
      projected_date date)`,
    `CREATE UNIQUE INDEX goal_status_key ON goal_status (run_id, goal_id, coalesce(region_id, ''))`,
  ],
];
if (MIGRATIONS.length !== HISTORY_SCHEMA_VERSION)
  throw new Error('a history schema version without its migration');

/** The schema version the database has: 0 when it has none yet. */
export async function storedVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query(`SELECT to_regclass('funkatlas_schema_version') IS NOT NULL AS present`);
  if (!rows[0].present) return 0;
  const version = await db.query('SELECT max(version) AS version FROM funkatlas_schema_version');
  return Number(version.rows[0].version ?? 0);
}

/**
 * Creates the tables, or migrates them to this version, inside the caller's transaction (PostgreSQL's
 * DDL is transactional: a failed migration leaves the old schema). A newer history is refused.
 */
export async function migrate(db: Queryable, target: string): Promise<void> {
  const version = await storedVersion(db);
  if (version > HISTORY_SCHEMA_VERSION)
    throw new InputError(
      `the history has schema version ${version}; this funkatlas writes version ${HISTORY_SCHEMA_VERSION}`,
      { file: target, hint: 'use a newer funkatlas for it' },
    );
  for (let v = version + 1; v <= HISTORY_SCHEMA_VERSION; v++) {
    for (const statement of MIGRATIONS[v - 1]) await db.query(statement);
    await db.query('INSERT INTO funkatlas_schema_version (version) VALUES ($1)', [v]);
  }
}

/** Refuses a database without PostGIS: the dead zones are PostGIS geometries. */
export async function requirePostgis(db: Queryable, target: string): Promise<void> {
  const { rows } = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'postgis'`);
  if (rows.length === 0)
    throw new InputError('the database has no PostGIS extension', {
      file: target,
      hint: 'run CREATE EXTENSION postgis; in it (as its owner or a superuser)',
    });
}
