import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanFeatureCollection as scanBytes } from '../../src/io/geojson/scan.js';
import { type ScannedFeature, ScannedGeometry } from '../../src/io/geojson/scanned-geometry.js';
import { DATA } from '../helpers.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** Every .geojson(.gz) under a folder, recursively. */
function geojsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return geojsonFiles(path);
    return /\.geojson(\.gz)?$/.test(entry.name) ? [path] : [];
  });
}

/** The file's text; undefined for the bad corpus's broken gzip. */
function text(path: string): string | undefined {
  const bytes = readFileSync(path);
  try {
    return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch {
    return undefined;
  }
}

function parsed(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    return undefined;
  }
}

/** A geometry as JSON.parse gives it, with Polygon/MultiPolygon rings flattened as the scanner gives them. */
function flattened(geometry: { type?: string; coordinates?: unknown }): unknown {
  const ring = (positions: number[][]) => positions.flatMap((p) => [p[0], p[1]]);
  if (geometry?.type === 'Polygon') return [(geometry.coordinates as number[][][]).map(ring)];
  if (geometry?.type === 'MultiPolygon')
    return (geometry.coordinates as number[][][][]).map((polygon) => polygon.map(ring));
  return geometry;
}

/** The scan of a text's UTF-8 bytes, its features typed as scanned. */
function scanFeatureCollection(source: string, keys?: readonly string[]) {
  const scanned = scanBytes(Buffer.from(source), 0, keys);
  return scanned && { ...scanned, features: scanned.features as ScannedFeature[] };
}

describe('the GeoJSON scanner', () => {
  it('reads every fixture and data file as JSON.parse does, or leaves it to JSON.parse', () => {
    const files = [...geojsonFiles(FIXTURES), ...geojsonFiles(DATA)];
    let scanned = 0;
    for (const path of files) {
      const source = text(path);
      if (source === undefined) continue;
      const result = scanFeatureCollection(source);
      const doc = parsed(source) as { type: string; crs: unknown; features: Record<string, unknown>[] };
      // What JSON.parse refuses, the scanner never accepts.
      if (doc === undefined) expect(result).toBeUndefined();
      if (!result) continue;
      scanned++;
      expect(doc.type).toBe('FeatureCollection');
      expect(result.crs).toEqual(doc.crs);
      expect(result.features.length).toBe(doc.features.length);
      result.features.forEach((f, k) => {
        const expected = doc.features[k];
        expect([f.type, f.id, f.properties]).toEqual([expected.type, expected.id, expected.properties]);
        if (f.geometry instanceof ScannedGeometry) {
          expect(f.geometry.parse()).toEqual(expected.geometry);
          expect(f.geometry.polygons.map((p) => p.map((r) => Array.from(r)))).toEqual(
            flattened(expected.geometry as { type?: string; coordinates?: unknown }),
          );
        } else expect(f.geometry).toEqual(expected.geometry);
      });
    }
    expect(scanned).toBeGreaterThan(10);
  });

  it.each([
    ['a syntax error', '{"type":"FeatureCollection","features":[{"type":"Feature",}]}'],
    ['a trailing comma in coordinates', polygonText('[[[0,0],[1,0],[1,1],[0,0],]]')],
    ['a missing bracket', polygonText('[[[0,0],[1,0],[1,1],[0,0]]').slice(0, -1)],
    ['a leading zero', polygonText('[[[00,0],[1,0],[1,1],[0,0]]]')],
    ['a bare decimal point', polygonText('[[[0.,0],[1,0],[1,1],[0,0]]]')],
    ['a duplicate key', '{"type":"FeatureCollection","type":"x","features":[]}'],
    ['an escaped key', '{"type":"FeatureCollection","f\\u0065atures":[]}'],
    ['a single Feature', '{"type":"Feature","properties":{},"geometry":null}'],
    ['text after the document', '{"type":"FeatureCollection","features":[]} x'],
    ['a truncated file', '{"type":"FeatureCollection","features":[{"type":"Feature"'],
  ])('leaves %s to JSON.parse', (_, source) => {
    expect(scanFeatureCollection(source)).toBeUndefined();
  });

  it('hands other geometries and mis-nested coordinates over as JSON.parse gives them', () => {
    const source = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [7, 51] } },
        { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[[7, 51]]] } },
        { type: 'Feature', properties: {}, geometry: null },
        { type: 'Feature', properties: {} },
      ],
    });
    const result = scanFeatureCollection(source);
    expect(result?.features.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [7, 51] },
      { type: 'MultiPolygon', coordinates: [[[7, 51]]] },
      null,
      undefined,
    ]);
  });

  it('parses every number exactly as JSON.parse does (fast-check)', () => {
    const written = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
      fc
        .tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: 0, max: 17 }))
        .map(([x, d]) => x.toFixed(d)),
      fc
        .tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: -30, max: 30 }))
        .map(([m, e]) => `${m}e${e}`),
      fc.constantFrom('-0', '-0.0', '0.000000', '1E+2', '123456789012345678', '0.1234567890123456789'),
    );
    fc.assert(
      fc.property(written, written, (x, y) => {
        const source = polygonText(`[[[${x},${y}],[${x},${y}],[${x},${y}],[${x},${y}]]]`);
        const geometry = scanFeatureCollection(source)?.features[0].geometry as ScannedGeometry;
        const ring = geometry.polygons[0][0];
        return Object.is(ring[0], JSON.parse(x)) && Object.is(ring[1], JSON.parse(y));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

function polygonText(coordinates: string): string {
  return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":${coordinates}}}]}`;
}
