// A little-endian WKB geometry (as the history rows carry it) wrapped as a GeoPackage geometry blob.

const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;

/**
 * "GP", version 0, flags (little-endian, xy envelope), srs_id, the envelope (minX, maxX, minY, maxY),
 * then the WKB as it is: what GDAL, QGIS and the R*Tree triggers read. Polygons and MultiPolygons only.
 */
export function geoPackageBlobFromWkb(wkb: Uint8Array, srsId: number): Buffer {
  const envelope = wkbEnvelope(wkb);
  const blob = Buffer.alloc(8 + 32 + wkb.length);
  blob.write('GP', 0, 'latin1');
  blob[2] = 0;
  blob[3] = 0x03;
  blob.writeInt32LE(srsId, 4);
  envelope.forEach((value, k) => {
    blob.writeDoubleLE(value, 8 + 8 * k);
  });
  blob.set(wkb, 40);
  return blob;
}

/** minX, maxX, minY, maxY of a little-endian XY Polygon or MultiPolygon's shells. */
function wkbEnvelope(wkb: Uint8Array): [number, number, number, number] {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  const e: [number, number, number, number] = [Infinity, -Infinity, Infinity, -Infinity];
  let at = 0;
  const header = (expected: number): number => {
    if (view.getUint8(at) !== 1 || view.getUint32(at + 1, true) !== expected)
      throw new Error(`expected little-endian WKB type ${expected} at byte ${at}`);
    at += 9;
    return view.getUint32(at - 4, true);
  };
  const polygon = () => {
    const rings = header(WKB_POLYGON);
    for (let r = 0; r < rings; r++) {
      const n = view.getUint32(at, true);
      at += 4;
      for (let k = 0; k < n; k++, at += 16) {
        // Holes lie inside the shell: only the shell widens the envelope.
        if (r > 0) continue;
        const x = view.getFloat64(at, true);
        const y = view.getFloat64(at + 8, true);
        e[0] = Math.min(e[0], x);
        e[1] = Math.max(e[1], x);
        e[2] = Math.min(e[2], y);
        e[3] = Math.max(e[3], y);
      }
    }
  };
  if (view.getUint32(1, true) === WKB_MULTIPOLYGON) {
    const parts = header(WKB_MULTIPOLYGON);
    for (let p = 0; p < parts; p++) polygon();
  } else polygon();
  if (at !== wkb.length) throw new Error(`WKB of ${wkb.length} bytes, ${at} read`);
  if (!(e[0] <= e[1])) throw new Error('an empty polygon has no GeoPackage envelope here');
  return e;
}
