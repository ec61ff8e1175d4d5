import { InputError } from '../errors.js';
import { type Crs, resolveCrs } from '../geometry/crs.js';
import { type FileDigest, readInputText } from './source.js';

/** A feature as read: its index in the file, its id, properties, and geometry (unchecked). */
export interface RawFeature {
  index: number;
  id?: string | number;
  properties: Record<string, unknown>;
  geometry: unknown;
}

/**
 * Reads a GeoJSON FeatureCollection (or a single Feature) and returns its features in file order,
 * and the CRS of its legacy `crs` member (GeoJSON 2008, which GDAL still writes for projected data).
 */
export function readGeoJsonFeatures(path: string): { features: RawFeature[]; digest: FileDigest; crs?: Crs } {
  const { text, digest } = readInputText(path);
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
  let features: unknown[];
  if (object?.type === 'FeatureCollection' && Array.isArray(object.features)) features = object.features;
  else if (object?.type === 'Feature') features = [object];
  else
    throw new InputError('not a GeoJSON FeatureCollection', {
      file: path,
      field: 'type',
      value: object?.type,
    });
  const raw = features.map((feature, index) => {
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
  });
  const crs = legacyCrs(object.crs, path);
  return { features: raw, digest, ...(crs ? { crs } : {}) };
}

/** `"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}`, if present. */
function legacyCrs(member: unknown, path: string): Crs | undefined {
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

/** Where a geometry problem is reported. */
export interface GeometryContext {
  file: string;
  feature: number;
  id?: string | number;
  /** The CRS of the coordinates (default lon/lat); they are returned in lon/lat. */
  crs?: Crs;
}

/**
 * Polygon or MultiPolygon coordinates as polygons of flat rings ([x0, y0, …], closed), checked:
 * finite lon/lat in range, rings closed with at least 4 positions.
 */
export function polygonsOf(geometry: unknown, where: GeometryContext): Float64Array[][] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g === null || g === undefined)
    throw new InputError('feature has no geometry', { ...where, field: 'geometry', value: g });
  if (g.type === 'Polygon') return [polygonRings(g.coordinates, where, 'geometry.coordinates')];
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates))
      throw new InputError('coordinates must be an array', {
        ...where,
        field: 'geometry.coordinates',
        value: g.coordinates,
      });
    return g.coordinates.map((polygon, k) => polygonRings(polygon, where, `geometry.coordinates[${k}]`));
  }
  throw new InputError('expected a Polygon or MultiPolygon', {
    ...where,
    field: 'geometry.type',
    value: g.type,
  });
}

/** A Point's lon/lat, checked. */
export function pointOf(geometry: unknown, where: GeometryContext): [number, number] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g === null || g === undefined)
    throw new InputError('feature has no geometry', { ...where, field: 'geometry', value: g });
  if (g.type !== 'Point')
    throw new InputError('expected a Point', { ...where, field: 'geometry.type', value: g.type });
  const c = g.coordinates as unknown[];
  checkPosition(c, where, 'geometry.coordinates');
  if (!where.crs || where.crs.geographic) return [c[0] as number, c[1] as number];
  const xy = [c[0] as number, c[1] as number];
  toLonLat(xy, where, 'geometry.coordinates', c);
  return [xy[0], xy[1]];
}

function polygonRings(coordinates: unknown, where: GeometryContext, field: string): Float64Array[] {
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    throw new InputError('a polygon needs at least one ring', { ...where, field, value: coordinates });
  return coordinates.map((ring, r) => {
    const ringField = `${field}[${r}]`;
    if (!Array.isArray(ring))
      throw new InputError('a ring must be an array of positions', {
        ...where,
        field: ringField,
        value: ring,
      });
    if (ring.length < 4)
      throw new InputError(`a ring needs at least 4 positions, has ${ring.length}`, {
        ...where,
        field: ringField,
        value: ring,
      });
    const flat = new Float64Array(ring.length * 2);
    ring.forEach((position, k) => {
      checkPosition(position, where, `${ringField}[${k}]`);
      flat[2 * k] = position[0];
      flat[2 * k + 1] = position[1];
    });
    const n = ring.length;
    if (flat[0] !== flat[2 * n - 2] || flat[1] !== flat[2 * n - 1])
      throw new InputError('ring is not closed (its last position differs from its first)', {
        ...where,
        field: ringField,
        value: [ring[0], ring[n - 1]],
      });
    if (where.crs && !where.crs.geographic) toLonLat(flat, where, ringField, ring[0]);
    return flat;
  });
}

/** Projected coordinates to lon/lat in place; a position the CRS cannot transform is the user's error. */
function toLonLat(xy: Float64Array | number[], where: GeometryContext, field: string, sample: unknown): void {
  const crs = where.crs as Crs;
  crs.toLonLat(xy);
  for (let k = 0; k < xy.length; k += 2) {
    if (
      !Number.isFinite(xy[k]) ||
      !Number.isFinite(xy[k + 1]) ||
      Math.abs(xy[k]) > 180 ||
      Math.abs(xy[k + 1]) > 90
    )
      throw new InputError(`coordinates cannot be transformed from ${crs.name} to lon/lat`, {
        ...where,
        field,
        value: sample,
        hint: "is the CRS right? (--input-crs, or the file's crs)",
      });
  }
}

function checkPosition(
  position: unknown,
  where: GeometryContext,
  field: string,
): asserts position is number[] {
  if (!Array.isArray(position) || position.length < 2)
    throw new InputError('a position must be [lon, lat]', { ...where, field, value: position });
  const [x, y] = position;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    throw new InputError('coordinates must be finite numbers', { ...where, field, value: position });
  if (where.crs && !where.crs.geographic) return;
  if (Math.abs(x) > 180 || Math.abs(y) > 90)
    throw new InputError('coordinates out of range for WGS84 lon/lat', {
      ...where,
      field,
      value: position,
      hint:
        Math.abs(x) > 1000 || Math.abs(y) > 1000
          ? 'these look like metres in a projected CRS: give --input-crs (e.g. EPSG:25832) or convert with ogr2ogr -t_srs EPSG:4326'
          : 'expected [longitude, latitude] in degrees',
    });
}
