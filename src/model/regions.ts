import { type PolygonSet, PolygonSetBuilder } from './polygon-set.js';

/** Regions in file order; `polygons.owner` = region index. */
export interface Regions {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly polygons: PolygonSet;
  /** The property the names came from; undefined: the ids are the names (no name property found). */
  readonly nameField?: string;
}

/** The regions at these indexes (ascending), renumbered from 0 in that order. */
export function selectRegions(regions: Regions, kept: readonly number[]): Regions {
  const { polygons } = regions;
  const index = new Int32Array(regions.ids.length).fill(-1);
  kept.forEach((r, k) => {
    index[r] = k;
  });
  const builder = new PolygonSetBuilder();
  for (let p = 0; p < polygons.polygonCount; p++) {
    const k = index[polygons.owner[p]];
    if (k < 0) continue;
    const rings: Float64Array[] = [];
    for (let r = polygons.ringStart[p]; r < polygons.ringStart[p + 1]; r++)
      rings.push(polygons.coords.subarray(2 * polygons.ringOffset[r], 2 * polygons.ringOffset[r + 1]));
    builder.addPolygon(rings, k);
  }
  return {
    ids: kept.map((r) => regions.ids[r]),
    names: kept.map((r) => regions.names[r]),
    polygons: builder.finish(),
    ...(regions.nameField === undefined ? {} : { nameField: regions.nameField }),
  };
}
