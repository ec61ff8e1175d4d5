import { existsSync } from 'node:fs';

/** A GeoPackage input as given: the file, and the layer after `:` when one is named. */
export interface LayerPath {
  file: string;
  layer?: string;
}

const WITH_LAYER = /^(.*\.gpkg):([^:/\\]+)$/i;

/** Splits `PATH.gpkg:LAYER`; a file whose own name holds the colon is taken as it is. */
export function splitLayerPath(path: string): LayerPath {
  const match = WITH_LAYER.exec(path);
  if (!match || existsSync(path)) return { file: path };
  return { file: match[1], layer: match[2] };
}

/** Whether a path names a GeoPackage by its extension, with or without a layer. */
export function isGeoPackageName(path: string): boolean {
  return path.toLowerCase().endsWith('.gpkg') || WITH_LAYER.test(path);
}

/** The first bytes of every SQLite 3 file (a GeoPackage is one). */
export const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
