import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import RBush from 'rbush';
import { polygonCovers } from '../src/geometry/point-in-polygon.js';
import type { Households } from '../src/model/households.js';
import type { PolygonSet } from '../src/model/polygon-set.js';

/** The naive loop the grid replaces: R-tree candidates, then an exact point-in-polygon test each. */
export function naiveClassify(
  households: Households,
  set: PolygonSet,
  index: Flatbush,
  count: number,
): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const x = households.lon[i];
    const y = households.lat[i];
    let mask = 0;
    for (const p of index.search(x, y, x, y)) {
      const bit = 1 << set.owner[p];
      if ((mask & bit) === 0 && polygonCovers(set, p, x, y)) mask |= bit;
    }
    out[i] = mask >>> 0;
  }
  return out;
}

type TurfPolygon = { type: 'Polygon'; coordinates: number[][][] };

/** GeoJSON polygons for turf, built once outside the timed loop. */
export function turfPolygons(set: PolygonSet): TurfPolygon[] {
  const polygons: TurfPolygon[] = [];
  for (let p = 0; p < set.polygonCount; p++) {
    const rings: number[][][] = [];
    for (let r = set.ringStart[p]; r < set.ringStart[p + 1]; r++) {
      const ring: number[][] = [];
      for (let v = set.ringOffset[r]; v < set.ringOffset[r + 1]; v++)
        ring.push([set.coords[2 * v], set.coords[2 * v + 1]]);
      rings.push(ring);
    }
    polygons.push({ type: 'Polygon', coordinates: rings });
  }
  return polygons;
}

/** The same R-tree candidates, tested with turf's booleanPointInPolygon. */
export function turfClassify(
  households: Households,
  set: PolygonSet,
  polygons: TurfPolygon[],
  index: Flatbush,
  count: number,
): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const point = [households.lon[i], households.lat[i]];
    let mask = 0;
    for (const p of index.search(point[0], point[1], point[0], point[1])) {
      const bit = 1 << set.owner[p];
      if ((mask & bit) === 0 && booleanPointInPolygon(point, polygons[p])) mask |= bit;
    }
    out[i] = mask >>> 0;
  }
  return out;
}

/** rbush's bulk load of the same boxes, to compare with flatbush's build. */
export function rbushLoad(
  set: PolygonSet,
): RBush<{ minX: number; minY: number; maxX: number; maxY: number; p: number }> {
  const tree = new RBush<{ minX: number; minY: number; maxX: number; maxY: number; p: number }>();
  const items = [];
  for (let p = 0; p < set.polygonCount; p++) {
    const b = set.bbox;
    items.push({ minX: b[4 * p], minY: b[4 * p + 1], maxX: b[4 * p + 2], maxY: b[4 * p + 3], p });
  }
  return tree.load(items);
}

export function flatbushBuild(set: PolygonSet): Flatbush {
  const index = new Flatbush(set.polygonCount);
  for (let p = 0; p < set.polygonCount; p++)
    index.add(set.bbox[4 * p], set.bbox[4 * p + 1], set.bbox[4 * p + 2], set.bbox[4 * p + 3]);
  index.finish();
  return index;
}
