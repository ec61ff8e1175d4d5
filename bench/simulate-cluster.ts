/**
 * A cluster's run scheduled on paper from jobs timed one by one on this machine. Assumptions: the
 * reading jobs (each snapshot's coverage, the household file's byte ranges) run first, each to
 * whichever worker is free first, in order, as BullMQ hands them out; the coordinator then stages
 * the run from their parts (its time here between the last reading job done and the first share
 * started, polls included; the household file's sha256, which it reads meanwhile, is said apart);
 * then the shares the same way; each worker is a machine like this one, reading the shared folder
 * as fast as a local disk; Redis adds nothing; the coordinator spends what it spent here before the
 * jobs (regions read, jobs queued) and after them (merge, write).
 */
export interface ClusterInput {
  singleMs: number;
  /** The coordinator of the jobs timed one by one: its progress lines and wall time. */
  coordinatorLog: string;
  coordinatorMs: number;
  /** Each reading job's time, in job order. */
  readingSeconds: number[];
  /** Each share job's time, in job order. */
  shareSeconds: number[];
  /** The coordinator's sha256 of the household file, alone. */
  digestSeconds: number;
  workers: number[];
}

export function simulatedCluster(input: ClusterInput): string {
  const { readingSeconds: reading, shareSeconds: shares } = input;
  const lines = [...input.coordinatorLog.matchAll(/([\d.]+)s jobs: (\d+)\/(\d+) done/g)];
  const at = (done: number) => Number(lines.find((l) => Number(l[2]) >= done)?.[1] ?? 0);
  const start = Number(lines[0]?.[1] ?? 0);
  const lastDone = Number(lines.at(-1)?.[1] ?? 0);
  const tail = input.coordinatorMs / 1000 - lastDone;
  // One worker: the first share ran alone after the reading jobs; what is left of that interval is the staging.
  const staging = Math.max(0, at(reading.length + 1) - at(reading.length) - shares[0]);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const range = (xs: readonly number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s`;
  const out = [
    `\non paper (${reading.length} reading jobs ${range(reading)}, ${sum(reading).toFixed(1)} s in all; the coordinator's staging ${staging.toFixed(2)} s,`,
    `  its sha256 of the households ${input.digestSeconds.toFixed(2)} s meanwhile; ${shares.length} shares ${range(shares)}, ${sum(shares).toFixed(1)} s in all;`,
    `  coordinator ${start.toFixed(1)} s before, ${tail.toFixed(1)} s after the jobs)`,
  ];
  for (const workers of input.workers) {
    const read = Math.max(makespan(reading, workers), input.digestSeconds);
    const seconds = start + read + staging + makespan(shares, workers) + tail;
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
