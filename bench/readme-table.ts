/**
 * npm run bench:table — docs/performance.md's tables from bench/results.json, so every figure
 * there is one the bench measured: the stages per scenario, PostGIS, the read speeds, where the time
 * goes, and issue 13's goals met or not.
 */
import { readFileSync } from 'node:fs';
import type { GoalResult } from './goals.js';
import type { PlanningFigures } from './planning.js';
import type { ScenarioSummary } from './report.js';

interface Stage {
  stage: string;
  median_ms: number;
  throughput?: string;
}
interface Entry {
  command: string;
  machine: string;
  date: string;
  runs: number;
  summary: ScenarioSummary;
  stages: Stage[];
}

const results = JSON.parse(readFileSync(new URL('results.json', import.meta.url), 'utf8')) as {
  scenarios: Record<string, Entry>;
  planning?: Record<
    string,
    { command: string; date: string; runs: number; summary: PlanningFigures; stages: Stage[] }
  >;
  goals: GoalResult[];
};
const order = ['S', 'S-geojson', 'M', 'L'].filter((name) => results.scenarios[name]);
const entries = order.map((name) => results.scenarios[name]);
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ms = (v: number | undefined) => (v === undefined ? '—' : int.format(v));
const stage = (e: Entry, prefix: string) => e.stages.find((s) => s.stage.trim().startsWith(prefix));

const rows: [string, (e: Entry) => string][] = [
  [
    'read inputs (coverage read and indexed on the pool meanwhile)',
    (e) => ms(stage(e, 'read inputs')?.median_ms),
  ],
  ['tile unions, 2 workers + the analysis thread', (e) => ms(stage(e, 'tile unions')?.median_ms)],
  ['refine grid with per-layer unions', (e) => ms(stage(e, 'refine grid')?.median_ms)],
  [
    'classify + count, one thread',
    (e) =>
      `${ms(stage(e, 'classify + count, 1')?.median_ms)} (${stage(e, 'classify + count, 1')?.throughput ?? '—'})`,
  ],
  ['classify + count, 2 workers', (e) => ms(stage(e, 'classify + count, 2')?.median_ms)],
  [
    'region clips and dead-zone households, 2 workers + the analysis thread',
    (e) => ms(stage(e, 'region clips')?.median_ms),
  ],
  ['aggregate + write outputs', (e) => ms(stage(e, 'aggregate + write')?.median_ms)],
  ['**end to end `funkatlas analyze`** (default workers)', (e) => `**${ms(e.summary.end_to_end_ms)}**`],
  ['end to end, `--workers 2`', (e) => ms(stage(e, 'end to end, --workers 2')?.median_ms)],
  ['peak RSS of the CLI', (e) => `${int.format(e.summary.peak_rss_mb.cli)} MB`],
  [
    'classification vs naive R-tree + point-in-polygon',
    (e) => `${e.summary.classify_speedup_vs_naive.toFixed(0)}×`,
  ],
];

const out: string[] = [];
const commands = [...new Set(entries.map((e) => e.command))];
out.push(
  `${commands.map((c) => `\`${c}\``).join(', ')} on ${entries[0].machine} (${entries[0].date.slice(0, 10)}; median of ${entries[0].runs} unless said).`,
  '',
  `| ms (median) | ${entries.map((e, k) => `${order[k]}: ${int.format(e.summary.points)} points, ${int.format(e.summary.coverage_polygons)} polygons, ${e.summary.regions} regions`).join(' | ')} |`,
  `|---|${entries.map(() => '---:').join('|')}|`,
  ...rows.map(([label, get]) => `| ${label} | ${entries.map(get).join(' | ')} |`),
);
const readRows = entries.flatMap((e, k) =>
  (e.summary.read ?? []).map(
    (r) =>
      `| ${order[k]} ${r.input} (${(r.textBytes / 1e6).toFixed(1)} MB ${r.format}) | ${r.textMBps.toFixed(0)} MB/s | ${r.jsonParseMBps === undefined ? '' : `${r.jsonParseMBps.toFixed(0)} MB/s`} |`,
  ),
);
out.push(
  '',
  '| each input read alone, one thread, checks and sha256 included | MB/s of its text | `JSON.parse` alone |',
  '|---|---:|---:|',
  ...readRows,
);
const peers = entries.flatMap((e, k) => (e.summary.postgis ? [[order[k], e] as const] : []));
if (peers.length > 0) {
  out.push(
    '',
    '| against PostGIS (compute time, one run; loading the files not included) | PostGIS | funkatlas end to end | funkatlas faster by |',
    '|---|---:|---:|---:|',
  );
  for (const [name, e] of peers) {
    const p = e.summary.postgis;
    if (!p?.expert) continue; // a run of an older bench: no expert query
    out.push(
      `| ${name}: expert query (layer unions, subdivided, GiST) | ${(p.expert.compute_ms / 1000).toFixed(2)} s | ${(e.summary.end_to_end_ms / 1000).toFixed(2)} s | **${p.funkatlas_speedup.toFixed(1)}×** |`,
      `| ${name}: plain point join | ${(p.plain.compute_ms / 1000).toFixed(2)} s | ${(e.summary.end_to_end_ms / 1000).toFixed(2)} s | ${p.funkatlas_speedup_vs_plain.toFixed(1)}× |`,
    );
  }
}
const plans = Object.entries(results.planning ?? {});
if (plans.length > 0) {
  const [, first] = plans[0];
  // Place rows name their objective's points, which differ by base: matched without them.
  const bare = (name: string) => name.replace(/, \d+ points\)/, ')').trim();
  const stageNames = first.stages.map((st) => bare(st.stage));
  out.push(
    '',
    `Planning (issue 16): \`${first.command}\` (${first.date.slice(0, 10)}; median of ${first.runs}; a candidate and a what-if: median over the sites, each timed once after a warm-up pass).`,
    '',
    `| ms (median) | ${plans.map(([name, p]) => `${name} (${int.format(p.summary.households_points)} household points)`).join(' | ')} |`,
    `|---|${plans.map(() => '---:').join('|')}|`,
    ...stageNames.map((name) => {
      const cells = plans.map(([, p]) => {
        const st = p.stages.find((x) => bare(x.stage) === name);
        return st === undefined
          ? '—'
          : st.median_ms < 10
            ? st.median_ms.toFixed(2)
            : int.format(st.median_ms);
      });
      return `| ${name} | ${cells.join(' | ')} |`;
    }),
  );
}
out.push('', '| goal (issue 13, 14, 16) | scenario | target | measured | |', '|---|---|---|---|---|');
for (const g of results.goals)
  out.push(`| ${g.goal} | ${g.scenario} | ${g.target} | ${g.measured} | ${g.met ? 'met' : '**not met**'} |`);
console.log(out.join('\n'));
