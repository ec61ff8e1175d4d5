import { InputError, isInputError } from '../errors.js';
import { makeValid, nominalAreaM2 } from '../geometry/make-valid.js';
import { polygonProblem } from '../geometry/polygon-validity.js';
import { FlatPolygons } from './flat-polygons.js';
import { ScannedGeometry } from './geojson/scanned-geometry.js';
import { checkedRing, checkPosition, type GeometryContext, toLonLat } from './ring-check.js';
import type { InvalidFeatures, Repair } from './skipped.js';

/** One polygon to check: flat rings (null: a JSON ring that is no array), and the JSON as written, if any. */
interface PolygonPart {
  field: string;
  rings: (Float64Array | null)[];
  /** Set (possibly to no array) for JSON coordinates only. */
  written?: unknown;
}

/**
 * Polygon or MultiPolygon coordinates as polygons of flat lon/lat rings ([x0, y0, …], closed),
 * checked: finite coordinates in range, rings closed with at least 4 positions, each polygon valid
 * (OGC: simple rings, holes inside the shell, see polygonProblem). With `invalid` set to `repair`,
 * what can be repaired is (rings closed, short rings dropped, invalid polygons made valid) and listed;
 * anything else throws an InputError whose `code` names the problem. The checks run on flat rings,
 * whatever the format: JSON coordinates are flattened first.
 */
export function polygonsOf(
  geometry: unknown,
  where: GeometryContext,
  invalid?: InvalidFeatures,
): Float64Array[][] {
  if (geometry instanceof FlatPolygons) {
    // Flat polygons that pass a quick check need no more; the others get the checks that name the problem.
    const clean = cleanPolygons(geometry, where);
    if (clean) return clean;
    if (!(geometry instanceof ScannedGeometry)) return checkedPolygons(flatParts(geometry), where, invalid);
    try {
      return checkedPolygons(flatParts(geometry), where, invalid);
    } catch (error) {
      // The scanner drops what follows x, y: the message quotes the positions as written.
      if (!isInputError(error)) throw error;
      return polygonsOf(geometry.parse(), where, invalid);
    }
  }
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g === null || g === undefined) throw noGeometry(where, g);
  if (g.type === 'Polygon')
    return checkedPolygons([jsonPart(g.coordinates, 'geometry.coordinates')], where, invalid);
  if (g.type !== 'MultiPolygon') throw wrongType(where, 'a Polygon or MultiPolygon', g.type);
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0)
    throw new InputError('a MultiPolygon needs at least one polygon', {
      ...where,
      field: 'geometry.coordinates',
      value: g.coordinates,
      code: 'empty-geometry',
    });
  return checkedPolygons(
    g.coordinates.map((coordinates, k) => jsonPart(coordinates, `geometry.coordinates[${k}]`)),
    where,
    invalid,
  );
}

/**
 * The flat polygons as they are when they pass every check untouched — lon/lat in range, rings
 * closed with ≥ 4 positions, polygons valid — else undefined: the common case, with nothing built.
 */
function cleanPolygons(geometry: FlatPolygons, where: GeometryContext): Float64Array[][] | undefined {
  if (where.crs && !where.crs.geographic) return undefined;
  const { polygons } = geometry;
  if (polygons.length === 0 || (geometry.type === 'Polygon' && polygons.length !== 1)) return undefined;
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

function flatParts(geometry: FlatPolygons): PolygonPart[] {
  if (geometry.type === 'Polygon')
    return [{ field: 'geometry.coordinates', rings: geometry.polygons[0] ?? [] }];
  return geometry.polygons.map((rings, k) => ({ field: `geometry.coordinates[${k}]`, rings }));
}

/** JSON rings as flat rings: a position that is not two numbers becomes NaN, reported in its turn by the checks. */
function jsonPart(coordinates: unknown, field: string): PolygonPart {
  if (!Array.isArray(coordinates)) return { field, rings: [], written: coordinates };
  const rings = coordinates.map((ring: unknown) => {
    if (!Array.isArray(ring)) return null;
    const flat = new Float64Array(ring.length * 2);
    ring.forEach((position: unknown, k: number) => {
      const [x, y] = Array.isArray(position) ? position : [];
      flat[2 * k] = typeof x === 'number' ? x : Number.NaN;
      flat[2 * k + 1] = typeof y === 'number' ? y : Number.NaN;
    });
    return flat;
  });
  return { field, rings, written: coordinates };
}

/** The parts checked (and repaired), in order; repairs are listed only when the feature survives. */
function checkedPolygons(
  parts: readonly PolygonPart[],
  where: GeometryContext,
  invalid: InvalidFeatures | undefined,
): Float64Array[][] {
  if (parts.length === 0)
    throw new InputError('a MultiPolygon needs at least one polygon', {
      ...where,
      field: 'geometry.coordinates',
      value: [],
      code: 'empty-geometry',
    });
  // Repairs are kept back until the feature is known to survive: a dropped feature is a skip, not a repair.
  const repairs: Repair[] | undefined = invalid?.policy === 'repair' ? [] : undefined;
  const polygons: Float64Array[][] = [];
  for (const part of parts) {
    const rings = polygonRings(part, where, repairs);
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

/** A polygon's rings, checked; under `repair` short rings are dropped (a short shell drops all). */
function polygonRings(
  part: PolygonPart,
  where: GeometryContext,
  repairs: Repair[] | undefined,
): Float64Array[] {
  const { field } = part;
  const written = part.written as unknown[] | undefined;
  if (part.rings.length === 0)
    throw new InputError('a polygon needs at least one ring', {
      ...where,
      field,
      value: 'written' in part ? part.written : [],
      code: 'empty-geometry',
    });
  const rings: Float64Array[] = [];
  for (let r = 0; r < part.rings.length; r++) {
    const ring = checkedRing(part.rings[r], written?.[r], where, `${field}[${r}]`, repairs);
    if (ring) rings.push(ring);
    else if (r === 0) return [];
  }
  return rings;
}

/** A Point's lon/lat, checked. */
export function pointOf(geometry: unknown, where: GeometryContext): [number, number] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g === null || g === undefined) throw noGeometry(where, g);
  if (g.type !== 'Point') throw wrongType(where, 'a Point', g.type);
  const c = g.coordinates;
  const [x, y] = Array.isArray(c) ? c : [];
  const xy: [number, number] = [
    typeof x === 'number' ? x : Number.NaN,
    typeof y === 'number' ? y : Number.NaN,
  ];
  checkPosition(xy[0], xy[1], where, 'geometry.coordinates', c);
  if (where.crs && !where.crs.geographic) toLonLat(xy, where, 'geometry.coordinates', c);
  return xy;
}

/** A feature whose geometry is null or missing. */
function noGeometry(where: GeometryContext, value: unknown): InputError {
  return new InputError('feature has no geometry', {
    ...where,
    field: 'geometry',
    value,
    code: 'no-geometry',
  });
}

/** A feature of another geometry type than the input's role takes. */
function wrongType(where: GeometryContext, expected: string, type: unknown): InputError {
  return new InputError(`expected ${expected}`, {
    ...where,
    field: 'geometry.type',
    value: type,
    code: 'wrong-geometry-type',
  });
}
