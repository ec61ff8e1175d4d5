import { ringSignedArea } from '../../geometry/area.js';

/** A polygon as rings (flat lon/lat, closed): shell first, then holes. */
export type PolygonRings = readonly Float64Array[];

export interface OutputFeature {
  /** One polygon, or several (written as a MultiPolygon). */
  polygons: readonly PolygonRings[];
  properties: Record<string, unknown>;
}

/**
 * RFC 7946 GeoJSON, one feature per line: lon/lat rounded to 7 decimals, shells counter-clockwise,
 * holes clockwise, no `crs` member.
 */
export function* geoJsonChunks(features: Iterable<OutputFeature>): Generator<string> {
  yield '{"type":"FeatureCollection","features":[\n';
  let first = true;
  for (const feature of features) {
    const coordinates =
      feature.polygons.length === 1
        ? polygonText(feature.polygons[0])
        : `[${feature.polygons.map(polygonText).join(',')}]`;
    const type = feature.polygons.length === 1 ? 'Polygon' : 'MultiPolygon';
    yield `${first ? '' : ',\n'}{"type":"Feature","properties":${JSON.stringify(feature.properties)},"geometry":{"type":"${type}","coordinates":${coordinates}}}`;
    first = false;
  }
  yield '\n]}\n';
}

function polygonText(rings: PolygonRings): string {
  return `[${rings.map((ring, r) => ringText(ring, r === 0)).join(',')}]`;
}

function ringText(ring: Float64Array, shell: boolean): string {
  const n = ring.length / 2;
  const reverse = ringSignedArea(ring, 0, n) > 0 !== shell;
  const parts: string[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const v = reverse ? n - 1 - k : k;
    parts[k] = `[${round7(ring[2 * v])},${round7(ring[2 * v + 1])}]`;
  }
  return `[${parts.join(',')}]`;
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
