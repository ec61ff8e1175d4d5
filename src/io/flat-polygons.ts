/**
 * Polygon or MultiPolygon coordinates as flat rings, unchecked: what the GeoJSON scanner and the
 * FlatGeobuf decoder give the geometry checks (see `polygonsOf`), no array per position.
 */
export class FlatPolygons {
  constructor(
    readonly type: 'Polygon' | 'MultiPolygon',
    private readonly rings: Float64Array[][],
  ) {}

  /** Each polygon's rings: [x0, y0, x1, y1, …] as written (closing position included, if any). */
  get polygons(): Float64Array[][] {
    return this.rings;
  }
}
