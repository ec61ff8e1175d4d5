/** FlatGeobuf's fixed layout (https://flatgeobuf.org, src/fbs/header.fbs and feature.fbs, spec v3). */

/** `fgb`, version 3, `fgb`, then the patch level (any is read); GDAL ≥ 3.1 writes 1, so do we. */
export const MAGIC = Uint8Array.of(0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x01);

/** The size prefix in front of the header and of every feature. */
export const PREFIX_BYTES = 4;

/** An index node: minX, minY, maxX, maxY (f64) and an offset (u64). */
export const NODE_BYTES = 40;

export const DEFAULT_NODE_SIZE = 16;

/** A header or feature larger than this is not a real file but a corrupt length (GDAL's own limit is 2 GB). */
export const MAX_BUFFER_BYTES = 0x7fffffff;

export const GeometryType = {
  Unknown: 0,
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
} as const;

export const ColumnType = {
  Byte: 0,
  UByte: 1,
  Bool: 2,
  Short: 3,
  UShort: 4,
  Int: 5,
  UInt: 6,
  Long: 7,
  ULong: 8,
  Float: 9,
  Double: 10,
  String: 11,
  Json: 12,
  DateTime: 13,
  Binary: 14,
} as const;

/** Field slots (vtable order) of the tables we read and write. */
export const HeaderSlot = {
  name: 0,
  envelope: 1,
  geometryType: 2,
  hasZ: 3,
  hasM: 4,
  hasT: 5,
  hasTM: 6,
  columns: 7,
  featuresCount: 8,
  indexNodeSize: 9,
  crs: 10,
  title: 11,
  description: 12,
  metadata: 13,
} as const;

export const ColumnSlot = { name: 0, type: 1, title: 2, description: 3, nullable: 7 } as const;
export const CrsSlot = { org: 0, code: 1, name: 2, description: 3, wkt: 4, codeString: 5 } as const;
export const FeatureSlot = { geometry: 0, properties: 1, columns: 2 } as const;
export const GeometrySlot = { ends: 0, xy: 1, z: 2, m: 3, t: 4, tm: 5, type: 6, parts: 7 } as const;
