import { InputError } from '../errors.js';
import { ringAreaM2 } from '../geometry/area.js';
import { type Crs, crsMismatchHint, resolveCrs } from '../geometry/crs.js';
import { makeValid, nominalAreaM2 } from '../geometry/make-valid.js';
import { polygonProblem } from '../geometry/polygon-validity.js';
import { ScannedGeometry, scanFeatureCollection } from './geojson-scan.js';
import type { InvalidFeatures, Repair } from './skipped.js';
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
  const document = scanFeatureCollection(text) ?? parseDocument(text, path);
  const features = document.features.map((f, index) => rawFeature(f, index, path));
  const crs = legacyCrs(document.crs, path);
  return { features, digest, ...(crs ? { crs } : {}) };
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

function rawFeature(feature: unknown, index: number, path: string): RawFeature {
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
 * Polygon or MultiPolygon coordinates as polygons of flat lon/lat rings ([x0, y0, …], closed),
 * checked: finite coordinates in range, rings closed with at least 4 positions, each polygon valid
 * (OGC: simple rings, holes inside the shell, see polygonProblem). With `invalid` set to `repair`,
 * what can be repaired is (rings closed, short rings dropped, invalid polygons made valid) and listed;
 * anything else throws an InputError whose `code` names the problem.
 */
export function polygonsOf(
  geometry: unknown,
  where: GeometryContext,
  invalid?: InvalidFeatures,
): Float64Array[][] {
  if (geometry instanceof ScannedGeometry) {
    const polygons = scannedPolygons(geometry, where);
    if (polygons) return polygons;
    // Something to report or repair: the checks below, on the geometry as JSON.parse gives it.
    return polygonsOf(geometry.parse(), where, invalid);
  }
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g === null || g === undefined)
    throw new InputError('feature has no geometry', {
      ...where,
      field: 'geometry',
      value: g,
      code: 'no-geometry',
    });
  // Repairs are kept back until the feature is known to survive: a dropped feature is a skip, not a repair.
  const repairs: Repair[] | undefined = invalid?.policy === 'repair' ? [] : undefined;
  let parts: { coordinates: unknown; field: string }[];
  if (g.type === 'Polygon') parts = [{ coordinates: g.coordinates, field: 'geometry.coordinates' }];
  else if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0)
      throw new InputError('a MultiPolygon needs at least one polygon', {
        ...where,
        field: 'geometry.coordinates',
        value: g.coordinates,
        code: 'empty-geometry',
      });
    parts = g.coordinates.map((coordinates, k) => ({ coordinates, field: `geometry.coordinates[${k}]` }));
  } else
    throw new InputError('expected a Polygon or MultiPolygon', {
      ...where,
      field: 'geometry.type',
      value: g.type,
      code: 'wrong-geometry-type',
    });
  const polygons: Float64Array[][] = [];
  for (const part of parts) {
    const rings = polygonRings(part.coordinates, where, part.field, repairs);
    if (rings.length === 0) continue; // its shell was too short to repair
    const problem = polygonProblem(rings);
    if (!problem) {
      polygons.push(rings);
      continue;
    }
    if (!repairs)
      throw new InputError(`invalid polygon: ${problem.reason.replace(/-/g, ' ')}`, {
        ...where,
        field: `${part.field}[${problem.ring}]`,
        value: problem.at,
        hint: 'fix it (e.g. ST_MakeValid, QGIS Fix geometries), or run with read.invalid=repair or read.invalid=skip',
        code: problem.reason,
      });
    const valid = makeValid(rings);
    repairs.push({
      feature: where.feature,
      id: where.id,
      reason: problem.reason,
      areaBeforeM2: nominalAreaM2(rings),
      areaAfterM2: valid.reduce((sum, p) => sum + nominalAreaM2(p), 0),
    });
    polygons.push(...valid);
  }
  if (polygons.length === 0)
    throw new InputError('no polygon is left after repair: every shell had fewer than 4 positions', {
      ...where,
      field: 'geometry.coordinates',
      code: 'too-few-points',
    });
  for (const repair of repairs ?? []) invalid?.repaired(repair);
  return polygons;
}

/**
 * The scanned polygons when they pass every check below untouched — lon/lat in range, rings closed
 * with ≥ 4 positions, polygons valid — else undefined. Projected coordinates take the full path.
 */
function scannedPolygons(geometry: ScannedGeometry, where: GeometryContext): Float64Array[][] | undefined {
  if (where.crs && !where.crs.geographic) return undefined;
  const { polygons } = geometry;
  if (polygons.length === 0) return undefined;
  for (const rings of polygons) {
    if (rings.length === 0) return undefined;
    for (const ring of rings) {
      const n = ring.length;
      if (n < 8 || ring[0] !== ring[n - 2] || ring[1] !== ring[n - 1]) return undefined;
      for (let k = 0; k < n; k += 2) {
        // Written as a positive test, so NaN and ±Infinity fail it too.
        if (!(Math.abs(ring[k]) <= 180 && Math.abs(ring[k + 1]) <= 90)) return undefined;
      }
    }
    if (polygonProblem(rings)) return undefined;
  }
  return polygons;
}

/** A Point's lon/lat, checked. */
export function pointOf(geometry: unknown, where: GeometryContext): [number, number] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g === null || g === undefined)
    throw new InputError('feature has no geometry', {
      ...where,
      field: 'geometry',
      value: g,
      code: 'no-geometry',
    });
  if (g.type !== 'Point')
    throw new InputError('expected a Point', {
      ...where,
      field: 'geometry.type',
      value: g.type,
      code: 'wrong-geometry-type',
    });
  const c = g.coordinates as unknown[];
  checkPosition(c, where, 'geometry.coordinates');
  if (!where.crs || where.crs.geographic) return [c[0] as number, c[1] as number];
  const xy = [c[0] as number, c[1] as number];
  toLonLat(xy, where, 'geometry.coordinates', c);
  return [xy[0], xy[1]];
}

/** A polygon's rings, checked; under `repair` unclosed rings are closed and short rings dropped (a short shell drops all). */
function polygonRings(
  coordinates: unknown,
  where: GeometryContext,
  field: string,
  repairs: Repair[] | undefined,
): Float64Array[] {
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    throw new InputError('a polygon needs at least one ring', {
      ...where,
      field,
      value: coordinates,
      code: 'empty-geometry',
    });
  const rings: Float64Array[] = [];
  for (let r = 0; r < coordinates.length; r++) {
    const ring = coordinates[r];
    const ringField = `${field}[${r}]`;
    if (!Array.isArray(ring))
      throw new InputError('a ring must be an array of positions', {
        ...where,
        field: ringField,
        value: ring,
        code: 'bad-coordinates',
      });
    ring.forEach((position, k) => {
      checkPosition(position, where, `${ringField}[${k}]`);
    });
    const n = ring.length;
    const open = n > 0 && (ring[0][0] !== ring[n - 1][0] || ring[0][1] !== ring[n - 1][1]);
    if (open && !repairs)
      throw new InputError('ring is not closed (its last position differs from its first)', {
        ...where,
        field: ringField,
        value: [ring[0], ring[n - 1]],
        hint: 'repeat the first position at the end, or run with read.invalid=repair',
        code: 'unclosed-ring',
      });
    const positions = open ? [...ring, ring[0]] : ring;
    if (positions.length < 4) {
      if (!repairs)
        throw new InputError(`a ring needs at least 4 positions, has ${n}`, {
          ...where,
          field: ringField,
          value: ring,
          code: 'too-few-points',
        });
      repairs.push({
        feature: where.feature,
        id: where.id,
        reason: 'too-few-points',
        areaBeforeM2: 0,
        areaAfterM2: 0,
      });
      if (r === 0) return [];
      continue;
    }
    const flat = new Float64Array(positions.length * 2);
    positions.forEach((position: number[], k: number) => {
      flat[2 * k] = position[0];
      flat[2 * k + 1] = position[1];
    });
    if (where.crs && !where.crs.geographic) toLonLat(flat, where, ringField, ring[0]);
    if (open && repairs) {
      // Closing changes no area: the ring as given is read as closed by every tool that accepts it.
      const areaM2 = ringAreaM2(flat, 0, flat.length / 2);
      repairs.push({
        feature: where.feature,
        id: where.id,
        reason: 'unclosed-ring',
        areaBeforeM2: areaM2,
        areaAfterM2: areaM2,
      });
    }
    rings.push(flat);
  }
  return rings;
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
    throw new InputError('a position must be [lon, lat]', {
      ...where,
      field,
      value: position,
      code: 'bad-coordinates',
    });
  const [x, y] = position;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    throw new InputError('coordinates must be finite numbers', {
      ...where,
      field,
      value: position,
      code: 'bad-coordinates',
    });
  if (where.crs && !where.crs.degrees) {
    // Real projected coordinates in Europe are 10⁵–10⁷ m: degrees here mean the flag was meant for another file.
    if (where.crs.flag && Math.abs(x) <= 180 && Math.abs(y) <= 90)
      throw new InputError(
        `coordinates look like lon/lat degrees, but ${where.crs.flag} says ${where.crs.name}`,
        {
          ...where,
          field,
          value: position,
          hint: crsMismatchHint(where.crs.flag),
          code: 'degrees-not-metres',
        },
      );
    return;
  }
  if (Math.abs(x) > 180 || Math.abs(y) > 90)
    throw new InputError('coordinates out of range for WGS84 lon/lat', {
      ...where,
      field,
      value: position,
      hint: looksLikeMetres(x, y)
        ? 'these look like metres in a projected CRS: give read.inputCrs (e.g. EPSG:25832) or convert with ogr2ogr -t_srs EPSG:4326'
        : 'expected [longitude, latitude] in degrees',
      code: looksLikeMetres(x, y) ? 'projected-coordinates' : 'out-of-range',
    });
}

/** Eastings and northings of European projected CRSs: 10³ to 10⁸ metres. */
function looksLikeMetres(x: number, y: number): boolean {
  const big = Math.max(Math.abs(x), Math.abs(y));
  return big > 1000 && big < 1e8;
}
