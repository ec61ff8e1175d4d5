/**
 * Issue 13's goals, judged from the bench's own figures (this run's, or an earlier run's for a
 * scenario not run now, as results.json keeps them): what docs/performance.md states.
 */
import type { BusyProfile } from './busy.js';
import type { PlanningFigures } from './planning.js';

export interface GoalFigures {
  points: number;
  end_to_end_ms: number;
  peak_rss_mb: { cli: number };
  classify_points_per_s_1_worker?: number;
  classify_floor_points_per_s?: { tight_js: number; c?: number; c_sorted?: number };
  read?: { input: string; textMBps: number; format: string; ms?: number }[];
  busy?: BusyProfile;
  tile_unions_started_before_households_read?: boolean;
  postgis?: { expert: { compute_ms: number } };
  snapshots?: { count: number; end_to_end_ms: number; extra_snapshot_share: number };
}

export interface GoalResult {
  goal: string;
  scenario: string;
  target: string;
  measured: string;
  met: boolean;
}

export function judgeGoals(
  scenarios: Record<string, GoalFigures>,
  planning?: Record<string, PlanningFigures>,
): GoalResult[] {
  const goals: GoalResult[] = [];
  const add = (goal: string, scenario: string, target: string, measured: string, met: boolean) =>
    goals.push({ goal, scenario, target, measured, met });
  const sg = scenarios['S-geojson'];
  if (sg?.postgis) {
    const ratio = sg.postgis.expert.compute_ms / sg.end_to_end_ms;
    add(
      'end to end against the expert PostGIS compute',
      'S-geojson',
      '≥ 10×',
      `${ratio.toFixed(1)}× (${s(sg.end_to_end_ms)} against ${s(sg.postgis.expert.compute_ms)})`,
      ratio >= 10,
    );
  }
  for (const [name, f] of Object.entries(scenarios)) {
    for (const r of f.read ?? [])
      if (r.format === 'geojson')
        add(
          `GeoJSON read, ${r.input}, one thread`,
          name,
          '≥ 250 MB/s',
          `${r.textMBps.toFixed(0)} MB/s`,
          r.textMBps >= 250,
        );
    const read = f.busy?.stages.find((st) => st.stage.startsWith('read inputs'));
    if (read)
      add(
        'both cores reading (busy share of each thread while reading)',
        name,
        '≥ 80 % each',
        read.busy.map((b, k) => `${f.busy?.threads[k]} ${(100 * b).toFixed(0)} %`).join(', '),
        read.busy.every((b) => b >= 0.8),
      );
    // Only where the households take longer to read than the coverage (read alone): else they are
    // read before the coverage is, and the unions cannot start earlier than its index.
    const alone = (input: string) => f.read?.find((r) => r.input === input)?.ms;
    const [households, coverage] = [alone('households'), alone('coverage')];
    if (
      f.tile_unions_started_before_households_read !== undefined &&
      households !== undefined &&
      coverage !== undefined
    )
      add(
        'tile unions start while households are read (where they take longer than the coverage)',
        name,
        'yes',
        households <= coverage
          ? `households read first (${households.toFixed(0)} ms alone, coverage ${coverage.toFixed(0)} ms)`
          : f.tile_unions_started_before_households_read
            ? 'yes'
            : 'no',
        households <= coverage || f.tile_unions_started_before_households_read,
      );
  }
  const snap = scenarios.S?.snapshots;
  if (snap)
    add(
      'each extra snapshot, of a one-snapshot run (issue 14)',
      'S',
      '≤ 40 %',
      `${(100 * snap.extra_snapshot_share).toFixed(0)} % (${snap.count} snapshots ${s(snap.end_to_end_ms)})`,
      snap.extra_snapshot_share <= 0.4,
    );
  const l = scenarios.L;
  if (l) {
    add('end to end', 'L', '≤ 8 s', s(l.end_to_end_ms), l.end_to_end_ms <= 8000);
    add('peak RSS', 'L', '≤ 1 GB', `${(l.peak_rss_mb.cli / 1024).toFixed(2)} GB`, l.peak_rss_mb.cli <= 1024);
  }
  const sc = scenarios.S?.classify_points_per_s_1_worker;
  if (sc !== undefined)
    add(
      'classify + count per core, with the region lookup',
      'S',
      '≥ 8.5 M pts/s',
      `${(sc / 1e6).toFixed(2)} M pts/s${floorText(scenarios.S.classify_floor_points_per_s)}`,
      sc >= 8.5e6,
    );
  for (const [name, p] of Object.entries(planning ?? {})) {
    add(
      `predict ${p.predict.sites} sites at ${p.predict.resolution_m} m (command), issue 16`,
      `plan-${name}`,
      '< 60 s',
      `${s(p.predict.command_ms)} (over a DEM, the prediction alone: ${s(p.predict.dem_prediction_ms)})`,
      Math.max(p.predict.command_ms, p.predict.dem_prediction_ms) < 60_000,
    );
    add(
      'one candidate site evaluated, median per site, issue 16',
      `plan-${name}`,
      '≤ 5 ms',
      `${p.candidate.median_ms.toFixed(2)} ms (p90 ${p.candidate.p90_ms.toFixed(2)}; a full re-run ${s(p.full_rerun_ms)})`,
      p.candidate.median_ms <= 5,
    );
    add(
      `place ${p.place.k} of ${p.place.candidates} candidates (${p.place.objective} spots), issue 16`,
      `plan-${name}`,
      '< 60 s',
      `${s(p.place.ms)} (${p.place.evaluations} gains computed; plain greedy ${p.place.plain_greedy_evaluations})`,
      p.place.ms < 60_000,
    );
  }
  return goals;
}

/** The same scheme as a tight JS loop and in C, one thread: what stops the goal where it is missed. */
function floorText(floor: GoalFigures['classify_floor_points_per_s']): string {
  if (!floor) return '';
  const c = floor.c === undefined ? '' : `, C ${(floor.c / 1e6).toFixed(1)}`;
  return ` (floor: JS ${(floor.tight_js / 1e6).toFixed(1)}${c})`;
}

function s(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function goalsTable(goals: readonly GoalResult[]): string[] {
  return goals.map(
    (g) =>
      `${g.met ? 'met    ' : 'NOT met'}  ${g.scenario.padEnd(10)}${g.goal.padEnd(62)}${g.target.padEnd(16)}${g.measured}`,
  );
}
