/**
 * Builds the embedded default scenario in data/ from the real NRW data data/ already holds
 * (data/zensus2011-grid-1km.csv.gz; data/kreise.geojson, the 53 Kreise, is an input of runs, not of this script):
 * - data/households.csv.gz: household points scattered inside the populated Zensus 2011 1 km cells,
 *   weights summing to each cell's households (derived), seeded;
 * - data/coverage-synthetic.geojson.gz: SYNTHETIC coverage of three made-up operators from synthetic
 *   antenna sites (sector wedges), seeded. Not real coverage of any real operator.
 * Run: npm run data:generate   (deterministic: the same files every time)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { seededRandom } from './random.js';
import { laeaInverse } from './scenario-projection.js';
import { sectorWedge } from './sector.js';
import { readZensusGrid } from './zensus-grid.js';

const DATA = new URL('../data/', import.meta.url);
/** About this many households share one point: ~200k points for NRW's 8.2 M households. */
const HOUSEHOLDS_PER_POINT = 40;
const OPERATORS = ['synthetic-a', 'synthetic-b', 'synthetic-c'] as const;

const GRID = new URL('zensus2011-grid-1km.csv.gz', DATA).pathname;
// The one input: without it (a sparse checkout), one line naming it rather than a stack.
if (!existsSync(GRID)) {
  console.error(`data:generate needs ${GRID} (the Zensus 2011 1 km grid, see data/README.md)`);
  process.exit(1);
}
const cells = readZensusGrid(GRID);

// Households: points uniformly inside each populated cell, weights summing to the cell's households.
const random = seededRandom(2011);
const lonLat = [0, 0];
const rows: string[] = ['lon,lat,households'];
let points = 0;
let households = 0;
for (const cell of cells) {
  const n = Math.min(cell.households, Math.ceil(cell.households / HOUSEHOLDS_PER_POINT));
  const base = Math.floor(cell.households / n);
  let extra = cell.households - base * n;
  for (let k = 0; k < n; k++) {
    laeaInverse(cell.x - 500 + 1000 * random(), cell.y - 500 + 1000 * random(), lonLat);
    const weight = base + (extra-- > 0 ? 1 : 0);
    rows.push(`${lonLat[0].toFixed(6)},${lonLat[1].toFixed(6)},${weight}`);
    points++;
    households += weight;
  }
}
writeFileSync(new URL('households.csv.gz', DATA), gzipSync(`${rows.join('\n')}\n`, { level: 9 }));

// Coverage: per operator, sites where people live (denser with more households), three sectors each.
const features: string[] = [];
const LTE_NAMES = ['LTE', '4G', 'lte'];
const NR_NAMES = ['5G', 'NR', '5G-NSA'];
let polygons = 0;
OPERATORS.forEach((operator, o) => {
  const rnd = seededRandom(100 + o);
  for (const cell of cells) {
    const density = cell.households / 1000;
    // LTE: every dense cell, a share of the rural ones (the rest leave Funklöcher).
    const lteSites = Math.floor(density / 5) + (rnd() < 0.03 + 0.25 * density ? 1 : 0);
    for (let s = 0; s < lteSites; s++) {
      const radius = density > 1 ? 1500 + 1500 * rnd() : 2500 + 3500 * rnd();
      features.push(siteFeature(operator, LTE_NAMES[(o + s) % 3], cell, radius, rnd, true));
      polygons += 3;
    }
    // 5G: mostly urban, smaller cells; each sector its own Polygon feature.
    const nrSites = Math.floor(density / 10) + (rnd() < 0.005 + density * (0.12 - 0.03 * o) ? 1 : 0);
    for (let s = 0; s < nrSites; s++) {
      const radius = 800 + 1700 * rnd();
      features.push(siteFeature(operator, NR_NAMES[(o + s) % 3], cell, radius, rnd, false));
      polygons += 3;
    }
  }
});
const geojson = `{"type":"FeatureCollection","name":"coverage-synthetic","features":[\n${features.join(',\n')}\n]}\n`;
writeFileSync(new URL('coverage-synthetic.geojson.gz', DATA), gzipSync(geojson, { level: 9 }));
console.log(
  `${points} household points, ${households} households; ${features.length} coverage features, ${polygons} polygons`,
);

/** A site at a random spot of the cell: three 130° sectors (overlapping, as real antenna patterns do). */
function siteFeature(
  operator: string,
  technology: string,
  cell: { x: number; y: number },
  radius: number,
  rnd: () => number,
  asMultiPolygon: boolean,
): string {
  const x = cell.x - 500 + 1000 * rnd();
  const y = cell.y - 500 + 1000 * rnd();
  const azimuth = 360 * rnd();
  const sectors = [0, 120, 240].map((turn) => sectorWedge(x, y, azimuth + turn, 130, radius).map(toLonLat));
  const props = JSON.stringify({ operator, technology, synthetic: true });
  if (asMultiPolygon) {
    return `{"type":"Feature","properties":${props},"geometry":{"type":"MultiPolygon","coordinates":${JSON.stringify(sectors.map((ring) => [ring]))}}}`;
  }
  return sectors
    .map(
      (ring) =>
        `{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":${JSON.stringify([ring])}}}`,
    )
    .join(',\n');
}

function toLonLat([px, py]: [number, number]): [number, number] {
  laeaInverse(px, py, lonLat);
  return [Number(lonLat[0].toFixed(6)), Number(lonLat[1].toFixed(6))];
}
