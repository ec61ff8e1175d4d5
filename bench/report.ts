/** The bench's results: bench/results.json (one entry per scenario, goals judged over all) and the printed tables. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { type BusyProfile, busyTable } from './busy.js';
import type { FloorFigures } from './floor/classify-floor.js';
import { type GoalFigures, type GoalResult, goalsTable, judgeGoals } from './goals.js';
import type { PlanningFigures } from './planning.js';
import type { PeerSummary } from './postgis-peer.js';

export interface Row {
  scenario: string;
  stage: string;
  median_ms: number;
  min_ms: number;
  runs: number;
  throughput?: string;
  note?: string;
}

export interface ScenarioSummary {
  points: number;
  coverage_polygons: number;
  regions: number;
  classify_points_per_s_2_workers: number;
  classify_points_per_s_1_worker: number;
  classify_speedup_vs_naive: number;
  classify_speedup_vs_turf: number;
  flatbush_vs_rbush_build: number;
  dead_zones_and_areas_ms: number;
  end_to_end_ms: number;
  peak_rss_mb: { bench_process: number; cli: number };
  exact: { engine_equals_naive_on_sample: boolean; workers_1_and_2_identical: boolean };
  postgis?: PeerSummary;
  read: {
    /** Its read alone, median. */
    ms: number;
    input: string;
    format: string;
    bytes: number;
    textBytes: number;
    textMBps: number;
    jsonParseMBps?: number;
  }[];
  busy: BusyProfile;
  tile_unions_started_before_households_read: boolean;
  /** S: the CLI on data/'s dated snapshots; each extra snapshot's share of a one-snapshot run. */
  snapshots?: { count: number; end_to_end_ms: number; extra_snapshot_share: number };
  classify_floor_points_per_s?: FloorFigures;
}

const machine = `${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
const command = `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
let goals: GoalResult[] = [];

/** Writes results.json: this run's scenarios replace their earlier entries, the others stay (`--only L` adds to S and M). */
export function writeResults(
  root: string,
  rows: Row[],
  results: Record<string, ScenarioSummary>,
  runs: number,
  planning?: Record<string, PlanningFigures>,
): void {
  const report = { command, machine, date: new Date().toISOString(), runs };
  const resultsPath = join(root, 'bench/results.json');
  const previous = existsSync(resultsPath)
    ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as { scenarios?: object; planning?: object })
    : {};
  // Issue 16's figures: this run's, else the earlier run's.
  const planningEntry = planning
    ? Object.fromEntries(
        Object.entries(planning).map(([name, summary]) => [
          name,
          { ...report, summary, stages: rows.filter((r) => r.scenario === `plan-${name}`) },
        ]),
      )
    : (previous.planning as Record<string, { summary: PlanningFigures }> | undefined);
  const scenarioEntries = Object.fromEntries(
    Object.entries(results).map(([name, summary]) => [
      name,
      { ...report, summary, stages: rows.filter((r) => r.scenario === name) },
    ]),
  );
  const allScenarios = { ...(previous.scenarios ?? {}), ...scenarioEntries } as Record<
    string,
    { summary: GoalFigures }
  >;
  goals = judgeGoals(
    Object.fromEntries(Object.entries(allScenarios).map(([k, v]) => [k, v.summary])),
    planningEntry === undefined
      ? undefined
      : Object.fromEntries(Object.entries(planningEntry).map(([k, v]) => [k, v.summary])),
  );
  const written = { scenarios: allScenarios, ...(planningEntry ? { planning: planningEntry } : {}), goals };
  writeFileSync(resultsPath, `${JSON.stringify(written, null, 2)}\n`);
}

export function printResults(rows: Row[], results: Record<string, ScenarioSummary>, runs: number): void {
  console.log(`\n${command} — ${machine}; median of ${runs} runs after 1 warm-up\n`);
  console.log(
    `${'scn'.padEnd(10)}${'stage'.padEnd(50)}${'median ms'.padStart(11)}${'min ms'.padStart(10)}  throughput`,
  );
  for (const r of rows) {
    console.log(
      `${r.scenario.padEnd(10)}${r.stage.padEnd(50)}${ms(r.median_ms).padStart(11)}${ms(r.min_ms).padStart(10)}  ${r.throughput ?? ''}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  console.log('');
  for (const [name, r] of Object.entries(results)) {
    if (r.postgis)
      console.log(
        `${name}: PostGIS compute, expert ${(r.postgis.expert.compute_ms / 1000).toFixed(2)} s = ${r.postgis.funkatlas_speedup.toFixed(1)}×, plain join ${(r.postgis.plain.compute_ms / 1000).toFixed(2)} s = ${r.postgis.funkatlas_speedup_vs_plain.toFixed(1)}× funkatlas end to end`,
      );
    console.log(
      `${name}: classify ${fmt(r.classify_points_per_s_2_workers)} pts/s on 2 workers = ${r.classify_speedup_vs_naive.toFixed(0)}× naive, ${r.classify_speedup_vs_turf.toFixed(0)}× turf; flatbush builds ${r.flatbush_vs_rbush_build.toFixed(1)}× faster than rbush; dead zones ${r.dead_zones_and_areas_ms.toFixed(0)} ms; end to end ${(r.end_to_end_ms / 1000).toFixed(2)} s, peak RSS ${r.peak_rss_mb.cli.toFixed(0)} MB; exact: ${r.exact.engine_equals_naive_on_sample && r.exact.workers_1_and_2_identical ? 'yes' : 'NO'}`,
    );
  }

  console.log('');
  for (const [name, r] of Object.entries(results))
    for (const line of busyTable(name, r.busy)) console.log(line);
  console.log('\nGoals (from this run, and results.json for scenarios not run now):');
  for (const line of goalsTable(goals)) console.log(`  ${line}`);
}

/** A stage not run (no gcc) has no time. */
function ms(v: number): string {
  return Number.isNaN(v) ? '—' : v.toFixed(1);
}

export function fmt(v: number): string {
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)} M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} k`;
  return v.toFixed(0);
}
