/**
 * Where a run's time goes: `analyze({ profile: true })` in this process, default workers, and the
 * profile of its median run: per stage, its wall time and each thread's busy share (event-loop
 * utilisation: a thread blocked in a task counts as busy, one waiting for a message as idle).
 */
import { analyze } from '../src/pipeline/analyze.js';
import type { AnalyzeOptions } from '../src/pipeline/options.js';
import type { RunProfile } from '../src/pipeline/stage-profile.js';
import { sink } from './measure.js';

export interface BusyStage {
  stage: string;
  wall_ms: number;
  /** Per thread, the share of the stage's wall time it was busy (0–1). */
  busy: number[];
}

export interface BusyProfile {
  threads: string[];
  total_ms: number;
  stages: BusyStage[];
  /** Over the whole run: each thread's busy share. */
  overall: number[];
}

export async function busyProfile(options: AnalyzeOptions, runs: number): Promise<BusyProfile> {
  sink(await analyze(options)); // warm-up
  const profiles: RunProfile[] = [];
  for (let k = 0; k < runs; k++) {
    const result = await analyze({ ...options, profile: true });
    if (result.profile) profiles.push(result.profile);
  }
  const total = (p: RunProfile) => p.stages.reduce((sum, s) => sum + s.wall_ms, 0);
  const median = [...profiles].sort((a, b) => total(a) - total(b))[profiles.length >> 1];
  const wall = total(median);
  return {
    threads: median.threads.map((t) => (t === 'this thread' ? 'analysis thread' : t)),
    total_ms: wall,
    stages: median.stages.map((s) => ({
      stage: s.stage,
      wall_ms: s.wall_ms,
      busy: s.busy_ms.map((b) => Math.min(1, b / Math.max(1e-9, s.wall_ms))),
    })),
    overall: median.threads.map(
      (_, k) => median.stages.reduce((sum, s) => sum + (s.busy_ms[k] ?? 0), 0) / Math.max(1e-9, wall),
    ),
  };
}

export function busyTable(name: string, p: BusyProfile): string[] {
  const head = `${name}: where the time goes (analyze() in-process, ${p.total_ms.toFixed(0)} ms; busy share per thread)`;
  const cols = p.threads.map((t) => t.padStart(16)).join('');
  const lines = p.stages.map(
    (s) =>
      `  ${s.stage.padEnd(38)}${s.wall_ms.toFixed(0).padStart(7)} ms${s.busy.map((b) => `${(100 * b).toFixed(0)} %`.padStart(16)).join('')}`,
  );
  const overall = `  ${'whole run'.padEnd(38)}${p.total_ms.toFixed(0).padStart(7)} ms${p.overall.map((b) => `${(100 * b).toFixed(0)} %`.padStart(16)).join('')}`;
  return [head, `  ${''.padEnd(48)}${cols}`, ...lines, overall];
}
