/**
 * A cluster's run scheduled on paper from jobs timed one by one on this machine. Assumptions: the
 * run's phases (reading jobs: each snapshot's coverage, the household file's byte ranges; culling
 * jobs: row stripes of each coverage's grid; shares) run one after another, the jobs of a phase each
 * to whichever worker is free first, in order, as BullMQ hands them out; between phases the
 * coordinator spends what it spent here (reading results, staging, queueing, polls included); the
 * household file's sha256, which it reads beside the first phase, may outlast it; each worker is a machine like this one, reading the shared folder
 * as fast as a local disk; Redis adds nothing; the coordinator spends what it spent here before the
 * jobs (regions read, jobs queued) and after them (merge, write).
 */
export interface ClusterInput {
  singleMs: number;
  /** The coordinator of the jobs timed one by one: its progress lines and wall time. */
  coordinatorLog: string;
  coordinatorMs: number;
  /** The run's phases, each a name and its jobs' times in job order (a phase starts when the last ended). */
  phases: { name: string; seconds: number[] }[];
  /** The coordinator's sha256 of the household file, alone (it runs beside the first phase). */
  digestSeconds: number;
  workers: number[];
}

export function simulatedCluster(input: ClusterInput): string {
  const { phases } = input;
  const lines = [...input.coordinatorLog.matchAll(/([\d.]+)s jobs: (\d+)\/(\d+) done/g)];
  const at = (done: number) => Number(lines.find((l) => Number(l[2]) >= done)?.[1] ?? 0);
  const start = Number(lines[0]?.[1] ?? 0);
  const lastDone = Number(lines.at(-1)?.[1] ?? 0);
  const tail = input.coordinatorMs / 1000 - lastDone;
  // One worker: a phase's first job ran alone after the last phase; what is left of that interval
  // is the coordinator's work between them (reading the results, staging, queueing), polls included.
  let before = 0;
  const gaps = phases.map((phase, k) => {
    const gap = k === 0 ? 0 : Math.max(0, at(before + 1) - at(before) - phase.seconds[0]);
    before += phase.seconds.length;
    return gap;
  });
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const range = (xs: readonly number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s`;
  const out = [
    `\non paper (${phases.map((p, k) => `${k > 0 ? `the coordinator ${gaps[k].toFixed(2)} s, ` : ''}${p.seconds.length} ${p.name} ${range(p.seconds)}, ${sum(p.seconds).toFixed(1)} s in all`).join('; ')};`,
    `  the coordinator's sha256 of the households ${input.digestSeconds.toFixed(2)} s beside the first; ${start.toFixed(1)} s before, ${tail.toFixed(1)} s after the jobs)`,
  ];
  for (const workers of input.workers) {
    let seconds = start + tail;
    phases.forEach((phase, k) => {
      const span = makespan(phase.seconds, workers);
      seconds += gaps[k] + (k === 0 ? Math.max(span, input.digestSeconds) : span);
    });
    out.push(
      `  ${String(workers).padStart(3)} workers: ${seconds.toFixed(1)} s, ${(input.singleMs / 1000 / seconds).toFixed(2)}× the single process`,
    );
  }
  return out.join('\n');
}

/** Jobs in order, each to the worker free first: when the last one ends. */
function makespan(jobs: readonly number[], workers: number): number {
  const free = new Array<number>(Math.min(workers, jobs.length)).fill(0);
  for (const job of jobs) {
    let w = 0;
    for (let k = 1; k < free.length; k++) if (free[k] < free[w]) w = k;
    free[w] += job;
  }
  return Math.max(0, ...free);
}
