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
import { coverageGeoJson, defaultSites } from './coverage-sites.js';
import { seededRandom } from './random.js';
import { laeaInverse } from './scenario-projection.js';
import { readZensusGrid } from './zensus-grid.js';

const DATA = new URL('../data/', import.meta.url);
/** About this many households share one point: ~200k points for NRW's 8.2 M households. */
const HOUSEHOLDS_PER_POINT = 40;

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
const sites = defaultSites(cells);
const polygons = 3 * sites.length;
const features = sites.length + 2 * sites.filter((site) => !site.lte).length;
writeFileSync(
  new URL('coverage-synthetic.geojson.gz', DATA),
  gzipSync(coverageGeoJson('coverage-synthetic', sites), { level: 9 }),
);
console.log(
  `${points} household points, ${households} households; ${features} coverage features, ${polygons} polygons`,
);
