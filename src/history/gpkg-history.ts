import { existsSync } from 'node:fs';
import { decodeGeoPackageGeometry } from '../io/gpkg/binary-geometry.js';
import { registerGeometryFunctions } from '../io/gpkg/schema.js';
import { type Database, openWritable, sqliteStep } from '../io/gpkg/sqlite.js';
import { geoPackageBlobFromWkb } from '../io/gpkg/wkb-blob.js';
import type { RegionStats, Stats } from '../model/stats.js';
import { migrate, storedVersion, touchContents, WGS84 } from './gpkg-history-schema.js';
import { type HistoryRows, STATS_COLUMNS } from './history-rows.js';
import {
  coverageShaList,
  type HistorySnapshot,
  type HistoryStore,
  type HistoryWriteReport,
  planSnapshotWrites,
  type StoredDeadZone,
  type StoredSnapshotKey,
  storedRings,
} from './history-store.js';

/** How long a write waits for another program writing the same file (another run, QGIS saving an edit). */
const BUSY_TIMEOUT_MS = 60_000;

/**
 * The history in a GeoPackage file (the embedded default): the same tables as PostgreSQL, written in
 * place in one SQLite transaction with a rollback journal, so a killed run leaves the file as it was.
 */
export class GeoPackageHistory implements HistoryStore {
  constructor(readonly target: string) {}

  async write(rows: HistoryRows, { force }: { force: boolean }): Promise<HistoryWriteReport> {
    const db = openWritable(this.target);
    try {
      return sqliteStep(
        this.target,
        () => {
          configure(db);
          const now = new Date().toISOString();
          // IMMEDIATE: the write lock first, so two runs never both plan against the same state.
          return db
            .transaction(() => {
              migrate(db, this.target, now);
              const report = planSnapshotWrites(rows, storedKeys(db, rows), this.target, force);
              writeRows(db, rows);
              touchContents(db, now);
              return report;
            })
            .immediate();
        },
        'write',
      );
    } finally {
      db.close();
    }
  }

  async readDeadZones(date: string): Promise<StoredDeadZone[]> {
    if (!existsSync(this.target)) return [];
    const db = openWritable(this.target);
    try {
      return sqliteStep(this.target, () => {
        configure(db);
        if (storedVersion(db) === 0) return [];
        const rows = db
          .prepare(
            'SELECT zone_id, region_id, households, area_km2, geom FROM dead_zones WHERE snapshot_date = ? ORDER BY fid',
          )
          .all(date) as {
          zone_id: string;
          region_id: string;
          households: number;
          area_km2: number;
          geom: Uint8Array;
        }[];
        return rows.map((r) => ({
          id: r.zone_id,
          regionId: r.region_id,
          households: r.households,
          area_km2: r.area_km2,
          rings: storedRings(
            decodeGeoPackageGeometry(r.geom, { file: this.target, field: 'dead_zones.geom' }),
          ),
        }));
      });
    } finally {
      db.close();
    }
  }

  async read(): Promise<HistorySnapshot[]> {
    if (!existsSync(this.target)) return [];
    // Opened to write: a run killed mid-write left a hot journal, which only a writer can roll back.
    const db = openWritable(this.target);
    try {
      return sqliteStep(this.target, () => {
        configure(db);
        return storedVersion(db) === 0 ? [] : readSnapshots(db);
      });
    } finally {
      db.close();
    }
  }
}

/**
 * The rollback journal (DELETE), not WAL: the .gpkg stays one file between runs (nothing beside it to
 * lose when it is copied or mailed), and it works on network shares, where WAL does not.
 */
function configure(db: Database): void {
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    // QGIS holds the file open in WAL while it edits a layer: keep WAL then, as transactional.
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // The R*Tree triggers of dead_zones call ST_MinX … on insert.
  registerGeometryFunctions(db);
}

function storedKeys(db: Database, rows: HistoryRows): StoredSnapshotKey[] {
  const select = db.prepare(
    'SELECT snapshot_date, coverage_sha256, coverage_paths FROM snapshots WHERE snapshot_date = ?',
  );
  return rows.snapshots.flatMap((s) => {
    const row = select.get(s.snapshot_date) as Record<string, string> | undefined;
    if (!row) return [];
    return [
      {
        date: row.snapshot_date,
        coverageSha256: row.coverage_sha256,
        coveragePaths: JSON.parse(row.coverage_paths) as string[],
      },
    ];
  });
}

/** The run's rows in place of what the history had for its run id and its snapshot dates. */
function writeRows(db: Database, rows: HistoryRows): void {
  const { run } = rows;
  db.prepare(
    `INSERT INTO runs (run_id, generated_at, tool_version, definitions_version, options, as_of)
     VALUES (@run_id, @generated_at, @tool_version, @definitions_version, @options, @as_of)
     ON CONFLICT (run_id) DO UPDATE SET generated_at = excluded.generated_at, tool_version = excluded.tool_version,
       definitions_version = excluded.definitions_version, options = excluded.options, as_of = excluded.as_of`,
  ).run(run);
  db.prepare('DELETE FROM run_inputs WHERE run_id = ?').run(run.run_id);
  db.prepare('DELETE FROM goal_status WHERE run_id = ?').run(run.run_id);
  // Children first: foreign keys are only enforced by our connection, not by every program that edits the file.
  for (const table of ['dead_zones', 'region_stats', 'snapshots']) {
    const remove = db.prepare(`DELETE FROM ${table} WHERE snapshot_date = ?`);
    for (const s of rows.snapshots) remove.run(s.snapshot_date);
  }
  insertRows(db, 'run_inputs', rows.inputs);
  insertRows(db, 'goal_status', rows.goals);
  insertRows(db, 'snapshots', rows.snapshots);
  insertRows(db, 'region_stats', rows.regionStats);
  // The outlines of a region set once: a later run over the same regions file adds none.
  const outline = db.prepare(
    `INSERT INTO region_geometry (regions_sha256, region_id, region_name, geom)
     VALUES (@regions_sha256, @region_id, @region_name, @geom) ON CONFLICT DO NOTHING`,
  );
  for (const r of rows.regionGeometry) outline.run({ ...r, geom: geoPackageBlobFromWkb(r.geom, WGS84) });
  insertRows(
    db,
    'dead_zones',
    rows.deadZones.map((z) => ({ ...z, geom: geoPackageBlobFromWkb(z.geom, WGS84) })),
  );
}

/** Plain rows whose keys are the table's columns, through one prepared statement. */
function insertRows(db: Database, table: string, rows: readonly object[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const insert = db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  for (const row of rows) insert.run(row);
}

function readSnapshots(db: Database): HistorySnapshot[] {
  const snapshots = db.prepare('SELECT * FROM snapshots ORDER BY snapshot_date').all() as Record<
    string,
    unknown
  >[];
  const regions = db
    .prepare('SELECT * FROM region_stats ORDER BY snapshot_date, region_ordinal')
    .all() as Record<string, unknown>[];
  const byDate = new Map<string, RegionStats[]>();
  for (const r of regions) {
    const list = byDate.get(r.snapshot_date as string) ?? [];
    list.push({ id: r.region_id as string, name: r.region_name as string, ...statsOf(r) });
    byDate.set(r.snapshot_date as string, list);
  }
  return snapshots.map((s) => ({
    date: s.snapshot_date as string,
    coverageSha256: coverageShaList(s.coverage_sha256 as string),
    coveragePaths: JSON.parse(s.coverage_paths as string) as string[],
    runId: s.run_id as string,
    totals: statsOf(s),
    regions: byDate.get(s.snapshot_date as string) ?? [],
    lteDeadZones: {
      count: s.dead_zone_count as number,
      area_km2: s.dead_zone_area_km2 as number,
      households: s.dead_zone_households as number,
    },
  }));
}

/** A stored row's figures as Stats (JSON columns parsed). */
function statsOf(row: Record<string, unknown>): Stats {
  const stats = {} as Record<string, unknown>;
  for (const c of STATS_COLUMNS) stats[c] = row[c];
  stats.operators = JSON.parse(row.operators as string);
  if (row.other_technologies !== null)
    stats.other_technologies = JSON.parse(row.other_technologies as string);
  return stats as unknown as Stats;
}
