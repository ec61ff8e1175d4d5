/**
 * Many polygons flattened into typed arrays (the shape flatgeobuf and mapshaper use):
 * polygon p has rings ringStart[p] .. ringStart[p+1]-1, ring r has vertices
 * ringOffset[r] .. ringOffset[r+1]-1, vertex v is (coords[2v], coords[2v+1]).
 * The first ring of a polygon is its shell, the others its holes. Rings are closed (last = first).
 * `owner[p]` says what the polygon belongs to: a coverage layer or a region.
 */
export interface PolygonSet {
  readonly polygonCount: number;
  readonly ringStart: Uint32Array;
  readonly ringOffset: Uint32Array;
  readonly coords: Float64Array;
  readonly owner: Uint32Array;
  /** minX, minY, maxX, maxY per polygon. */
  readonly bbox: Float64Array;
}

/** Collects polygons one by one, then packs them into shared typed arrays. */
export class PolygonSetBuilder {
  private readonly ringStarts: number[] = [0];
  private readonly ringOffsets: number[] = [0];
  private readonly owners: number[] = [];
  private readonly boxes: number[] = [];
  private coords = new Float64Array(1024);
  private vertexCount = 0;

  get polygonCount(): number {
    return this.owners.length;
  }

  /** Adds a polygon: rings as flat [x0, y0, x1, y1, …] arrays, shell first, each closed. */
  addPolygon(rings: readonly ArrayLike<number>[], owner: number): void {
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const ring of rings) {
      const n = ring.length / 2;
      this.reserve(n);
      for (let k = 0; k < n; k++) {
        const x = ring[2 * k];
        const y = ring[2 * k + 1];
        this.coords[2 * this.vertexCount] = x;
        this.coords[2 * this.vertexCount + 1] = y;
        this.vertexCount++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      this.ringOffsets.push(this.vertexCount);
    }
    this.ringStarts.push(this.ringOffsets.length - 1);
    this.owners.push(owner);
    this.boxes.push(minX, minY, maxX, maxY);
  }

  finish(): PolygonSet {
    const coords = new Float64Array(
      new SharedArrayBuffer(Math.max(1, 2 * this.vertexCount) * 8),
      0,
      2 * this.vertexCount,
    );
    coords.set(this.coords.subarray(0, 2 * this.vertexCount));
    return {
      polygonCount: this.owners.length,
      ringStart: toSharedUint32(this.ringStarts),
      ringOffset: toSharedUint32(this.ringOffsets),
      coords,
      owner: toSharedUint32(this.owners),
      bbox: toSharedFloat64(this.boxes),
    };
  }

  private reserve(vertices: number): void {
    const needed = 2 * (this.vertexCount + vertices);
    if (needed <= this.coords.length) return;
    const grown = new Float64Array(Math.max(needed, this.coords.length * 2));
    grown.set(this.coords.subarray(0, 2 * this.vertexCount));
    this.coords = grown;
  }
}

function toSharedUint32(values: readonly number[]): Uint32Array {
  const array = new Uint32Array(new SharedArrayBuffer(Math.max(1, values.length) * 4), 0, values.length);
  array.set(values);
  return array;
}

function toSharedFloat64(values: readonly number[]): Float64Array {
  const array = new Float64Array(new SharedArrayBuffer(Math.max(1, values.length) * 8), 0, values.length);
  array.set(values);
  return array;
}

/** Copies vertices `first` .. `last` − 1 of a set into `into` from vertex `at` on. */
export type CoordsReader = (first: number, last: number, into: Float64Array, at: number) => void;

function copyCoords(coords: Float64Array): CoordsReader {
  return (first, last, into, at) => into.set(coords.subarray(2 * first, 2 * last), 2 * at);
}

/**
 * Polygons `picked` (ascending) of `set` as a set of their own: their columns copied bit for bit
 * (the coordinates by `readCoords`, from `set.coords` unless read from elsewhere).
 */
export function polygonSubset(
  set: PolygonSet,
  picked: readonly number[],
  readCoords: CoordsReader = copyCoords(set.coords),
): PolygonSet {
  const { ringStart, ringOffset, owner, bbox } = set;
  let rings = 0;
  let vertices = 0;
  for (const p of picked) {
    rings += ringStart[p + 1] - ringStart[p];
    vertices += ringOffset[ringStart[p + 1]] - ringOffset[ringStart[p]];
  }
  // In SharedArrayBuffers, as every polygon set: the pool's threads read them without a copy.
  const shared = <T>(Type: new (b: SharedArrayBuffer, o: number, n: number) => T, bytes: number, n: number) =>
    new Type(new SharedArrayBuffer(Math.max(1, n) * bytes), 0, n);
  const out = {
    polygonCount: picked.length,
    ringStart: shared(Uint32Array, 4, picked.length + 1),
    ringOffset: shared(Uint32Array, 4, rings + 1),
    coords: shared(Float64Array, 8, 2 * vertices),
    owner: shared(Uint32Array, 4, picked.length),
    bbox: shared(Float64Array, 8, 4 * picked.length),
  };
  let r = 0;
  let v = 0;
  for (let k = 0; k < picked.length; k++) {
    const p = picked[k];
    out.owner[k] = owner[p];
    for (let j = 0; j < 4; j++) out.bbox[4 * k + j] = bbox[4 * p + j];
    const first = ringOffset[ringStart[p]];
    const last = ringOffset[ringStart[p + 1]];
    readCoords(first, last, out.coords, v);
    for (let ring = ringStart[p]; ring < ringStart[p + 1]; ring++)
      out.ringOffset[++r] = ringOffset[ring + 1] - first + v;
    v += last - first;
    out.ringStart[k + 1] = r;
  }
  return out;
}
