import { InputError } from '../../errors.js';
import { type Crs, resolveCrs } from '../../geometry/crs.js';
import { type FileDigest, readInputUtf8, utf8Start, utf8Text } from '../files/source.js';
import type { RawFeature } from '../read-result.js';
import { scanFeatureCollection } from './scan.js';

/**
 * Reads a GeoJSON FeatureCollection (or a single Feature) and returns its features in file order,
 * and the CRS of its legacy `crs` member (GeoJSON 2008, which GDAL still writes for projected data).
 */
export function readGeoJsonFeatures(
  path: string,
  keys?: readonly string[],
): { features: RawFeature[]; digest: FileDigest; crs?: Crs } {
  const { data, digest } = readInputUtf8(path);
  return { ...geoJsonFeatures(data, path, keys), digest };
}

/**
 * The features of GeoJSON bytes, as `readGeoJsonFeatures` gives them; with `keys`, a feature's
 * properties may hold only those (the scanner parses no others).
 */
export function geoJsonFeatures(
  data: Buffer,
  path: string,
  keys?: readonly string[],
): { features: RawFeature[]; crs?: Crs } {
  const document = scanFeatureCollection(data, utf8Start(data), keys) ?? parseDocument(utf8Text(data), path);
  const features = document.features.map((f, index) => rawFeature(f, index, path));
  const crs = legacyCrs(document.crs, path);
  return { features, ...(crs ? { crs } : {}) };
}

/** The whole text through JSON.parse: for what the scanner leaves, and for the errors. */
function parseDocument(text: string, path: string): { features: unknown[]; crs: unknown } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.replace(/^.*?(Unexpected|Expected|Bad|Unterminated)/, '$1');
    throw new InputError(`invalid JSON: ${message}`, {
      file: path,
      hint: text.trim() === '' ? 'the file is empty' : 'is the file complete? check it with a JSON validator',
    });
  }
  const object = doc as { type?: unknown; features?: unknown; crs?: unknown };
  if (object?.type === 'FeatureCollection' && Array.isArray(object.features))
    return { features: object.features, crs: object.crs };
  if (object?.type === 'Feature') return { features: [object], crs: object.crs };
  if (object?.type === 'FeatureCollection')
    throw new InputError('a FeatureCollection needs a "features" array', {
      file: path,
      field: 'features',
      value: object.features,
    });
  throw new InputError('not a GeoJSON FeatureCollection', {
    file: path,
    field: 'type',
    value: object?.type,
  });
}

export function rawFeature(feature: unknown, index: number, path: string): RawFeature {
  const f = feature as { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown };
  if (f?.type !== 'Feature')
    throw new InputError('not a GeoJSON Feature', {
      file: path,
      feature: index,
      field: 'type',
      value: f?.type,
    });
  const id = typeof f.id === 'string' || typeof f.id === 'number' ? f.id : undefined;
  const properties =
    f.properties && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {};
  return { index, id, properties, geometry: f.geometry };
}

/** `"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}`, if present. */
export function legacyCrs(member: unknown, path: string): Crs | undefined {
  if (member === undefined || member === null) return undefined;
  const name = (member as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string')
    throw new InputError('unsupported crs member (expected a named CRS)', {
      file: path,
      field: 'crs',
      value: member,
    });
  return resolveCrs(name, { file: path, field: 'crs.properties.name' });
}
