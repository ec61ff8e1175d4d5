/**
 * S-geojson: a seeded scenario shaped like what users hand in, over NRW's 53 Kreise (data/kreise.geojson):
 * GeoJSON household points with a `households` property, and three operators' LTE and 5G sectors, each
 * sector its own Polygon feature with an arc of 28–37 points (30–39 vertices, as coverage exports have them).
 * SYNTHETIC: nothing here is real coverage or real households.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../scripts/random.js';
import { writeLines } from './generate-scenario.js';
import { townPicker } from './towns.js';

export interface GeojsonScenarioSize {
  points: number;
  features: number;
}

export interface GeojsonScenarioFiles {
  households: string;
  coverage: string;
  regions: string;
}

const M_PER_DEG = 111_320;
type Ring = number[][];

/** Writes the scenario into `dir` (skipped when a complete copy is cached there); regions are data/kreise.geojson. */
export function generateGeojsonScenario(
  size: GeojsonScenarioSize,
  dir: string,
  kreise: string,
  seed = 42,
): GeojsonScenarioFiles {
  const files = {
    households: join(dir, 'households.geojson'),
    coverage: join(dir, 'coverage.geojson'),
    regions: kreise,
  };
  if (existsSync(join(dir, 'complete'))) return files;
  mkdirSync(dir, { recursive: true });
  const rnd = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

  const rings = outerRings(kreise);
  const [x0, y0, x1, y1] = bboxOf(rings);
  const inNrw = (x: number, y: number) => rings.some((ring) => inside(ring, x, y));
  // Towns only inside NRW, so nearly all households fall in a Kreis (the ones spread around a town may not).
  const towns: { x: number; y: number; weight: number; spread: number }[] = [];
  while (towns.length < 600) {
    const x = x0 + (x1 - x0) * rnd();
    const y = y0 + (y1 - y0) * rnd();
    if (inNrw(x, y)) towns.push({ x, y, weight: 1 / (1 - rnd()) ** 1.2, spread: 0.005 + 0.03 * rnd() });
  }
  const pickTown = townPicker(towns, rnd);
  const place = (): [number, number] => {
    if (rnd() < 0.15) return [round6(x0 + (x1 - x0) * rnd()), round6(y0 + (y1 - y0) * rnd())];
    const t = pickTown();
    const s = t.spread * Math.sqrt(t.weight) ** 0.3;
    return [round6(t.x + s * gauss()), round6(t.y + s * gauss() * 0.65)];
  };

  writeLines(files.households, function* () {
    yield '{"type":"FeatureCollection","features":[';
    for (let k = 0; k < size.points; k++) {
      const [x, y] = place();
      const props = `{"households":${1 + Math.floor(12 * rnd() ** 3)}}`;
      yield `${k === 0 ? '' : ','}{"type":"Feature","properties":${props},"geometry":{"type":"Point","coordinates":[${x},${y}]}}`;
    }
    yield ']}';
  });

  writeLines(files.coverage, function* () {
    yield '{"type":"FeatureCollection","features":[';
    const operators = ['synthetic-a', 'synthetic-b', 'synthetic-c'];
    let features = 0;
    while (features < size.features) {
      const operator = operators[Math.floor(3 * rnd())];
      const [x, y] = place();
      const nr = rnd() < 0.3;
      const radius = (nr ? 500 + 1500 * rnd() : 1500 + 4500 * rnd()) / M_PER_DEG;
      const azimuth = 360 * rnd();
      const props = `{"operator":"${operator}","technology":"${nr ? '5G' : 'LTE'}","synthetic":true}`;
      for (const turn of [0, 120, 240]) {
        const ring = arcSector(x, y, azimuth + turn, 65 + 65 * rnd(), radius, 28 + Math.floor(10 * rnd()));
        const geometry = `{"type":"Polygon","coordinates":[${JSON.stringify(ring)}]}`;
        yield `${features === 0 ? '' : ','}{"type":"Feature","properties":${props},"geometry":${geometry}}`;
        features++;
      }
    }
    yield ']}';
  });
  writeLines(join(dir, 'complete'), function* () {
    yield JSON.stringify(size);
  });
  return files;
}

/** A sector in lon/lat: the site, `arcPoints` points on the arc, the site again. */
function arcSector(
  x: number,
  y: number,
  azimuth: number,
  width: number,
  radius: number,
  arcPoints: number,
): Ring {
  const ring = [[x, y]];
  const cos = Math.cos((y * Math.PI) / 180);
  for (let k = 0; k < arcPoints; k++) {
    const bearing = ((azimuth - width / 2 + (width * k) / (arcPoints - 1)) * Math.PI) / 180;
    ring.push([round6(x + (radius * Math.sin(bearing)) / cos), round6(y + radius * Math.cos(bearing))]);
  }
  ring.push([x, y]);
  return ring;
}

function outerRings(path: string): Ring[] {
  const collection = JSON.parse(readFileSync(path, 'utf8')) as {
    features: { geometry: { type: string; coordinates: unknown } }[];
  };
  return collection.features.flatMap(({ geometry: g }) =>
    g.type === 'Polygon' ? [(g.coordinates as Ring[])[0]] : (g.coordinates as Ring[][]).map((p) => p[0]),
  );
}

function bboxOf(rings: Ring[]): [number, number, number, number] {
  const xs = rings.flatMap((r) => r.map((p) => p[0]));
  const ys = rings.flatMap((r) => r.map((p) => p[1]));
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Even-odd ray casting: good enough to place towns (holes ignored). */
function inside(ring: Ring, x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
