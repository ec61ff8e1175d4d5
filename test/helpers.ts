import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FlatPolygons } from '../src/io/flat-polygons.js';
import { ScannedGeometry } from '../src/io/geojson/scanned-geometry.js';

export const HAND = new URL('./fixtures/hand/', import.meta.url).pathname;
export const DATA = new URL('../data/', import.meta.url).pathname;

/** The hand-built scenario's inputs, as `analyze()` takes them. */
export const HAND_INPUTS = {
  households: `${HAND}households.geojson`,
  coverage: [`${HAND}coverage.geojson`],
  regions: `${HAND}regions.geojson`,
};

/** The folders tempDir() made in this test file so far: test/setup.ts checks every summary.json in them. */
export const tempDirs: string[] = [];

export function tempDir(prefix = 'funkatlas-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** The hand-built scenario's coordinates are grid units of 1/16° from (7°E, 51°N). */
export const gx = (k: number) => 7 + k / 16;
export const gy = (k: number) => 51 + k / 16;

const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
// summary.json's goals follow their own schema, referred to by its $id.
ajv.addSchema(
  JSON.parse(readFileSync(new URL('../schema/goals-result.schema.json', import.meta.url), 'utf8')),
);
/** The shipped JSON Schema of summary.json, compiled. */
export const validateSummary = ajv.compile(
  JSON.parse(readFileSync(new URL('../schema/summary.schema.json', import.meta.url), 'utf8')),
);

/** A closed lon/lat box ring, counter-clockwise. */
export const boxRing = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** A GeoJSON FeatureCollection as text. */
export const featureCollection = (features: unknown[]) =>
  JSON.stringify({ type: 'FeatureCollection', features });

/** A feature's geometry as GeoJSON (the GeoJSON scanner and the FlatGeobuf decoder keep polygons flat). */
export function plainGeometry(geometry: unknown): unknown {
  if (geometry instanceof ScannedGeometry) return geometry.parse();
  if (!(geometry instanceof FlatPolygons)) return geometry;
  const polygons = geometry.polygons.map((rings) =>
    rings.map((ring) => Array.from({ length: ring.length / 2 }, (_, k) => [ring[2 * k], ring[2 * k + 1]])),
  );
  return { type: geometry.type, coordinates: geometry.type === 'Polygon' ? polygons[0] : polygons };
}

/** Every summary.json under `dirs` that fails the shipped schema, with ajv's errors (none: []). */
export function invalidSummaries(dirs: readonly string[]): string[] {
  const problems: string[] = [];
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name !== 'summary.json') continue;
      const path = join(entry.parentPath, entry.name);
      let summary: unknown;
      try {
        summary = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        problems.push(`${path}: ${(error as Error).message}`);
        continue;
      }
      // A test's input named summary.json (to collide with the output) is not a run's summary.
      if ((summary as { type?: unknown })?.type === 'FeatureCollection') continue;
      if (!validateSummary(summary)) problems.push(`${path}: ${JSON.stringify(validateSummary.errors)}`);
    }
  }
  return problems;
}
