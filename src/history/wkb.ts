// Well-known binary (OGC 06-103r4 §8.2), little-endian: what PostGIS's ST_GeomFromWKB and a GeoPackage
// geometry blob (after its header) both take.

const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;
const LITTLE_ENDIAN = 1;

/** A dead zone (shell, then holes; flat closed lon/lat rings) as a one-part MultiPolygon in WKB. */
export function deadZoneWkb(rings: readonly Float64Array[]): Uint8Array {
  return multiPolygonWkb([rings]);
}

/** Polygons (each its shell, then holes; flat closed lon/lat rings) as one MultiPolygon in WKB. */
export function multiPolygonWkb(polygons: readonly (readonly Float64Array[])[]): Uint8Array {
  const rings = polygons.flat();
  const points = rings.reduce((sum, r) => sum + r.length / 2, 0);
  const bytes = 9 + 9 * polygons.length + 4 * rings.length + 16 * points;
  const view = new DataView(new ArrayBuffer(bytes));
  let at = 0;
  const header = (type: number, count: number) => {
    view.setUint8(at, LITTLE_ENDIAN);
    view.setUint32(at + 1, type, true);
    view.setUint32(at + 5, count, true);
    at += 9;
  };
  header(WKB_MULTIPOLYGON, polygons.length);
  for (const polygon of polygons) {
    header(WKB_POLYGON, polygon.length);
    for (const ring of polygon) {
      view.setUint32(at, ring.length / 2, true);
      at += 4;
      for (const value of ring) {
        view.setFloat64(at, value, true);
        at += 8;
      }
    }
  }
  return new Uint8Array(view.buffer);
}
