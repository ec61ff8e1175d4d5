import { FlatPolygons } from '../flat-polygons.js';
import { decodeGeoPackageGeometry, parseHeader } from './binary-geometry.js';
import { quoted } from './layers.js';
import type { Database } from './sqlite.js';

/** The tables every GeoPackage has (spec 1.2, as GDAL writes them), and the layers' registrations. */

/** "GPKG" and GeoPackage 1.2, as PRAGMAs: what GDAL and QGIS check first. */
const APPLICATION_ID = 0x47504b47;
const USER_VERSION = 10200;

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const CORE_TABLES = `
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
  definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
`;

/** Makes an empty database a GeoPackage: the PRAGMAs, the core tables, the three required CRS rows. */
export function createCore(db: Database): void {
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${USER_VERSION}`);
  db.exec(CORE_TABLES);
  const srs = db.prepare(
    'INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)',
  );
  srs.run(
    'Undefined cartesian SRS',
    -1,
    'NONE',
    -1,
    'undefined',
    'undefined cartesian coordinate reference system',
  );
  srs.run(
    'Undefined geographic SRS',
    0,
    'NONE',
    0,
    'undefined',
    'undefined geographic coordinate reference system',
  );
  srs.run(
    'WGS 84 geodetic',
    4326,
    'EPSG',
    4326,
    WGS84_WKT,
    'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
  );
}

/** A feature table to register: its columns' SQL types, in order, after `fid` and `geom`. */
export interface FeatureTable {
  name: string;
  columns: { name: string; type: string }[];
  geometryType: string;
  srsId: number;
  /** gpkg_contents.last_change (ISO 8601, UTC). */
  lastChange: string;
  extent?: [number, number, number, number];
}

/** The feature table itself and its rows in gpkg_contents and gpkg_geometry_columns. */
export function createFeatureTable(db: Database, table: FeatureTable): void {
  const columns = table.columns.map((c) => `${quoted(c.name)} ${c.type}`);
  db.exec(
    `CREATE TABLE ${quoted(table.name)} ("fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "geom" ${table.geometryType}${columns.map((c) => `, ${c}`).join('')})`,
  );
  const [minX, minY, maxX, maxY] = table.extent ?? [null, null, null, null];
  db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)",
  ).run(table.name, table.name, table.lastChange, minX, minY, maxX, maxY, table.srsId);
  db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(
    table.name,
    'geom',
    table.geometryType,
    table.srsId,
  );
}

/**
 * The R*Tree index of a table's `geom` (extension gpkg_rtree_index), filled from the rows, with the
 * triggers that keep it current when QGIS or GDAL edit the layer (they call ST_* functions, which
 * `registerGeometryFunctions` gives our own connections).
 */
export function createSpatialIndex(db: Database, table: string): void {
  const t = quoted(table);
  const rtree = quoted(`rtree_${table}_geom`);
  const values = `(NEW."fid", ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"), ST_MinY(NEW."geom"), ST_MaxY(NEW."geom"))`;
  const set = 'NEW."geom" NOT NULL AND NOT ST_IsEmpty(NEW."geom")';
  const unset = '(NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom"))';
  const trigger = (suffix: string, when: string, body: string) =>
    `CREATE TRIGGER ${quoted(`rtree_${table}_geom_${suffix}`)} ${when} BEGIN ${body} END;`;
  registerGeometryFunctions(db);
  db.exec(`
CREATE VIRTUAL TABLE ${rtree} USING rtree(id, minx, maxx, miny, maxy);
INSERT INTO ${rtree} SELECT "fid", ST_MinX("geom"), ST_MaxX("geom"), ST_MinY("geom"), ST_MaxY("geom") FROM ${t}
  WHERE "geom" NOT NULL AND NOT ST_IsEmpty("geom");
${trigger('insert', `AFTER INSERT ON ${t} WHEN (${set})`, `INSERT OR REPLACE INTO ${rtree} VALUES ${values};`)}
${trigger('update1', `AFTER UPDATE OF "geom" ON ${t} WHEN OLD."fid" = NEW."fid" AND (${set})`, `INSERT OR REPLACE INTO ${rtree} VALUES ${values};`)}
${trigger('update2', `AFTER UPDATE OF "geom" ON ${t} WHEN OLD."fid" = NEW."fid" AND ${unset}`, `DELETE FROM ${rtree} WHERE id = OLD."fid";`)}
${trigger('update3', `AFTER UPDATE ON ${t} WHEN OLD."fid" != NEW."fid" AND (${set})`, `DELETE FROM ${rtree} WHERE id = OLD."fid"; INSERT OR REPLACE INTO ${rtree} VALUES ${values};`)}
${trigger('update4', `AFTER UPDATE ON ${t} WHEN OLD."fid" != NEW."fid" AND ${unset}`, `DELETE FROM ${rtree} WHERE id IN (OLD."fid", NEW."fid");`)}
${trigger('delete', `AFTER DELETE ON ${t} WHEN OLD."geom" NOT NULL`, `DELETE FROM ${rtree} WHERE id = OLD."fid";`)}
`);
  db.prepare(
    "INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
  ).run(table);
}

/**
 * ST_IsEmpty and ST_MinX … ST_MaxY over geometry blobs, from their header's envelope, else from the
 * WKB (GDAL writes points without one): what the R*Tree triggers call; GDAL and QGIS define their own.
 */
export function registerGeometryFunctions(db: Database): void {
  const envelope = (blob: unknown): number[] | null => {
    if (!(blob instanceof Uint8Array)) return null;
    const { wkbAt, empty } = parseHeader(blob, {});
    if (empty) return null;
    if (wkbAt === 8) {
      try {
        return boundsOfGeometry(decodeGeoPackageGeometry(blob, {}));
      } catch {
        // A geometry the readers refuse (a curve) goes unindexed, as a reader would skip it.
        return null;
      }
    }
    const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    const le = (blob[3] & 1) === 1;
    return [0, 1, 2, 3].map((k) => dv.getFloat64(8 + 8 * k, le));
  };
  const options = { deterministic: true };
  db.function('ST_IsEmpty', options, (blob: unknown) => (envelope(blob) === null ? 1 : 0));
  ['ST_MinX', 'ST_MaxX', 'ST_MinY', 'ST_MaxY'].forEach((name, k) => {
    db.function(name, options, (blob: unknown) => envelope(blob)?.[k] ?? null);
  });
}

/** minX, maxX, minY, maxY of a decoded geometry (the envelope's order), null when it has no position. */
function boundsOfGeometry(geometry: unknown): number[] | null {
  const b = [Infinity, -Infinity, Infinity, -Infinity];
  const add = (x: number, y: number) => {
    if (Number.isNaN(x) || Number.isNaN(y)) return;
    b[0] = Math.min(b[0], x);
    b[1] = Math.max(b[1], x);
    b[2] = Math.min(b[2], y);
    b[3] = Math.max(b[3], y);
  };
  const walk = (g: unknown): void => {
    if (g instanceof FlatPolygons) {
      for (const rings of g.polygons)
        for (const ring of rings) for (let k = 0; k < ring.length; k += 2) add(ring[k], ring[k + 1]);
      return;
    }
    const { coordinates, geometries } = g as { coordinates?: unknown; geometries?: unknown[] };
    if (geometries) geometries.forEach(walk);
    else walkPositions(coordinates, add);
  };
  walk(geometry);
  return b[0] <= b[1] ? b : null;
}

/** Every [x, y] in nested position arrays. */
function walkPositions(value: unknown, add: (x: number, y: number) => void): void {
  if (!Array.isArray(value)) return;
  if (typeof value[0] === 'number') add(value[0], value[1] as number);
  else for (const item of value) walkPositions(item, add);
}
