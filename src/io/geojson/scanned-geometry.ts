import { FlatPolygons } from '../flat-polygons.js';

/** What the base class holds for a ScannedGeometry: nothing, its rings are made when asked. */
const NO_RINGS: Float64Array[][] = [];

/**
 * Polygon or MultiPolygon coordinates as read: flat rings, unchecked, with the geometry's text. The
 * coordinates lie one after another in a shared block, and the rings' views are made when asked:
 * an input's geometries live until it is read, and every object they hold is one for the collector
 * to move.
 */
export class ScannedGeometry extends FlatPolygons {
  constructor(
    type: 'Polygon' | 'MultiPolygon',
    /** The block the coordinates are in, from `first` on. */
    private readonly block: Float64Array,
    private readonly first: number,
    /** Per polygon, its number of rings, then each ring's number of coordinates. */
    private readonly shape: readonly number[],
    private readonly text: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {
    super(type, NO_RINGS);
  }

  override get polygons(): Float64Array[][] {
    const { block: coordinates, shape } = this;
    const polygons: Float64Array[][] = [];
    let offset = this.first;
    for (let k = 0; k < shape.length; ) {
      const rings: Float64Array[] = [];
      for (let count = shape[k++]; count > 0; count--) {
        const length = shape[k++];
        rings.push(coordinates.subarray(offset, offset + length));
        offset += length;
      }
      polygons.push(rings);
    }
    return polygons;
  }

  /** The geometry as `JSON.parse` gives it, for the checks that report or repair a problem. */
  parse(): unknown {
    return JSON.parse(this.text.toString('utf8', this.start, this.end));
  }
}

/** A feature as scanned: its members as JSON.parse gives them, but for a ScannedGeometry. */
export interface ScannedFeature {
  type: unknown;
  id: unknown;
  properties: unknown;
  /** A ScannedGeometry, or the geometry as `JSON.parse` gives it (any other type, null, absent). */
  geometry: unknown;
}
