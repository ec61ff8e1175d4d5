/**
 * Seeded synthetic scenarios for the bench at Germany's extent (lon 6–15, lat 47.5–55): towns of
 * Pareto-distributed size, household points around them and in the country, three operators'
 * sector-wedge coverage (LTE MultiPolygons per site, 5G Polygons per sector) placed where the
 * households are, and a grid of jittered quadrilateral regions that tile the extent.
 * SYNTHETIC: nothing here is real coverage.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../scripts/random.js';
import { townPicker } from './towns.js';

export interface ScenarioSize {
  name: string;
  points: number;
  polygons: number;
  regionsAcross: number;
}

export interface ScenarioFiles {
  households: string;
  coverage: string;
  regions: string;
}

const X0 = 6;
const X1 = 15;
const Y0 = 47.5;
const Y1 = 55;
const M_PER_DEG = 111_320;

/** Writes the scenario into `dir` (skipped when a complete copy is cached there). */
export function generateScenario(size: ScenarioSize, dir: string, seed = 42): ScenarioFiles {
  const files = {
    households: join(dir, 'households.csv'),
    coverage: join(dir, 'coverage.geojson'),
    regions: join(dir, 'regions.geojson'),
  };
  if (existsSync(join(dir, 'complete'))) return files;
  mkdirSync(dir, { recursive: true });
  const rnd = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

  const towns = Array.from({ length: 2000 }, () => ({
    x: X0 + 0.3 + (X1 - X0 - 0.6) * rnd(),
    y: Y0 + 0.3 + (Y1 - Y0 - 0.6) * rnd(),
    weight: 1 / (1 - rnd()) ** 1.2,
    spread: 0.01 + 0.04 * rnd(),
  }));
  const pickTown = townPicker(towns, rnd);
  const place = (): [number, number] => {
    if (rnd() < 0.25) return [X0 + (X1 - X0) * rnd(), Y0 + (Y1 - Y0) * rnd()];
    const t = pickTown();
    const s = t.spread * Math.sqrt(t.weight) ** 0.3;
    return [clamp(t.x + s * gauss(), X0, X1), clamp(t.y + s * gauss() * 0.65, Y0, Y1)];
  };

  writeLines(files.households, function* () {
    yield 'lon,lat,households';
    for (let k = 0; k < size.points; k++) {
      const [x, y] = place();
      yield `${x.toFixed(6)},${y.toFixed(6)},${1 + Math.floor(40 * rnd() ** 3)}`;
    }
  });

  writeLines(files.coverage, function* () {
    yield '{"type":"FeatureCollection","features":[';
    let polygons = 0;
    let first = true;
    const operators = ['synthetic-a', 'synthetic-b', 'synthetic-c'];
    while (polygons < size.polygons) {
      const operator = operators[Math.floor(3 * rnd())];
      const [x, y] = place();
      const nr = rnd() < 0.3;
      const radius = (nr ? 700 + 1500 * rnd() : 1500 + 4500 * rnd()) / M_PER_DEG;
      const azimuth = 360 * rnd();
      const sectors = [0, 120, 240].map((turn) => wedge(x, y, azimuth + turn, radius));
      polygons += 3;
      const props = `{"operator":"${operator}","technology":"${nr ? '5G' : 'LTE'}","synthetic":true}`;
      const geometry = `{"type":"MultiPolygon","coordinates":${JSON.stringify(sectors.map((s) => [s]))}}`;
      yield `${first ? '' : ','}{"type":"Feature","properties":${props},"geometry":${geometry}}`;
      first = false;
    }
    yield ']}';
  });

  // Regions: a lattice of jittered nodes; each cell is a quadrilateral, edges split into 8 straight pieces.
  const n = size.regionsAcross;
  const node = (i: number, j: number): [number, number] => {
    const jx = i === 0 || i === n ? 0 : (seededRandom(i * 1000 + j)() - 0.5) * 0.3;
    const jy = j === 0 || j === n ? 0 : (seededRandom(j * 1000 + i + 7)() - 0.5) * 0.3;
    return [X0 + ((i + jx) * (X1 - X0)) / n, Y0 + ((j + jy) * (Y1 - Y0)) / n];
  };
  const edge = (a: [number, number], b: [number, number]) =>
    Array.from({ length: 8 }, (_, k) => [a[0] + ((b[0] - a[0]) * k) / 8, a[1] + ((b[1] - a[1]) * k) / 8]);
  writeLines(files.regions, function* () {
    yield '{"type":"FeatureCollection","features":[';
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const [a, b, c, d] = [node(i, j), node(i + 1, j), node(i + 1, j + 1), node(i, j + 1)];
        const ring = [...edge(a, b), ...edge(b, c), ...edge(c, d), ...edge(d, a), a];
        const sep = i === 0 && j === 0 ? '' : ',';
        yield `${sep}{"type":"Feature","properties":{"id":"R${i}-${j}","name":"Region ${i}/${j}"},"geometry":{"type":"Polygon","coordinates":[${JSON.stringify(ring)}]}}`;
      }
    }
    yield ']}';
  });
  writeLines(join(dir, 'complete'), function* () {
    yield JSON.stringify(size);
  });
  return files;
}

function wedge(x: number, y: number, azimuth: number, radius: number): number[][] {
  const ring = [[x, y]];
  const cos = Math.cos((y * Math.PI) / 180);
  for (let k = 0; k <= 10; k++) {
    const bearing = ((azimuth - 65 + 13 * k) * Math.PI) / 180;
    ring.push([round6(x + (radius * Math.sin(bearing)) / cos), round6(y + radius * Math.cos(bearing))]);
  }
  ring.push([x, y]);
  return ring;
}

export function writeLines(path: string, lines: () => Generator<string>): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  let buffered = '';
  for (const line of lines()) {
    buffered += `${line}\n`;
    if (buffered.length > 1 << 22) {
      writeSync(fd, buffered);
      buffered = '';
    }
  }
  writeSync(fd, buffered);
  closeSync(fd);
  renameSync(temp, path);
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
