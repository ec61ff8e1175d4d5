#!/usr/bin/env node
// Compares a series run's snapshots with each snapshot's own run (which check.sh compared with
// PostGIS): totals, regions and the outside row equal, field by field (areas within 1e-9 relative, as
// the unions of one run and another may round a last bit apart). Exit 1 on any difference.
//
//   node scripts/postgis/compare-series.mjs SERIES_SUMMARY DATE=SINGLE_SUMMARY ...
import { readFileSync } from 'node:fs';

const [seriesFile, ...singles] = process.argv.slice(2);
const series = JSON.parse(readFileSync(seriesFile, 'utf8'));
let differences = 0;
const same = (a, b) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b;
function compare(path, a, b) {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) compare(`${path}.${key}`, a[key], b[key]);
  } else if (!same(a, b)) {
    if (differences++ < 20) console.error(`compare-series: ${path}: series ${JSON.stringify(a)}, own run ${JSON.stringify(b)}`);
  }
}
for (const item of singles) {
  const [date, file] = [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)];
  const single = JSON.parse(readFileSync(file, 'utf8'));
  const snapshot = series.snapshots.find((s) => s.date === date);
  if (!snapshot) {
    console.error(`compare-series: the series has no snapshot ${date}`);
    process.exit(1);
  }
  compare(`${date}.totals`, snapshot.totals, single.totals);
  compare(`${date}.regions`, snapshot.regions, single.regions);
  compare(`${date}.outside_regions`, snapshot.outside_regions, single.outside_regions);
}
if (differences > 0) {
  console.error(`compare-series: ${differences} differences`);
  process.exit(1);
}
console.log(`compare-series: every figure of ${singles.length} snapshots equals its own run (each checked against PostGIS)`);
