#!/usr/bin/env node
// Compares funkatlas's summary.json with the PostGIS report of scripts/postgis/metrics.sql.
// Household counts must match exactly; areas within 0.1 % (or 0.001 km² for tiny values).
// Prints a table and exits 1 on any mismatch. Plain JS, no dependencies.
//
//   node compare.mjs --summary summary.json --postgis postgis.json --regions REGIONS.geojson[.gz] [--region-id FIELD]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const { values } = parseArgs({
  options: {
    summary: { type: 'string' },
    postgis: { type: 'string' },
    regions: { type: 'string' },
    'region-id': { type: 'string', default: 'id' },
  },
});
if (!values.summary || !values.postgis || !values.regions) {
  process.stderr.write('usage: node compare.mjs --summary F --postgis F --regions F [--region-id FIELD]\n');
  process.exit(2);
}

const AREA_REL = 1e-3;
const AREA_ABS_KM2 = 1e-3;
const COUNTS = ['households', 'households_5g', 'households_lte', 'households_no_lte', 'households_single_lte'];
const AREAS = ['area_km2', 'area_5g_km2', 'lte_dead_zone_area_km2'];

const readJson = (path) => {
  const bytes = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
};
const summary = readJson(values.summary);
const postgis = readJson(values.postgis);

// Region ids in file order, by funkatlas's rule (--region-id id falls back to the feature's own id).
const idField = values['region-id'];
const fileIds = readJson(values.regions).features.map((f) => {
  const p = f.properties ?? {};
  return String(idField === 'id' && p.id === undefined ? f.id : p[idField]);
});

const mismatches = [];
const areaRel = Object.fromEntries(AREAS.map((a) => [a, 0]));
let compared = 0;

/** Compares one number; returns true when it matches. */
function check(where, metric, sql, funk, isArea) {
  compared++;
  let ok;
  if (typeof sql !== 'number' || typeof funk !== 'number') ok = false;
  else if (isArea) {
    const diff = Math.abs(sql - funk);
    const rel = diff / Math.max(Math.abs(sql), Number.MIN_VALUE);
    if (sql !== 0 || funk !== 0) areaRel[metric] = Math.max(areaRel[metric] ?? 0, rel);
    ok = rel <= AREA_REL || diff <= AREA_ABS_KM2;
  } else ok = sql === funk;
  if (!ok) mismatches.push({ where, metric, sql, funk });
  return ok;
}

/** The metrics of one stats object: name → number, operators and other technologies flattened. */
function flatten(stats) {
  const out = {};
  for (const m of [...COUNTS, ...AREAS]) out[m] = stats?.[m];
  for (const [op, s] of Object.entries(stats?.operators ?? {})) {
    out[`${op}.households_5g`] = s.households_5g;
    out[`${op}.households_lte`] = s.households_lte;
  }
  for (const [t, s] of Object.entries(stats?.other_technologies ?? {})) out[`${t}.households`] = s.households;
  return out;
}

function compareStats(where, sqlStats, funkStats) {
  const sql = flatten(sqlStats);
  const funk = flatten(funkStats);
  const bad = new Set();
  for (const m of new Set([...Object.keys(sql), ...Object.keys(funk)])) {
    if (!check(where, m, Number(sql[m] ?? Number.NaN), funk[m], AREAS.includes(m))) bad.add(m);
  }
  return { sql, bad, metrics: Object.keys(funk).length };
}

// Regions.
const funkById = new Map(summary.regions.map((r) => [r.id, r]));
const sqlRegions = postgis.regions ?? [];
if (sqlRegions.length !== fileIds.length || summary.regions.length !== fileIds.length)
  mismatches.push({
    where: 'regions',
    metric: 'count',
    sql: sqlRegions.length,
    funk: summary.regions.length,
  });
const rows = [];
let metricsPerRegion = 0;
for (const s of sqlRegions) {
  const id = fileIds[s.ord - 1];
  if (s.rid !== null && s.rid !== id)
    mismatches.push({ where: id, metric: `id (column ${idField})`, sql: s.rid, funk: id });
  const f = funkById.get(id);
  if (!f) {
    mismatches.push({ where: id, metric: 'region', sql: 'present', funk: 'missing' });
    continue;
  }
  const { sql, bad, metrics } = compareStats(id, s, f);
  metricsPerRegion = Math.max(metricsPerRegion, metrics);
  rows.push({ id, name: f.name, sql, bad });
}

// Outside, totals (sums over the regions), inputs.
check('outside_regions', 'points', postgis.outside_regions.points, summary.outside_regions.points);
check('outside_regions', 'households', postgis.outside_regions.households, summary.outside_regions.households);
const totals = { operators: {}, other_technologies: {} };
for (const s of sqlRegions) {
  for (const m of [...COUNTS, ...AREAS]) totals[m] = (totals[m] ?? 0) + Number(s[m]);
  for (const [op, v] of Object.entries(s.operators ?? {})) {
    const t = (totals.operators[op] ??= { households_5g: 0, households_lte: 0 });
    t.households_5g += Number(v.households_5g);
    t.households_lte += Number(v.households_lte);
  }
  for (const [tech, v] of Object.entries(s.other_technologies ?? {})) {
    const t = (totals.other_technologies[tech] ??= { households: 0 });
    t.households += Number(v.households);
  }
}
const totalsResult = compareStats('totals', totals, summary.totals);
const householdsInput = summary.inputs.find((i) => i.role === 'households');
check('inputs', 'household points read', postgis.inputs.household_points, householdsInput?.features);
check('inputs', 'households read', Number(postgis.inputs.households), summary.households_balance?.read);
const coverageFeatures = summary.inputs
  .filter((i) => i.role === 'coverage')
  .reduce((sum, i) => sum + i.features, 0);
check('inputs', 'coverage features read', postgis.inputs.coverage_features, coverageFeatures);

// The table.
const ops = Object.keys(summary.totals.operators ?? {});
const fmtCount = (v) => String(v);
const fmtArea = (v) => Number(v).toFixed(3);
const columns = [
  ['id', (r) => r.id],
  ['name', (r) => String(r.name).slice(0, 26)],
  ['households', (r) => fmtCount(r.sql.households), 'households'],
  ['5g', (r) => fmtCount(r.sql.households_5g), 'households_5g'],
  ['lte', (r) => fmtCount(r.sql.households_lte), 'households_lte'],
  ['no_lte', (r) => fmtCount(r.sql.households_no_lte), 'households_no_lte'],
  ['single_lte', (r) => fmtCount(r.sql.households_single_lte), 'households_single_lte'],
  ['area_km2', (r) => fmtArea(r.sql.area_km2), 'area_km2'],
  ['5g_km2', (r) => fmtArea(r.sql.area_5g_km2), 'area_5g_km2'],
  ['dead_km2', (r) => fmtArea(r.sql.lte_dead_zone_area_km2), 'lte_dead_zone_area_km2'],
  [
    `operators(${ops.length}×2)`,
    (r) => {
      const bad = [...r.bad].filter((m) => m.includes('.'));
      return bad.length === 0 ? 'ok' : `${bad.length} differ`;
    },
  ],
  ['', (r) => (r.bad.size === 0 ? 'ok' : 'MISMATCH')],
];
const table = [columns.map((c) => c[0])];
for (const r of [...rows, { id: 'totals', name: '', sql: totalsResult.sql, bad: totalsResult.bad }]) {
  table.push(columns.map(([, get, metric]) => `${get(r)}${metric && r.bad.has(metric) ? '!' : ''}`));
}
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
for (const row of table) {
  process.stdout.write(
    `${row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}\n`,
  );
}
process.stdout.write(
  `outside_regions: ${postgis.outside_regions.points} points, ${postgis.outside_regions.households} households` +
    ` (funkatlas: ${summary.outside_regions.points}, ${summary.outside_regions.households})\n`,
);
process.stdout.write(
  `largest relative area difference: ${AREAS.map((a) => `${a} ${(areaRel[a] * 100).toExponential(2)} %`).join(', ')}\n`,
);
const mv = postgis.made_valid ?? {};
process.stdout.write(
  `ST_MakeValid applied (overlays only) to ${mv.coverage_parts ?? 0} coverage parts, ${mv.regions ?? 0} regions; ` +
    `versions: ${Object.entries(postgis.versions ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
);

const where = `${rows.length} regions, ${metricsPerRegion} metrics each`;
if (mismatches.length === 0) {
  process.stdout.write(`postgis-check: ${where} (+ totals, outside_regions, inputs): all match\n`);
  process.exit(0);
}
process.stdout.write(`postgis-check: ${where}: ${mismatches.length} mismatches (postgis vs funkatlas):\n`);
for (const m of mismatches) {
  const diff = typeof m.sql === 'number' && typeof m.funk === 'number' ? m.sql - m.funk : Number.NaN;
  const rel = Number.isFinite(diff) && m.funk !== 0 ? ` (${((diff / m.funk) * 100).toPrecision(3)} %)` : '';
  process.stdout.write(
    `  ${m.where} ${m.metric}: postgis ${m.sql}, funkatlas ${m.funk}` +
      `${Number.isFinite(diff) ? `, diff ${+diff.toPrecision(6)}${rel}` : ''}\n`,
  );
}
process.exit(1);
