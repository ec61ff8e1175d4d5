import { ownProperty } from '../../model/user-keys.js';
import { inferColumns } from '../flatgeobuf/columns-write.js';
import { ColumnType } from '../flatgeobuf/format.js';
import type { OutputFeature } from '../geojson/write.js';
import { encodeMultiPolygon } from './binary-write.js';
import { quoted } from './layers.js';
import { createCore, createFeatureTable, createSpatialIndex } from './schema.js';
import { type Database, openInMemory } from './sqlite.js';

/** One layer of a GeoPackage to write: MultiPolygon features in lon/lat (EPSG:4326). */
export interface GeoPackageLayer {
  /** The table name GDAL and QGIS show. */
  name: string;
  features: readonly OutputFeature[];
}

export interface GeoPackageOptions {
  /** Columns that are fractions (REAL) even when every value is whole. */
  doubles?: (name: string) => boolean;
  /** gpkg_contents.last_change: the run's time, so the same run gives the same bytes. */
  lastChange: string;
}

const WGS84_SRS_ID = 4326;

/** SQL types by the FlatGeobuf column types `inferColumns` finds (JSON as its text). */
const SQL_TYPES: Record<number, string> = {
  [ColumnType.Bool]: 'BOOLEAN',
  [ColumnType.Int]: 'MEDIUMINT',
  [ColumnType.Long]: 'INTEGER',
  [ColumnType.Double]: 'REAL',
  [ColumnType.String]: 'TEXT',
  [ColumnType.Json]: 'TEXT',
};

/**
 * A GeoPackage of polygon layers as the bytes of its file: built in memory (one transaction), each
 * layer with its R*Tree index, then serialized, so it is staged and renamed like every output.
 */
export function geoPackageBytes(layers: readonly GeoPackageLayer[], options: GeoPackageOptions): Buffer {
  const db = openInMemory();
  try {
    db.transaction(() => {
      createCore(db);
      for (const layer of layers) writeLayer(db, layer, options);
    })();
    return db.serialize();
  } finally {
    db.close();
  }
}

function writeLayer(db: Database, layer: GeoPackageLayer, options: GeoPackageOptions) {
  const columns = inferColumns(
    layer.features.map((f) => f.properties),
    options.doubles,
  );
  for (const column of columns)
    if (/^(fid|geom)$/i.test(column.name))
      throw new Error(`output column ${column.name} clashes with the table's own`);
  const encoded = layer.features.map((f) => encodeMultiPolygon(f.polygons, WGS84_SRS_ID));
  createFeatureTable(db, {
    name: layer.name,
    columns: columns.map((c) => ({ name: c.name, type: SQL_TYPES[c.type] ?? 'TEXT' })),
    geometryType: 'MULTIPOLYGON',
    srsId: WGS84_SRS_ID,
    lastChange: options.lastChange,
    extent: extentOf(encoded.map((e) => e.box)),
  });
  const names = ['geom', ...columns.map((c) => c.name)].map(quoted);
  const insert = db.prepare(
    `INSERT INTO ${quoted(layer.name)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  );
  layer.features.forEach((feature, k) => {
    insert.run(
      encoded[k].blob,
      ...columns.map((c) => sqlValue(ownProperty(feature.properties, c.name), c.type)),
    );
  });
  createSpatialIndex(db, layer.name);
}

/** A property as SQLite stores it: booleans as 0/1, JSON as text, non-finite numbers as NULL (as GeoJSON has null). */
function sqlValue(value: unknown, type: number): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (type === ColumnType.Json || typeof value !== 'string') return JSON.stringify(value);
  return value;
}

/** The layer's extent for gpkg_contents, undefined when no feature has a polygon. */
function extentOf(boxes: readonly (number[] | undefined)[]): [number, number, number, number] | undefined {
  const e: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    if (!box) continue;
    e[0] = Math.min(e[0], box[0]);
    e[1] = Math.min(e[1], box[1]);
    e[2] = Math.max(e[2], box[2]);
    e[3] = Math.max(e[3], box[3]);
  }
  return e[0] <= e[2] ? e : undefined;
}
