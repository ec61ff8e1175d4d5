/**
 * Writes the default scenario's two more coverage snapshots (SYNTHETIC, seeded: the same bytes every time):
 * data/coverage-synthetic-2023-06-30.geojson.gz and data/coverage-synthetic-2024-06-30.geojson.gz, around
 * data/coverage-synthetic.geojson.gz (2023-12-31), which it checks but never writes.
 * Reads only data/ (the Zensus grid and the household points). Run: npm run data:snapshots
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { rolloutFiles } from './coverage-snapshots.js';

const DATA = new URL('../data/', import.meta.url);
for (const input of ['zensus2011-grid-1km.csv.gz', 'households.csv.gz', 'coverage-synthetic.geojson.gz']) {
  if (existsSync(new URL(input, DATA))) continue;
  console.error(`data:snapshots needs data/${input} (see data/README.md)`);
  process.exit(1);
}

const { rollout, files } = rolloutFiles();
for (const { file, text, gz } of files) {
  const path = new URL(file, DATA);
  if (file === 'coverage-synthetic.geojson.gz') {
    // The snapshots are built around today's file: a generator that drifted from it must not write.
    if (gunzipSync(readFileSync(path)).toString('utf8') !== text) {
      console.error(`data/${file} is not what the default sites give: run npm run data:generate first`);
      process.exit(1);
    }
    continue;
  }
  writeFileSync(path, gz);
}
for (const { date, sites } of rollout.snapshots) {
  const lte = sites.filter((s) => s.lte).length;
  console.log(`${date}: ${lte} LTE sites, ${sites.length - lte} 5G sites`);
}
const { site, households } = rollout.switchedOff;
console.log(
  `switched off on 2024-06-30: ${site.operator} LTE site at EPSG:3035 (${site.x.toFixed(0)}, ${site.y.toFixed(0)}), radius ${site.radius.toFixed(0)} m, ${households} households only it reached`,
);
