import { InputError } from '../../errors.js';
import { FlatPolygons } from '../flat-polygons.js';
import { GeometrySlot, GeometryType } from './format.js';
import type { TableView } from './table-view.js';

type Position = [number, number];

/**
 * A geometry as `polygonsOf`/`pointOf` take it, 2D (z and m are dropped): polygons as flat rings,
 * anything else as a GeoJSON-like object (only read to be named in an error, or as a point).
 */
export type DecodedGeometry =
  | FlatPolygons
  | { type: string; coordinates: unknown }
  | { type: 'GeometryCollection'; geometries: DecodedGeometry[] };

const NAMES: Record<number, string> = {
  [GeometryType.Point]: 'Point',
  [GeometryType.LineString]: 'LineString',
  [GeometryType.Polygon]: 'Polygon',
  [GeometryType.MultiPoint]: 'MultiPoint',
  [GeometryType.MultiLineString]: 'MultiLineString',
  [GeometryType.MultiPolygon]: 'MultiPolygon',
};

/** The Geometry table at `table`; its own type, else the header's (`headerType`). */
export function decodeGeometry(view: TableView, table: number, headerType: number): DecodedGeometry {
  const type = view.u8(table, GeometrySlot.type, GeometryType.Unknown) || headerType;
  switch (type) {
    case GeometryType.Point:
      return { type: 'Point', coordinates: positions(view, table)[0] ?? [] };
    case GeometryType.MultiPoint:
    case GeometryType.LineString:
      return { type: NAMES[type], coordinates: positions(view, table) };
    case GeometryType.MultiLineString:
      return { type: NAMES[type], coordinates: split(view, table, positions(view, table)) };
    case GeometryType.Polygon:
      return new FlatPolygons('Polygon', [flatRings(view, table)]);
    case GeometryType.MultiPolygon:
      return new FlatPolygons(
        'MultiPolygon',
        parts(view, table).map((part) => flatRings(view, part)),
      );
    case GeometryType.GeometryCollection:
      return {
        type: 'GeometryCollection',
        geometries: parts(view, table).map((part) => decodeGeometry(view, part, GeometryType.Unknown)),
      };
    default:
      throw new InputError(`unsupported FlatGeobuf geometry type ${type}`, {
        file: view.file,
        feature: view.feature,
        field: 'geometry.type',
        value: type,
        hint: 'convert curves and surfaces with ogr2ogr -nlt CONVERT_TO_LINEAR',
      });
  }
}

/** The xy vector as positions. */
function positions(view: TableView, table: number): Position[] {
  const xy = view.ref(table, GeometrySlot.xy);
  if (xy < 0) return [];
  const n = view.length(xy, 8);
  if (n % 2 !== 0) view.fail(`an xy vector of odd length ${n}`, xy);
  const out: Position[] = new Array(n / 2);
  for (let k = 0; k < n / 2; k++)
    out[k] = [view.buf.readDoubleLE(xy + 4 + 16 * k), view.buf.readDoubleLE(xy + 12 + 16 * k)];
  return out;
}

/** Lines by the `ends` vector (see `ringEnds`). */
function split(view: TableView, table: number, all: Position[]): Position[][] {
  const ends = ringEnds(view, table, all.length);
  const out: Position[][] = [];
  for (let k = 0; k + 1 < ends.length; k++) out.push(all.slice(ends[k], ends[k + 1]));
  return out;
}

/** A polygon's rings as flat [x0, y0, x1, y1, …] arrays, straight from the xy vector. */
function flatRings(view: TableView, table: number): Float64Array[] {
  const xy = view.ref(table, GeometrySlot.xy);
  const n = xy < 0 ? 0 : view.length(xy, 8);
  if (n % 2 !== 0) view.fail(`an xy vector of odd length ${n}`, xy);
  const all = new Float64Array(n);
  for (let k = 0; k < n; k++) all[k] = view.buf.readDoubleLE(xy + 4 + 8 * k);
  const ends = ringEnds(view, table, n / 2);
  const out: Float64Array[] = [];
  // Views, not copies: the rings do not overlap, and each is transformed in place on its own.
  for (let k = 0; k + 1 < ends.length; k++) out.push(all.subarray(2 * ends[k], 2 * ends[k + 1]));
  return out;
}

/** Where each ring (or line) starts, in positions, and where the last ends, by the `ends` vector; none means one. */
function ringEnds(view: TableView, table: number, count: number): number[] {
  const ends = view.ref(table, GeometrySlot.ends);
  if (ends < 0) return count === 0 ? [] : [0, count];
  const n = view.length(ends, 4);
  const out = [0];
  for (let k = 0; k < n; k++) {
    const end = view.buf.readUInt32LE(ends + 4 + 4 * k);
    const start = out[out.length - 1];
    if (end < start || end > count) view.fail(`ring end ${end} outside ${start}..${count}`, ends + 4 + 4 * k);
    out.push(end);
  }
  return out;
}

/** The `parts` vector's Geometry tables. */
function parts(view: TableView, table: number): number[] {
  const vector = view.ref(table, GeometrySlot.parts);
  if (vector < 0) return [];
  const n = view.length(vector, 4);
  return Array.from({ length: n }, (_, k) => view.tableAt(vector, k));
}
