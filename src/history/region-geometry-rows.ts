import type { Regions } from '../model/regions.js';
import { multiPolygonWkb } from './wkb.js';

/**
 * `region_geometry` (the GeoPackage history's region layer): each region's outline once per region
 * set, keyed by the regions file's sha256 and the region id; `geom` a MultiPolygon as WKB, lon/lat.
 */
export interface RegionGeometryRow {
  regions_sha256: string;
  region_id: string;
  region_name: string;
  geom: Uint8Array;
}

/** The regions analysed (file order), their polygons gathered by owner. */
export function regionGeometryRows(regions: Regions, regionsSha256: string): RegionGeometryRow[] {
  const { polygons } = regions;
  const byRegion: Float64Array[][][] = regions.ids.map(() => []);
  for (let p = 0; p < polygons.polygonCount; p++) {
    const rings: Float64Array[] = [];
    for (let r = polygons.ringStart[p]; r < polygons.ringStart[p + 1]; r++)
      rings.push(polygons.coords.subarray(2 * polygons.ringOffset[r], 2 * polygons.ringOffset[r + 1]));
    byRegion[polygons.owner[p]].push(rings);
  }
  return regions.ids.flatMap((id, r) =>
    // A region without a polygon has no outline to draw.
    byRegion[r].length === 0
      ? []
      : [
          {
            regions_sha256: regionsSha256,
            region_id: id,
            region_name: regions.names[r],
            geom: multiPolygonWkb(byRegion[r]),
          },
        ],
  );
}
