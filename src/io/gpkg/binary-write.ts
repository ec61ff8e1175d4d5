import { ringSignedArea } from '../../geometry/area.js';

/** A polygon as rings (flat lon/lat, closed): shell first, then holes. */
type PolygonRings = readonly Float64Array[];

/** A GeoPackage geometry blob, and its box [minX, minY, maxX, maxY] (undefined when empty) for the R*Tree. */
export interface EncodedGeometry {
  blob: Buffer;
  box?: [number, number, number, number];
}

/**
 * Polygons as a GeoPackage MultiPolygon blob: "GP", version 0, flags (little-endian, xy envelope, or
 * the empty flag without one), srs_id, then little-endian ISO WKB; shells counter-clockwise, holes
 * clockwise, as in our GeoJSON.
 */
export function encodeMultiPolygon(polygons: readonly PolygonRings[], srsId: number): EncodedGeometry {
  const points = polygons.reduce((sum, rings) => sum + rings.reduce((s, ring) => s + ring.length / 2, 0), 0);
  const ringCount = polygons.reduce((sum, rings) => sum + rings.length, 0);
  const empty = polygons.length === 0;
  const headerBytes = 8 + (empty ? 0 : 32);
  const blob = Buffer.alloc(headerBytes + 9 + polygons.length * 9 + ringCount * 4 + points * 16);
  blob.write('GP', 0, 'latin1');
  blob[2] = 0;
  // Bit 0: little-endian; bits 1–3: envelope 1 (xy); bit 4: empty.
  blob[3] = empty ? 0x11 : 0x03;
  blob.writeInt32LE(srsId, 4);
  let at = headerBytes;
  at = wkbType(blob, at, 6, polygons.length);
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    at = wkbType(blob, at, 3, rings.length);
    rings.forEach((ring, r) => {
      const n = ring.length / 2;
      blob.writeUInt32LE(n, at);
      at += 4;
      const reverse = ringSignedArea(ring, 0, n) > 0 !== (r === 0);
      for (let k = 0; k < n; k++) {
        const v = reverse ? n - 1 - k : k;
        const x = ring[2 * v];
        const y = ring[2 * v + 1];
        blob.writeDoubleLE(x, at);
        blob.writeDoubleLE(y, at + 8);
        at += 16;
        if (r > 0) continue;
        if (x < box[0]) box[0] = x;
        if (y < box[1]) box[1] = y;
        if (x > box[2]) box[2] = x;
        if (y > box[3]) box[3] = y;
      }
    });
  }
  if (at !== blob.length) throw new Error(`GeoPackage blob of ${blob.length} bytes, ${at} written`);
  if (empty) return { blob };
  // The envelope is minX, maxX, minY, maxY (spec §2.1.3), unlike the box.
  [box[0], box[2], box[1], box[3]].forEach((value, k) => {
    blob.writeDoubleLE(value, 8 + 8 * k);
  });
  return { blob, box };
}

/** A WKB geometry's byte order (little-endian), type and count of parts or rings. */
function wkbType(blob: Buffer, at: number, type: number, count: number): number {
  blob[at] = 1;
  blob.writeUInt32LE(type, at + 1);
  blob.writeUInt32LE(count, at + 5);
  return at + 9;
}
