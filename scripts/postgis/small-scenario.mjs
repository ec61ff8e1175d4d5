#!/usr/bin/env node
// Writes the small PostGIS-check scenario into a folder: six adjacent Kreise around Köln/Bonn from
// data/kreise.geojson (file order kept, properties AGS and GN), the households of data/households.csv.gz
// inside their bounding box (so some lie outside every chosen Kreis), the coverage features of
// data/coverage-synthetic.geojson.gz whose bounding box meets it, plus hand-placed households exactly on
// region vertices (shared by two Kreise, and on the outer edge) and on coverage polygon vertices, so the
// boundary rules (boundary counts; first region in file order wins) are checked too.
// Plain JS plus the seeded generator of scripts/random.ts (run it through tsx); deterministic.
//
//   node --import tsx scripts/postgis/small-scenario.mjs --out DIR [--data DIR] [--seed N]
//
// Writes DIR/regions.geojson, DIR/coverage.geojson, DIR/households.csv.gz and prints a one-line summary.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
// Run with `node --import tsx` (check.sh does): the same seeded generator as the data scripts.
import { seededRandom } from '../random.ts';

/** Köln, Bonn, Leverkusen, Rhein-Erft-Kreis, Rheinisch-Bergischer Kreis, Rhein-Sieg-Kreis. */
const KREISE = ['05314000', '05315000', '05316000', '05362000', '05378000', '05382000'];

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    data: { type: 'string' },
    seed: { type: 'string', default: '20240531' },
  },
});
if (!values.out) {
  process.stderr.write('usage: node small-scenario.mjs --out DIR [--data DIR] [--seed N]\n');
  process.exit(2);
}
const dataDir = resolve(values.data ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data'));
const outDir = resolve(values.out);
const random = seededRandom(Number(values.seed));

const read = (name) => {
  const bytes = readFileSync(join(dataDir, name));
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};

// Regions, in the order of the source file.
const kreise = JSON.parse(read('kreise.geojson'));
const regions = kreise.features
  .filter((f) => KREISE.includes(f.properties.AGS))
  .map((f) => ({
    type: 'Feature',
    properties: { AGS: f.properties.AGS, GN: f.properties.GN },
    geometry: f.geometry,
  }));
if (regions.length !== KREISE.length) throw new Error(`found ${regions.length} of ${KREISE.length} Kreise`);
const box = bboxOf(regions);

// Coverage features whose bbox meets the regions' bbox.
const coverageAll = JSON.parse(read('coverage-synthetic.geojson.gz'));
const coverage = coverageAll.features.filter((f) => intersects(bboxOf([f]), box));

// Households inside the bbox, as the original text lines (no re-formatting of the numbers).
const lines = read('households.csv.gz').split(/\r?\n/);
const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
const lonCol = header.indexOf('lon');
const latCol = header.indexOf('lat');
const kept = [];
for (let i = 1; i < lines.length; i++) {
  if (lines[i].trim() === '') continue;
  const cells = lines[i].split(',');
  const x = Number(cells[lonCol]);
  const y = Number(cells[latCol]);
  if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) kept.push(lines[i]);
}

// Hand-placed households: exact copies of vertex coordinates.
const extra = [];
const add = (x, y, households, why) => extra.push({ x, y, households, why });

// Vertices shared by two chosen regions (the point intersects both: the first in file order wins).
const vertexOwners = new Map();
regions.forEach((f, r) => {
  for (const [x, y] of vertices(f.geometry)) {
    const key = `${x},${y}`;
    const owners = vertexOwners.get(key) ?? new Set();
    owners.add(r);
    vertexOwners.set(key, owners);
  }
});
const shared = [...vertexOwners.entries()].filter(([, o]) => o.size > 1).map(([k]) => k);
const single = [...vertexOwners.entries()].filter(([, o]) => o.size === 1).map(([k]) => k);
for (const key of pick(shared, 12)) {
  const [x, y] = key.split(',').map(Number);
  add(x, y, 1 + Math.floor(random() * 9), 'vertex shared by two regions');
}
for (const key of pick(single, 6)) {
  const [x, y] = key.split(',').map(Number);
  add(x, y, 1 + Math.floor(random() * 9), 'region vertex');
}
// Coverage vertices: of features with a vertex inside the box, some LTE, some 5G.
const insideBox = ([x, y]) => x > box[0] && x < box[2] && y > box[1] && y < box[3];
for (const tech of [/^(lte|4g)$/i, /^(5g|nr|5g-.*)$/i]) {
  const candidates = coverage.filter((f) => tech.test(f.properties.technology));
  for (const f of pick(candidates, 10)) {
    const vs = vertices(f.geometry).filter(insideBox);
    if (vs.length === 0) continue;
    const [x, y] = vs[Math.floor(random() * vs.length)];
    add(x, y, 1 + Math.floor(random() * 9), 'coverage vertex');
  }
}
// The households column's edge cases, on a region vertex: an empty cell (= 1) and 0.
const [ex, ey] = single[0].split(',').map(Number);
add(ex, ey, '', 'region vertex, empty households cell (= 1)');
add(ex, ey, 0, 'region vertex, households 0');

const csv = [
  'lon,lat,households',
  ...kept,
  ...extra.map((e) => `${e.x},${e.y},${e.households}`),
].join('\n');

mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'regions.geojson'),
  JSON.stringify({ type: 'FeatureCollection', features: regions }),
);
writeFileSync(
  join(outDir, 'coverage.geojson'),
  JSON.stringify({ type: 'FeatureCollection', features: coverage }),
);
writeFileSync(join(outDir, 'households.csv.gz'), gzipSync(`${csv}\n`));
process.stdout.write(
  `small scenario: ${regions.length} regions, ${coverage.length} coverage features, ` +
    `${kept.length} households rows in bbox [${box.map((v) => v.toFixed(3)).join(', ')}] ` +
    `+ ${extra.length} hand-placed on vertices (${shared.length} shared region vertices found) → ${outDir}\n`,
);


/** n distinct elements, chosen with the seeded generator, in their original order. */
function pick(array, n) {
  const indexes = new Set();
  while (indexes.size < Math.min(n, array.length)) indexes.add(Math.floor(random() * array.length));
  return [...indexes].sort((a, b) => a - b).map((i) => array[i]);
}

function vertices(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flat(1).flatMap((ring) => ring.slice(0, -1));
}

function bboxOf(features) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    for (const [x, y] of vertices(f.geometry)) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  }
  return b;
}

function intersects(a, b) {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
