/**
 * A cluster's run scheduled on paper from jobs timed one by one on this machine. Assumptions: the
 * stage (the whole input read once and shared out) runs alone first; then the shares, each to
 * whichever worker is free first, in order, as BullMQ hands them out; each worker is a machine like
 * this one, reading the shared folder as fast as a local disk; Redis adds nothing; the coordinator
 * spends what it spent here before the jobs (regions read, jobs queued) and after them (merge, write).
 */
export interface ClusterInput {
  singleMs: number;
  /** The coordinator of the jobs timed one by one: its progress lines and wall time. */
  coordinatorLog: string;
  coordinatorMs: number;
  /** The stage's time. */
  stageSeconds: number;
  /** Each share job's time, in job order. */
  shareSeconds: number[];
  workers: number[];
}

export function simulatedCluster(input: ClusterInput): string {
  const { stageSeconds, shareSeconds } = input;
  const lines = [...input.coordinatorLog.matchAll(/([\d.]+)s jobs: (\d+)\/(\d+) done/g)];
  const start = Number(lines[0]?.[1] ?? 0);
  const lastDone = Number(lines.at(-1)?.[1] ?? 0);
  const tail = input.coordinatorMs / 1000 - lastDone;
  const sum = shareSeconds.reduce((a, b) => a + b, 0);
  const out = [
    `\non paper (the stage ${stageSeconds.toFixed(1)} s, then ${shareSeconds.length} shares measured one by one: ${Math.min(...shareSeconds).toFixed(2)}–${Math.max(...shareSeconds).toFixed(2)} s, ${sum.toFixed(1)} s in all;`,
    `  coordinator ${start.toFixed(1)} s before, ${tail.toFixed(1)} s after the jobs)`,
  ];
  for (const workers of input.workers) {
    const seconds = start + stageSeconds + makespan(shareSeconds, workers) + tail;
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
