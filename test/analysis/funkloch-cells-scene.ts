import {
  type FunklochCells,
  type FunklochCellsOptions,
  funklochCells,
} from '../../src/analysis/funkloch-cells.js';
import { utmZone } from '../../src/geometry/utm.js';
import type { Layer } from '../../src/model/coverage.js';
import { allocateHouseholds } from '../../src/model/households.js';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';
import type { Regions } from '../../src/model/regions.js';
import { regionIndex } from '../../src/spatial/indexes.js';

/** A household point: lon/lat, households, layer bits. */
export interface Point {
  lon: number;
  lat: number;
  weight: number;
  mask: number;
}

/** One operator's LTE (bit 0) and 5G (bit 1). */
export const LAYERS: Layer[] = [
  { operator: 'A', technology: 'lte' },
  { operator: 'A', technology: '5g' },
];

/** Regions from lon/lat boxes [x0, y0, x1, y1], in this file order. */
export function boxRegions(boxes: Record<string, readonly number[]>): Regions {
  const builder = new PolygonSetBuilder();
  const ids = Object.keys(boxes);
  ids.forEach((id, r) => {
    const [x0, y0, x1, y1] = boxes[id];
    builder.addPolygon([Float64Array.of(x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)], r);
  });
  return { ids, names: ids, polygons: builder.finish() };
}

/** Runs the measure over the points and regions. */
export function run(
  points: readonly Point[],
  regions: Regions,
  options: FunklochCellsOptions = {},
  layers: readonly Layer[] = LAYERS,
  selected?: readonly number[],
): FunklochCells {
  const households = allocateHouseholds(points.length);
  const mask = new Uint32Array(points.length);
  points.forEach((p, i) => {
    households.lon[i] = p.lon;
    households.lat[i] = p.lat;
    households.weight[i] = p.weight;
    mask[i] = p.mask;
  });
  return funklochCells(
    {
      households,
      mask,
      layers,
      regions,
      regionIndex: regionIndex(regions.polygons),
      ...(selected ? { selected } : {}),
    },
    options,
  );
}

const utm32 = utmZone(32);

/** The lon/lat of EPSG:25832 (x, y). */
export function lonLatOf(x: number, y: number): [number, number] {
  const out = [0, 0];
  utm32.inverse(x, y, out);
  return [out[0], out[1]];
}

/** A point at fraction (fx, fy) inside 100 m cell (col, row) of EPSG:25832. */
export function inCell(col: number, row: number, weight: number, mask: number, fx = 0.5, fy = 0.5): Point {
  const [lon, lat] = lonLatOf((col + fx) * 100, (row + fy) * 100);
  return { lon, lat, weight, mask };
}

/** The layer's cells as `col,row` strings with their households, for readable expectations. */
export function layerCells(result: FunklochCells): string[] {
  const { layer } = result;
  return Array.from(
    { length: layer.count },
    (_, k) =>
      `${layer.col[k]},${layer.row[k]} r${layer.region[k]} ${layer.covered[k]}/${layer.households[k]}`,
  );
}
