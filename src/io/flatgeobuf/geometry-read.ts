import { InputError } from '../../errors.js';
import { GeometrySlot, GeometryType } from './format.js';
import type { TableView } from './table-view.js';

type Position = [number, number];

/** A geometry as a GeoJSON-like object, as `polygonsOf`/`pointOf` take it; 2D (z and m are dropped). */
export type GeoJsonLike =
  | { type: string; coordinates: unknown }
  | { type: 'GeometryCollection'; geometries: GeoJsonLike[] };

const NAMES: Record<number, string> = {
  [GeometryType.Point]: 'Point',
  [GeometryType.LineString]: 'LineString',
  [GeometryType.Polygon]: 'Polygon',
  [GeometryType.MultiPoint]: 'MultiPoint',
  [GeometryType.MultiLineString]: 'MultiLineString',
  [GeometryType.MultiPolygon]: 'MultiPolygon',
};

/** The Geometry table at `table`; its own type, else the header's (`headerType`). */
export function decodeGeometry(view: TableView, table: number, headerType: number): GeoJsonLike {
  const type = view.u8(table, GeometrySlot.type, GeometryType.Unknown) || headerType;
  switch (type) {
    case GeometryType.Point:
      return { type: 'Point', coordinates: positions(view, table)[0] ?? [] };
    case GeometryType.MultiPoint:
    case GeometryType.LineString:
      return { type: NAMES[type], coordinates: positions(view, table) };
    case GeometryType.MultiLineString:
    case GeometryType.Polygon:
      return { type: NAMES[type], coordinates: split(view, table, positions(view, table)) };
    case GeometryType.MultiPolygon:
      return {
        type: 'MultiPolygon',
        coordinates: parts(view, table).map((part) => split(view, part, positions(view, part))),
      };
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

/** Rings (or lines) by the `ends` vector (end index of each, in positions); none means one. */
function split(view: TableView, table: number, all: Position[]): Position[][] {
  const ends = view.ref(table, GeometrySlot.ends);
  if (ends < 0) return all.length === 0 ? [] : [all];
  const n = view.length(ends, 4);
  const out: Position[][] = [];
  let start = 0;
  for (let k = 0; k < n; k++) {
    const end = view.buf.readUInt32LE(ends + 4 + 4 * k);
    if (end < start || end > all.length)
      view.fail(`ring end ${end} outside ${start}..${all.length}`, ends + 4 + 4 * k);
    out.push(all.slice(start, end));
    start = end;
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
