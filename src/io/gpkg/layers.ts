import { InputError } from '../../errors.js';
import { type Crs, resolveCrs } from '../../geometry/crs.js';
import { checkSeekableFile, type FileDigest } from '../files/source.js';
import { digestFileSync } from './file-digest.js';
import { splitLayerPath } from './layer-path.js';
import { type Database, openReadOnly, sqliteStep } from './sqlite.js';

/** One feature table of a GeoPackage, as a reader needs it. */
export interface FeatureLayer {
  /** The file and layer as errors name them: `PATH.gpkg:LAYER`. */
  where: string;
  table: string;
  /** The integer primary key (the feature id, "fid"). */
  fid: string;
  geometry: string;
  /** The other columns, in table order, with their declared types. */
  columns: { name: string; type: string }[];
  /** From gpkg_spatial_ref_sys; undefined for the undefined systems (srs_id 0 and -1). */
  crs?: Crs;
}

/** An open GeoPackage layer; `close` when done. */
export interface OpenLayer {
  db: Database;
  layer: FeatureLayer;
  digest: FileDigest;
  close(): void;
}

/** Quotes an SQL identifier (a table or column name from the file). */
export function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Opens `PATH.gpkg[:LAYER]` read-only and finds its feature layer: the one named, else the only one
 * (several without a name is an error listing them). The digest is of the file's bytes as opened.
 */
export function openLayer(path: string): OpenLayer {
  const { file, layer: wanted } = splitLayerPath(path);
  if (file.toLowerCase().endsWith('.gz'))
    throw new InputError('a GeoPackage is read at offsets: it cannot be gzipped', {
      file,
      hint: 'gunzip it first',
    });
  checkSeekableFile(file, 'GeoPackage');
  const digest = digestFileSync(file);
  const db = openReadOnly(file, path);
  try {
    const layer = sqliteStep(path, () => findLayer(db, file, wanted));
    return { db, layer, digest, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

interface LayerRow {
  table_name: string;
  column_name: string;
  srs_id: number;
}

function findLayer(db: Database, file: string, wanted: string | undefined): FeatureLayer {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name LIKE 'gpkg_%'")
    .pluck()
    .all() as string[];
  if (!tables.includes('gpkg_contents') || !tables.includes('gpkg_geometry_columns'))
    throw new InputError(
      'an SQLite file, but not a GeoPackage: it has no gpkg_contents or gpkg_geometry_columns',
      {
        file,
        hint: 'write it with ogr2ogr -f GPKG or QGIS',
      },
    );
  const layers = db
    .prepare(
      `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
       JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
       WHERE c.data_type = 'features' ORDER BY c.table_name`,
    )
    .all() as LayerRow[];
  const names = layers.map((l) => l.table_name);
  const list = names.length > 20 ? `${names.slice(0, 20).join(', ')}, … (${names.length})` : names.join(', ');
  let row: LayerRow | undefined;
  if (wanted !== undefined) {
    // SQLite's table names are case-insensitive; an exact match wins.
    row =
      layers.find((l) => l.table_name === wanted) ??
      layers.find((l) => l.table_name.toLowerCase() === wanted.toLowerCase());
    if (!row)
      throw new InputError('no such feature layer', {
        file,
        field: 'layer',
        value: wanted,
        hint: names.length > 0 ? `its layers: ${list}` : 'it has no feature layer',
      });
  } else if (layers.length === 1) row = layers[0];
  else if (layers.length === 0) throw new InputError('the GeoPackage has no feature layer', { file });
  else
    throw new InputError(`the GeoPackage has ${layers.length} feature layers: name one`, {
      file,
      hint: `give ${file}:LAYER, one of ${list}`,
    });
  const where = `${file}:${row.table_name}`;
  const info = db.prepare(`PRAGMA table_info(${quoted(row.table_name)})`).all() as {
    name: string;
    type: string;
    pk: number;
  }[];
  // A view has no primary key: GDAL takes its column named fid.
  const fid =
    info.find((c) => c.pk > 0 && /^INT/i.test(c.type))?.name ??
    info.find((c) => c.name.toLowerCase() === 'fid')?.name;
  if (fid === undefined)
    throw new InputError('the layer has no INTEGER PRIMARY KEY (feature id) column', {
      file: where,
      hint: 'a view needs a column named fid',
    });
  const geometry = info.find((c) => c.name.toLowerCase() === row.column_name.toLowerCase())?.name;
  if (geometry === undefined)
    throw new InputError('the geometry column gpkg_geometry_columns names is not in the table', {
      file: where,
      value: row.column_name,
    });
  const crs = layerCrs(db, row.srs_id, where);
  return {
    where,
    table: row.table_name,
    fid,
    geometry,
    columns: info
      .filter((c) => c.name !== fid && c.name !== geometry)
      .map(({ name, type }) => ({ name, type })),
    ...(crs ? { crs } : {}),
  };
}

/** The layer's CRS by its srs_id: EPSG codes only (what resolveCrs knows); 0 and -1 are "undefined". */
function layerCrs(db: Database, srsId: number, where: string): Crs | undefined {
  if (srsId === 0 || srsId === -1) return undefined;
  const srs = db
    .prepare(
      'SELECT srs_name, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    )
    .get(srsId) as { srs_name: string; organization: string; organization_coordsys_id: number } | undefined;
  const source = { file: where, field: 'gpkg_spatial_ref_sys' };
  if (!srs)
    throw new InputError(`srs_id ${srsId} is not in gpkg_spatial_ref_sys`, {
      ...source,
      value: srsId,
    });
  if (srs.organization?.toUpperCase() !== 'EPSG')
    throw new InputError('only EPSG coordinate systems are known', {
      ...source,
      value: `${srs.organization}:${srs.organization_coordsys_id} (${srs.srs_name})`,
      hint: 'reproject with ogr2ogr -t_srs EPSG:4326',
    });
  return resolveCrs(`EPSG:${srs.organization_coordsys_id}`, source);
}
