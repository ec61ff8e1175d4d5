import { FlatPolygons } from '../flat-polygons.js';

/** Polygon or MultiPolygon coordinates as read: flat rings, unchecked, with the geometry's text. */
export class ScannedGeometry extends FlatPolygons {
  constructor(
    type: 'Polygon' | 'MultiPolygon',
    polygons: Float64Array[][],
    private readonly text: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {
    super(type, polygons);
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
