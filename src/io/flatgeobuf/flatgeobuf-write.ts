import { ringSignedArea } from '../../geometry/area.js';
import { type Crs, epsgCode } from '../../geometry/crs.js';
import type { OutputFeature } from '../geojson/write.js';
import { encodeProperties, inferColumns } from './columns-write.js';
import { encodeSizePrefixed, type Table } from './flatbuffer-encode.js';
import {
  ColumnSlot,
  CrsSlot,
  DEFAULT_NODE_SIZE,
  FeatureSlot,
  GeometrySlot,
  GeometryType,
  HeaderSlot,
  MAGIC,
} from './format.js';
import type { Column } from './header.js';
import { buildTree, hilbertOrder } from './packed-rtree.js';

export interface FlatGeobufLayer {
  /** The layer name GDAL and QGIS show. */
  name: string;
  /** The CRS to write in (an `EPSG:<code>`); default lon/lat. */
  crs?: Crs;
  /** Columns that are fractions (Double) even when every value is whole. */
  doubles?: (name: string) => boolean;
}

/**
 * A FlatGeobuf file of MultiPolygon features, as chunks to stream to disk: magic and header, the
 * packed Hilbert R-tree, then the features in Hilbert order (the spec requires the index's order),
 * so GDAL and QGIS can query a bbox without reading the whole file. The features are encoded twice —
 * once to learn their sizes for the index offsets, once to write — so the file is never whole in memory.
 * Shells counter-clockwise, holes clockwise, as in our GeoJSON.
 */
export function* flatGeobufChunks(
  features: readonly OutputFeature[],
  layer: FlatGeobufLayer,
): Generator<Uint8Array> {
  const columns = inferColumns(
    features.map((f) => f.properties),
    layer.doubles,
  );
  const boxes = new Float64Array(4 * features.length);
  const sizes = features.map((feature, k) => {
    const polygons = projected(feature, layer.crs);
    boxes.set(boxOf(polygons), 4 * k);
    return encodeFeature(polygons, feature.properties, columns).length;
  });
  const order = hilbertOrder(boxes);
  const sortedBoxes = new Float64Array(boxes.length);
  const offsets: number[] = [];
  let offset = 0;
  order.forEach((item, k) => {
    sortedBoxes.set(boxes.subarray(4 * item, 4 * item + 4), 4 * k);
    offsets.push(offset);
    offset += sizes[item];
  });
  yield MAGIC;
  yield encodeSizePrefixed(headerTable(layer, columns, features.length, envelopeOf(boxes)));
  if (features.length > 0) yield buildTree(sortedBoxes, offsets, DEFAULT_NODE_SIZE);
  for (const item of order) {
    const feature = features[item];
    yield encodeFeature(projected(feature, layer.crs), feature.properties, columns);
  }
}

function headerTable(layer: FlatGeobufLayer, columns: Column[], count: number, envelope: number[]): Table {
  const header: Table = [];
  header[HeaderSlot.name] = { kind: 'string', value: layer.name };
  if (count > 0) header[HeaderSlot.envelope] = { kind: 'f64s', value: envelope };
  header[HeaderSlot.geometryType] = { kind: 'u8', value: GeometryType.MultiPolygon };
  header[HeaderSlot.columns] = {
    kind: 'tables',
    value: columns.map((c) => {
      const column: Table = [];
      column[ColumnSlot.name] = { kind: 'string', value: c.name };
      column[ColumnSlot.type] = { kind: 'u8', value: c.type };
      return column;
    }),
  };
  header[HeaderSlot.featuresCount] = { kind: 'u64', value: count };
  // No features, no index: a node size then would promise an index of one node that is not there.
  header[HeaderSlot.indexNodeSize] = { kind: 'u16', value: count > 0 ? DEFAULT_NODE_SIZE : 0 };
  const crs: Table = [];
  crs[CrsSlot.org] = { kind: 'string', value: 'EPSG' };
  crs[CrsSlot.code] = { kind: 'i32', value: epsgCode(layer.crs) ?? 0 };
  header[HeaderSlot.crs] = { kind: 'table', value: crs };
  return header;
}

function encodeFeature(
  polygons: Float64Array[][],
  properties: Record<string, unknown>,
  columns: Column[],
): Buffer {
  const parts = polygons.map((rings) => {
    const part: Table = [];
    let points = 0;
    const ends = rings.map((ring) => (points += ring.length / 2));
    const xy = new Float64Array(2 * points);
    let at = 0;
    for (const ring of rings) {
      xy.set(ring, at);
      at += ring.length;
    }
    if (rings.length > 1) part[GeometrySlot.ends] = { kind: 'u32s', value: ends };
    part[GeometrySlot.xy] = { kind: 'f64s', value: xy };
    part[GeometrySlot.type] = { kind: 'u8', value: GeometryType.Polygon };
    return part;
  });
  const geometry: Table = [];
  geometry[GeometrySlot.type] = { kind: 'u8', value: GeometryType.MultiPolygon };
  geometry[GeometrySlot.parts] = { kind: 'tables', value: parts };
  const feature: Table = [];
  feature[FeatureSlot.geometry] = { kind: 'table', value: geometry };
  feature[FeatureSlot.properties] = { kind: 'bytes', value: encodeProperties(properties, columns) };
  return encodeSizePrefixed(feature);
}

/** The polygons oriented (on lon/lat, before projecting) and in the output CRS, as copies. */
function projected(feature: OutputFeature, crs: Crs | undefined): Float64Array[][] {
  return feature.polygons.map((rings) =>
    rings.map((ring, r) => {
      const n = ring.length / 2;
      const copy = new Float64Array(ring.length);
      const reverse = ringSignedArea(ring, 0, n) > 0 !== (r === 0);
      for (let k = 0; k < n; k++) {
        const v = reverse ? n - 1 - k : k;
        copy[2 * k] = ring[2 * v];
        copy[2 * k + 1] = ring[2 * v + 1];
      }
      if (crs && !crs.geographic) crs.fromLonLat(copy);
      return copy;
    }),
  );
}

function boxOf(polygons: Float64Array[][]): number[] {
  const box = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const rings of polygons)
    for (let k = 0; k < rings[0].length; k += 2) {
      box[0] = Math.min(box[0], rings[0][k]);
      box[1] = Math.min(box[1], rings[0][k + 1]);
      box[2] = Math.max(box[2], rings[0][k]);
      box[3] = Math.max(box[3], rings[0][k + 1]);
    }
  // A feature without polygons still needs a finite box for the Hilbert sort.
  return Number.isFinite(box[0]) ? box : [0, 0, 0, 0];
}

function envelopeOf(boxes: Float64Array): number[] {
  const envelope = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (let k = 0; k < boxes.length; k += 4) {
    for (let j = 0; j < 2; j++) envelope[j] = Math.min(envelope[j], boxes[k + j]);
    for (let j = 2; j < 4; j++) envelope[j] = Math.max(envelope[j], boxes[k + j]);
  }
  return envelope;
}
