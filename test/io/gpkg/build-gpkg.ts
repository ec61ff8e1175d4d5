import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createCore, createFeatureTable, createSpatialIndex } from '../../../src/io/gpkg/schema.js';
import { HAND } from '../../helpers.js';

/** Test GeoPackages made with our binding, so the reader's tests need no GDAL. */

type Geometry = { type: string; coordinates: unknown };

export interface TestLayer {
  name: string;
  /** Default 4326; 25832 adds its row to gpkg_spatial_ref_sys. */
  srsId?: number;
  geometryType?: string;
  /** Column name → SQL type; default: from the first feature's properties. */
  columns?: Record<string, string>;
  /** A geometry as GeoJSON (encoded as GP + ISO WKB, `dims` 2–4), a raw blob, or null. */
  features: { geometry: Geometry | Uint8Array | null; properties?: Record<string, unknown> }[];
  /** Doubles per position: 3 writes Z (ISO 1000), 4 ZM (ISO 3000). */
  dims?: 2 | 3 | 4;
}

const EXTRA_SRS: Record<number, [string, string]> = {
  25832: ['ETRS89 / UTM zone 32N', 'PROJCS["ETRS89 / UTM zone 32N",AUTHORITY["EPSG","25832"]]'],
  31467: ['DHDN / 3-degree Gauss-Kruger zone 3', 'PROJCS["DHDN / 3-degree Gauss-Kruger zone 3"]'],
};

/** Writes `layers` into a new GeoPackage at `path`. */
export function writeTestGeoPackage(path: string, layers: TestLayer[]): string {
  const db = new Database(path);
  try {
    db.transaction(() => writeLayers(db, layers))();
  } finally {
    db.close();
  }
  return path;
}

function writeLayers(db: Database.Database, layers: TestLayer[]): void {
  createCore(db);
  for (const layer of layers) {
    const srsId = layer.srsId ?? 4326;
    if (EXTRA_SRS[srsId] && !db.prepare('SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(srsId))
      db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)').run(
        EXTRA_SRS[srsId][0],
        srsId,
        'EPSG',
        srsId,
        EXTRA_SRS[srsId][1],
      );
    const columns =
      layer.columns ??
      Object.fromEntries(
        Object.entries(layer.features[0]?.properties ?? {}).map(([k, v]) => [
          k,
          typeof v === 'number' ? (Number.isInteger(v) ? 'INTEGER' : 'REAL') : 'TEXT',
        ]),
      );
    createFeatureTable(db, {
      name: layer.name,
      columns: Object.entries(columns).map(([name, type]) => ({ name, type })),
      geometryType: layer.geometryType ?? 'GEOMETRY',
      srsId,
      lastChange: '2026-01-01T00:00:00.000Z',
    });
    const names = ['geom', ...Object.keys(columns)];
    const insert = db.prepare(
      `INSERT INTO "${layer.name}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
    for (const f of layer.features) {
      const blob =
        f.geometry === null || f.geometry instanceof Uint8Array
          ? f.geometry
          : geoPackageBlob(f.geometry, srsId, layer.dims ?? 2);
      insert.run(blob, ...Object.keys(columns).map((k) => f.properties?.[k] ?? null));
    }
    createSpatialIndex(db, layer.name);
  }
}

const TYPES: Record<string, number> = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiPolygon: 6 };

/** A GeoJSON geometry as a GeoPackage blob without envelope: "GP", version 0, flags (LE), srs_id, ISO WKB. */
export function geoPackageBlob(
  geometry: Geometry,
  srsId = 4326,
  dims: 2 | 3 | 4 = 2,
  bigEndian = false,
): Buffer {
  const header = Buffer.alloc(8);
  header.write('GP', 0, 'latin1');
  const empty = geometry.type === 'Point' && (geometry.coordinates as number[]).length === 0;
  header[3] = (bigEndian ? 0 : 1) | (empty ? 0x10 : 0);
  if (bigEndian) header.writeInt32BE(srsId, 4);
  else header.writeInt32LE(srsId, 4);
  return Buffer.concat([header, wkb(geometry, dims, bigEndian)]);
}

/** ISO WKB of a GeoJSON geometry; `dims` 3 adds z = 0, 4 adds z and m. */
export function wkb(geometry: Geometry, dims: 2 | 3 | 4 = 2, bigEndian = false): Buffer {
  const out: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    bigEndian ? b.writeUInt32BE(n) : b.writeUInt32LE(n);
    out.push(b);
  };
  const f64 = (n: number) => {
    const b = Buffer.alloc(8);
    bigEndian ? b.writeDoubleBE(n) : b.writeDoubleLE(n);
    out.push(b);
  };
  const position = (p: number[]) => {
    const [x, y] = p.length === 0 ? [Number.NaN, Number.NaN] : p;
    f64(x);
    f64(y);
    for (let d = 2; d < dims; d++) f64(d === 2 ? 100 : 7);
  };
  const head = (type: number) => {
    out.push(Buffer.of(bigEndian ? 0 : 1));
    u32(type + (dims === 3 ? 1000 : dims === 4 ? 3000 : 0));
  };
  const ring = (positions: number[][]) => {
    u32(positions.length);
    positions.forEach(position);
  };
  const polygon = (rings: number[][][]) => {
    head(3);
    u32(rings.length);
    rings.forEach(ring);
  };
  const c = geometry.coordinates as never;
  switch (geometry.type) {
    case 'Point':
      head(1);
      position(c);
      break;
    case 'LineString':
      head(2);
      ring(c);
      break;
    case 'Polygon':
      polygon(c);
      break;
    case 'MultiPoint':
      head(4);
      u32((c as number[][]).length);
      for (const p of c as number[][]) {
        head(1);
        position(p);
      }
      break;
    case 'MultiPolygon':
      head(6);
      u32((c as number[][][][]).length);
      (c as number[][][][]).forEach(polygon);
      break;
    default:
      throw new Error(`no WKB for ${geometry.type} in the test builder (${TYPES[geometry.type]})`);
  }
  return Buffer.concat(out);
}

type Feature = { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } };

/** A hand-built fixture's features as a test layer, properties as columns. */
export function handLayer(role: 'households' | 'coverage' | 'regions', name: string = role): TestLayer {
  const { features } = JSON.parse(readFileSync(`${HAND}${role}.geojson`, 'utf8')) as { features: Feature[] };
  const columns: Record<string, string> = {};
  for (const f of features)
    for (const [k, v] of Object.entries(f.properties))
      columns[k] ??= typeof v === 'number' ? (Number.isInteger(v) ? 'INTEGER' : 'REAL') : 'TEXT';
  return {
    name,
    columns,
    features: features.map((f) => ({ geometry: f.geometry, properties: f.properties })),
  };
}
