import { InputError, type InputErrorWhere } from '../../errors.js';
import { FlatPolygons } from '../flat-polygons.js';
import type { DecodedGeometry } from '../flatgeobuf/geometry-read.js';

/** GeoPackage binary geometry (spec §2.1.3): "GP", version, flags, srs_id, an envelope, then ISO WKB. */

/** Envelope doubles by the flags' envelope indicator (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm). */
export const ENVELOPE_DOUBLES = [0, 4, 6, 6, 8] as const;

const NAMES: Record<number, string> = {
  1: 'Point',
  2: 'LineString',
  3: 'Polygon',
  4: 'MultiPoint',
  5: 'MultiLineString',
  6: 'MultiPolygon',
  7: 'GeometryCollection',
  8: 'CircularString',
  9: 'CompoundCurve',
  10: 'CurvePolygon',
  11: 'MultiCurve',
  12: 'MultiSurface',
  13: 'Curve',
  14: 'Surface',
  15: 'PolyhedralSurface',
  16: 'TIN',
  17: 'Triangle',
};

/** The parsed header: where the WKB starts, and whether the geometry is flagged empty. */
export interface GeoPackageHeader {
  wkbAt: number;
  empty: boolean;
  srsId: number;
}

/** Reads and checks the header; `where` names the feature and column for the error. */
export function parseHeader(blob: Uint8Array, where: InputErrorWhere): GeoPackageHeader {
  const bad = (problem: string) =>
    new InputError(`not a GeoPackage geometry: ${problem}`, { ...where, code: 'bad-geometry-blob' });
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw bad('no "GP" magic at byte 0');
  if (blob[2] !== 0) throw bad(`version ${blob[2]} (only 0, GeoPackage 1.x)`);
  const flags = blob[3];
  if (flags & 0x20) throw bad('an extended geometry type (flag X): not supported');
  const envelope = (flags >> 1) & 7;
  if (envelope >= ENVELOPE_DOUBLES.length) throw bad(`envelope indicator ${envelope} (0–4 are defined)`);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const wkbAt = 8 + 8 * ENVELOPE_DOUBLES[envelope];
  if (wkbAt >= blob.length) throw bad(`${blob.length} bytes, the header alone needs ${wkbAt + 1}`);
  return { wkbAt, empty: (flags & 0x10) !== 0, srsId: dv.getInt32(4, (flags & 1) === 1) };
}

/**
 * A geometry blob as the shared checks take it (see DecodedGeometry), 2D: z and m are dropped.
 * Curves and surfaces are refused; an empty geometry decodes to no rings or no position, which the
 * checks then name (`empty-geometry`, `bad-coordinates`).
 */
export function decodeGeoPackageGeometry(blob: Uint8Array, where: InputErrorWhere): DecodedGeometry {
  const header = parseHeader(blob, where);
  return new WkbReader(blob, header.wkbAt, where).geometry();
}

/** Plain WKB (as PostGIS's ST_AsBinary gives it), decoded as a GeoPackage geometry's WKB is. */
export function decodeWkb(bytes: Uint8Array, where: InputErrorWhere): DecodedGeometry {
  return new WkbReader(bytes, 0, where).geometry();
}

/** A cursor over WKB (ISO and the older high-bit Z/M flags), each sub-geometry with its own byte order. */
class WkbReader {
  private readonly dv: DataView;
  private le = true;

  constructor(
    private readonly blob: Uint8Array,
    private at: number,
    private readonly where: InputErrorWhere,
  ) {
    this.dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  }

  geometry(): DecodedGeometry {
    const { base, dims } = this.typeHeader();
    switch (base) {
      case 1:
        return { type: 'Point', coordinates: this.point(dims) };
      case 2:
        return { type: 'LineString', coordinates: this.positions(dims) };
      case 3:
        return new FlatPolygons('Polygon', [this.rings(dims)]);
      case 4:
        return { type: 'MultiPoint', coordinates: this.parts(1, (d) => this.point(d)) };
      case 5:
        return { type: 'MultiLineString', coordinates: this.parts(2, (d) => this.positions(d)) };
      case 6:
        return new FlatPolygons(
          'MultiPolygon',
          this.parts(3, (d) => this.rings(d)),
        );
      case 7:
        return { type: 'GeometryCollection', geometries: this.parts(0, () => this.geometry()) };
      default:
        throw new InputError(`${NAMES[base] ?? `WKB geometry type ${base}`} is not supported`, {
          ...this.where,
          value: NAMES[base] ?? base,
          hint: 'convert curves and surfaces with ogr2ogr -nlt CONVERT_TO_LINEAR',
          code: 'unsupported-geometry',
        });
    }
  }

  /** Byte order and type; returns the base type (1–17) and the doubles per position (2–4). */
  private typeHeader(): { base: number; dims: number } {
    this.need(5);
    const order = this.blob[this.at];
    if (order > 1) this.fail(`byte order ${order} (0 or 1)`);
    this.le = order === 1;
    const code = this.dv.getUint32(this.at + 1, this.le);
    this.at += 5;
    // ISO: 1000 z, 2000 m, 3000 zm; the older extended WKB sets the high bits instead.
    const iso = (code & 0x0fffffff) % 1000;
    const thousands = Math.floor((code & 0x0fffffff) / 1000);
    if (thousands > 3) this.fail(`geometry type code ${code}`);
    const z = thousands === 1 || thousands === 3 || (code & 0x80000000) !== 0;
    const m = thousands === 2 || thousands === 3 || (code & 0x40000000) !== 0;
    return { base: iso, dims: 2 + (z ? 1 : 0) + (m ? 1 : 0) };
  }

  /** A Point's x, y; an empty point (NaN, NaN) as no position. */
  private point(dims: number): number[] {
    this.need(8 * dims);
    const x = this.dv.getFloat64(this.at, this.le);
    const y = this.dv.getFloat64(this.at + 8, this.le);
    this.at += 8 * dims;
    return Number.isNaN(x) && Number.isNaN(y) ? [] : [x, y];
  }

  private positions(dims: number): number[][] {
    const n = this.count(8 * dims);
    const out: number[][] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.point(dims);
    return out;
  }

  /** A polygon's rings as flat [x0, y0, …] arrays. */
  private rings(dims: number): Float64Array[] {
    const n = this.count(4);
    const rings: Float64Array[] = [];
    for (let r = 0; r < n; r++) {
      const points = this.count(8 * dims);
      const ring = new Float64Array(2 * points);
      for (let k = 0; k < points; k++) {
        ring[2 * k] = this.dv.getFloat64(this.at, this.le);
        ring[2 * k + 1] = this.dv.getFloat64(this.at + 8, this.le);
        this.at += 8 * dims;
      }
      rings.push(ring);
    }
    return rings;
  }

  /** A multi-geometry's parts, each a full WKB geometry of type `expected` (0: any). */
  private parts<T>(expected: number, read: (dims: number) => T): T[] {
    const n = this.count(5);
    const out: T[] = [];
    for (let k = 0; k < n; k++) {
      if (expected === 0) {
        out.push(read(2));
        continue;
      }
      const { base, dims } = this.typeHeader();
      if (base !== expected) this.fail(`a ${NAMES[base] ?? base} where a ${NAMES[expected]} belongs`);
      out.push(read(dims));
    }
    return out;
  }

  /** A uint32 count, checked against the bytes left (each item takes at least `itemBytes`). */
  private count(itemBytes: number): number {
    this.need(4);
    const n = this.dv.getUint32(this.at, this.le);
    this.at += 4;
    if (n * itemBytes > this.blob.length - this.at) this.fail(`a count of ${n} runs past the blob`);
    return n;
  }

  private need(bytes: number): void {
    if (this.at + bytes > this.blob.length) this.fail(`cut off at byte ${this.at}`);
  }

  private fail(problem: string): never {
    throw new InputError(`corrupt WKB in a GeoPackage geometry: ${problem}`, {
      ...this.where,
      code: 'bad-geometry-blob',
    });
  }
}
