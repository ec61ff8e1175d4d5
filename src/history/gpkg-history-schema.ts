import { InputError } from '../errors.js';
import { quoted } from '../io/gpkg/layers.js';
import { createCore, createFeatureTable, createSpatialIndex } from '../io/gpkg/schema.js';
import type { Database } from '../io/gpkg/sqlite.js';
import { HISTORY_SCHEMA_VERSION, STATS_COLUMNS } from './history-rows.js';
import { deadZoneStyle, outlineStyle, shareStyle, writeLayerStyles } from './qgis-styles.js';

/** The history's tables, as QGIS and GDAL list them (the version table is not a layer). */
export const HISTORY_TABLES = [
  'runs',
  'run_inputs',
  'snapshots',
  'region_stats',
  'dead_zones',
  'goal_status',
];
/** The region layers: the outlines, and two views of them with their figures (the latest snapshot; every one). */
export const REGION_LAYERS = ['region_geometry', 'region_latest', 'region_series'];
export const WGS84 = 4326;

const stats = STATS_COLUMNS.map((c) => `${c} REAL`).join(', ');
/** Every attribute table has an integer key (GeoPackage req. 119); the natural keys are unique indexes. */
const FID = '"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL';

/** The attribute tables: their columns (SQL types GeoPackage allows), and their keys. */
const ATTRIBUTE_TABLES: readonly { name: string; description: string; sql: string[] }[] = [
  {
    name: 'runs',
    description: 'funkatlas runs: tool and definitions version, options (JSON)',
    sql: [
      `CREATE TABLE runs (${FID}, run_id TEXT NOT NULL UNIQUE, generated_at DATETIME NOT NULL,
        tool_version TEXT NOT NULL, definitions_version TEXT NOT NULL, options TEXT NOT NULL, as_of DATE)`,
    ],
  },
  {
    name: 'run_inputs',
    description: 'the files each run read, with their sha256',
    sql: [
      `CREATE TABLE run_inputs (${FID}, run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL, role TEXT NOT NULL, snapshot_date DATE, path TEXT NOT NULL,
        sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, format TEXT)`,
      'CREATE UNIQUE INDEX run_inputs_key ON run_inputs (run_id, ordinal)',
    ],
  },
  {
    name: 'snapshots',
    description: 'one row per coverage snapshot: its key (date, coverage sha256s) and the totals',
    sql: [
      `CREATE TABLE snapshots (${FID}, snapshot_date DATE NOT NULL UNIQUE, coverage_sha256 TEXT NOT NULL,
        coverage_paths TEXT NOT NULL, households_sha256 TEXT NOT NULL, regions_sha256 TEXT NOT NULL,
        run_id TEXT NOT NULL REFERENCES runs (run_id), ${stats}, operators TEXT NOT NULL, other_technologies TEXT,
        outside_points REAL NOT NULL, outside_households REAL NOT NULL, dead_zone_count INTEGER NOT NULL,
        dead_zone_area_km2 REAL NOT NULL, dead_zone_households REAL NOT NULL)`,
    ],
  },
  {
    name: 'region_stats',
    description: 'the figures of each region per snapshot',
    sql: [
      `CREATE TABLE region_stats (${FID},
        snapshot_date DATE NOT NULL REFERENCES snapshots (snapshot_date) ON DELETE CASCADE,
        region_ordinal INTEGER NOT NULL, region_id TEXT NOT NULL, region_name TEXT NOT NULL, ${stats},
        operators TEXT NOT NULL, other_technologies TEXT)`,
      'CREATE UNIQUE INDEX region_stats_key ON region_stats (snapshot_date, region_id)',
    ],
  },
  {
    name: 'goal_status',
    description: 'each goal per run, overall (region_id NULL) and per region',
    sql: [
      `CREATE TABLE goal_status (${FID}, run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        goal_id TEXT NOT NULL, region_id TEXT, title TEXT NOT NULL, metric TEXT NOT NULL, comparison TEXT NOT NULL,
        target REAL NOT NULL, deadline DATE NOT NULL, as_of DATE, status TEXT NOT NULL, value REAL,
        gap_households REAL, gap_area_km2 REAL, projected_date DATE)`,
      `CREATE UNIQUE INDEX goal_status_key ON goal_status (run_id, goal_id, coalesce(region_id, ''))`,
    ],
  },
];

/** MIGRATIONS[v - 1] takes the history from version v - 1 to v, inside the write's transaction. */
const MIGRATIONS: readonly ((db: Database, now: string) => void)[] = [
  (db, now) => {
    db.exec(
      'CREATE TABLE funkatlas_schema_version (version INTEGER PRIMARY KEY, migrated_at DATETIME NOT NULL)',
    );
    const register = db.prepare(
      "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES (?, 'attributes', ?, ?, ?)",
    );
    for (const table of ATTRIBUTE_TABLES) {
      for (const statement of table.sql) db.exec(statement);
      register.run(table.name, table.name, table.description, now);
    }
    createFeatureTable(db, {
      name: 'dead_zones',
      columns: [
        {
          name: 'snapshot_date',
          type: 'DATE NOT NULL REFERENCES snapshots (snapshot_date) ON DELETE CASCADE',
        },
        { name: 'zone_id', type: 'TEXT NOT NULL' },
        { name: 'region_id', type: 'TEXT NOT NULL' },
        { name: 'households', type: 'REAL NOT NULL' },
        { name: 'area_km2', type: 'REAL NOT NULL' },
        { name: 'status', type: 'TEXT' },
      ],
      geometryType: 'MULTIPOLYGON',
      srsId: WGS84,
      lastChange: now,
    });
    db.exec('CREATE UNIQUE INDEX dead_zones_key ON dead_zones (snapshot_date, zone_id)');
    db.exec('CREATE INDEX dead_zones_zone ON dead_zones (zone_id)');
    createSpatialIndex(db, 'dead_zones');
    createRegionLayers(db, now);
    writeLayerStyles(db, now, [
      deadZoneStyle(),
      outlineStyle('region_geometry'),
      ...REGION_LAYERS.slice(1).map((layer) => shareStyle(layer, 'share_5g')),
    ]);
  },
];
if (MIGRATIONS.length !== HISTORY_SCHEMA_VERSION)
  throw new Error('a history schema version without its migration');

/** The schema version of the open file: 0 when it has no history yet. */
export function storedVersion(db: Database): number {
  if (!hasTable(db, 'funkatlas_schema_version')) return 0;
  return Number(db.prepare('SELECT max(version) FROM funkatlas_schema_version').pluck().get() ?? 0);
}

/**
 * Makes the file a GeoPackage history of this version, in the caller's transaction: an empty file
 * becomes a GeoPackage; another GeoPackage gains the tables unless one of their names is taken;
 * a newer history and a SQLite file that is no GeoPackage are refused.
 */
export function migrate(db: Database, target: string, now: string): void {
  const version = storedVersion(db);
  if (version > HISTORY_SCHEMA_VERSION)
    throw new InputError(
      `the history has schema version ${version}; this funkatlas writes version ${HISTORY_SCHEMA_VERSION}`,
      { file: target, hint: 'use a newer funkatlas for it' },
    );
  if (version === 0) adopt(db, target);
  for (let v = version + 1; v <= HISTORY_SCHEMA_VERSION; v++) {
    MIGRATIONS[v - 1](db, now);
    db.prepare('INSERT INTO funkatlas_schema_version (version, migrated_at) VALUES (?, ?)').run(v, now);
  }
}

/** A file without a history: empty (made a GeoPackage here), or a GeoPackage whose table names are free. */
function adopt(db: Database, target: string): void {
  const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get();
  if (tables === 0) {
    createCore(db);
    return;
  }
  if (!hasTable(db, 'gpkg_contents'))
    throw new InputError('the file is a SQLite database but no GeoPackage', {
      file: target,
      hint: 'name a new .gpkg file or an existing GeoPackage for the history',
    });
  const taken = [...HISTORY_TABLES, ...REGION_LAYERS, 'funkatlas_schema_version'].find((t) =>
    hasTable(db, t),
  );
  if (taken)
    throw new InputError(`the GeoPackage has a table ${taken} that is not a funkatlas history's`, {
      file: target,
      hint: 'name a new .gpkg file for the history',
    });
}

function hasTable(db: Database, name: string): boolean {
  return (
    db
      .prepare("SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?")
      .pluck()
      .get(name) !== 0
  );
}

/** gpkg_contents after a write: the change time of every history layer, and the extents from the indexes. */
export function touchContents(db: Database, now: string): void {
  const layers = [...HISTORY_TABLES, ...REGION_LAYERS];
  db.prepare(
    `UPDATE gpkg_contents SET last_change = ? WHERE table_name IN (${layers.map(() => '?').join(', ')})`,
  ).run(now, ...layers);
  for (const layer of ['dead_zones', ...REGION_LAYERS]) {
    const rtree = quoted(`rtree_${layer === 'dead_zones' ? layer : 'region_geometry'}_geom`);
    db.prepare(
      `UPDATE gpkg_contents SET (min_x, min_y, max_x, max_y) =
         (SELECT min(minx), min(miny), max(maxx), max(maxy) FROM ${rtree}) WHERE table_name = ?`,
    ).run(layer);
  }
}

/** region_geometry (indexed) and two views of it QGIS opens coloured: the latest snapshot's figures, and every snapshot's. */
function createRegionLayers(db: Database, now: string): void {
  createFeatureTable(db, {
    name: 'region_geometry',
    columns: [
      { name: 'regions_sha256', type: 'TEXT NOT NULL' },
      { name: 'region_id', type: 'TEXT NOT NULL' },
      { name: 'region_name', type: 'TEXT NOT NULL' },
    ],
    geometryType: 'MULTIPOLYGON',
    srsId: WGS84,
    lastChange: now,
  });
  db.exec('CREATE UNIQUE INDEX region_geometry_key ON region_geometry (regions_sha256, region_id)');
  createSpatialIndex(db, 'region_geometry');
  const figures = `s.snapshot_date AS snapshot_date, s.region_id AS region_id, s.region_name AS region_name, ${STATS_COLUMNS.map((c) => `s.${c} AS ${c}`).join(', ')}`;
  const joined = `FROM snapshots n JOIN region_stats s ON s.snapshot_date = n.snapshot_date
    JOIN region_geometry g ON g.regions_sha256 = n.regions_sha256 AND g.region_id = s.region_id`;
  db.exec(`CREATE VIEW region_latest AS SELECT g.fid AS fid, g.geom AS geom, ${figures} ${joined}
    WHERE n.snapshot_date = (SELECT max(snapshot_date) FROM snapshots)`);
  db.exec(`CREATE VIEW region_series AS SELECT s.fid AS fid, g.geom AS geom, ${figures} ${joined}`);
  const contents = db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) VALUES (?, 'features', ?, ?, ?, ?)",
  );
  const geometry = db.prepare(
    "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)",
  );
  for (const [view, description] of [
    ['region_latest', "the regions with the latest snapshot's figures"],
    [
      'region_series',
      "the regions with every snapshot's figures (snapshot_date for QGIS's temporal controller)",
    ],
  ]) {
    contents.run(view, view, description, now, WGS84);
    geometry.run(view, WGS84);
  }
}
