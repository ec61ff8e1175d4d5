import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../scripts/random.js';

type Ring = [number, number][];
export interface RandomScenario {
  regions: { id: string; rings: Ring[] }[];
  coverage: { operator: string; technology: string; polygons: Ring[][] }[];
  points: [number, number, number][];
}

/** A star-shaped ring around (cx, cy): random radii, counter-clockwise, closed. */
function star(rnd: () => number, cx: number, cy: number, size: number, vertices: number): Ring {
  const ring: Ring = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * k) / vertices;
    const r = size * (0.3 + 0.7 * rnd());
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  ring.push(ring[0]);
  return ring;
}

/**
 * Seeded random scenario near NRW: a 3×3 grid of square regions plus an overlapping one, star-shaped
 * coverage polygons (some with holes, some MultiPolygons with overlapping parts), random points and
 * points placed exactly on polygon and region vertices and on region edges.
 */
export function randomScenario(seed: number, polygonCount = 300, pointCount = 4000): RandomScenario {
  const rnd = seededRandom(seed);
  const regions: RandomScenario['regions'] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const x0 = 6 + i;
      const y0 = 50.5 + j * 0.5;
      regions.push({
        id: `G${i}${j}`,
        rings: [
          [
            [x0, y0],
            [x0 + 1, y0],
            [x0 + 1, y0 + 0.5],
            [x0, y0 + 0.5],
            [x0, y0],
          ],
        ],
      });
    }
  }
  regions.push({ id: 'OVERLAP', rings: [star(rnd, 7.5, 51.25, 0.6, 9)] });

  const coverage: RandomScenario['coverage'] = [];
  for (let k = 0; k < polygonCount; k++) {
    const cx = 6 + 3 * rnd();
    const cy = 50.5 + 1.5 * rnd();
    const size = 0.02 + 0.2 * rnd();
    const shell = star(rnd, cx, cy, size, 5 + Math.floor(10 * rnd()));
    const rings: Ring[] = [shell];
    if (rnd() < 0.2) rings.push(star(rnd, cx, cy, size * 0.25, 6).reverse());
    const polygons = [rings];
    if (rnd() < 0.2) polygons.push([star(rnd, cx + size * 0.3, cy, size, 7)]);
    coverage.push({
      operator: ['A', 'B', 'C'][Math.floor(3 * rnd())],
      technology: ['LTE', '5G', '4G', 'nr', '3g'][Math.floor(5 * rnd())],
      polygons,
    });
  }

  const points: RandomScenario['points'] = [];
  for (let k = 0; k < pointCount; k++)
    points.push([5.8 + 3.4 * rnd(), 50.4 + 1.8 * rnd(), Math.floor(20 * rnd())]);
  for (const c of coverage) {
    const ring = c.polygons[0][0];
    points.push([...ring[Math.floor(rnd() * (ring.length - 1))], 1]);
  }
  for (const r of regions) points.push([...r.rings[0][1], 2], [r.rings[0][0][0] + 0.25, r.rings[0][0][1], 3]);
  return { regions, coverage, points };
}

/** Writes the scenario as GeoJSON inputs into `dir`; returns their paths. */
export function writeScenario(s: RandomScenario, dir: string) {
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const paths = {
    households: join(dir, 'households.geojson'),
    coverage: join(dir, 'coverage.geojson'),
    regions: join(dir, 'regions.geojson'),
  };
  writeFileSync(
    paths.households,
    fc(
      s.points.map(([x, y, w]) => ({
        type: 'Feature',
        properties: { households: w },
        geometry: { type: 'Point', coordinates: [x, y] },
      })),
    ),
  );
  writeFileSync(
    paths.coverage,
    fc(
      s.coverage.map((c) => ({
        type: 'Feature',
        properties: { operator: c.operator, technology: c.technology },
        geometry:
          c.polygons.length === 1
            ? { type: 'Polygon', coordinates: c.polygons[0] }
            : { type: 'MultiPolygon', coordinates: c.polygons },
      })),
    ),
  );
  writeFileSync(
    paths.regions,
    fc(
      s.regions.map((r) => ({
        type: 'Feature',
        properties: { id: r.id, name: r.id },
        geometry: { type: 'Polygon', coordinates: r.rings },
      })),
    ),
  );
  return paths;
}
