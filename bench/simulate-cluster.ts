/**
 * A cluster's run scheduled on paper from jobs timed one by one on this machine. Assumptions: every
 * job pays the same fixed cost (it reads the whole input and classifies every household: measured as
 * a job of one region); the rest of a job's time is its regions' clips, spread evenly over them; each
 * worker is a machine like this one, reading the shared folder as fast as a local disk; Redis adds
 * nothing; BullMQ hands the jobs out in order to whichever worker is free.
 */
export interface ClusterInput {
  singleMs: number;
  /** The coordinator of the jobs timed one by one: its progress lines and wall time. */
  coordinatorLog: string;
  coordinatorMs: number;
  /** Each job's time, in job order (contiguous, equal groups of regions; the last one shorter). */
  jobSeconds: number[];
  /** A job of one region: what every job pays whatever its size. */
  fixedSeconds: number;
  regions: number;
  workers: number;
}

export function simulatedCluster(input: ClusterInput): string {
  const { jobSeconds, fixedSeconds, regions, workers } = input;
  // The coordinator's own time: before the first job (regions read, jobs queued) and after the last (merge, write).
  const lines = [...input.coordinatorLog.matchAll(/([\d.]+)s jobs: (\d+)\/(\d+) done/g)];
  const start = Number(lines[0]?.[1] ?? 0);
  const lastDone = Number(lines.at(-1)?.[1] ?? 0);
  const tail = input.coordinatorMs / 1000 - lastDone;
  // Each region's clip time, from the job that held it.
  const per = Math.ceil(regions / jobSeconds.length);
  const regionWork = Array.from({ length: regions }, (_, r) => {
    const j = Math.floor(r / per);
    const held = Math.min(per, regions - j * per);
    return Math.max(0, jobSeconds[j] - fixedSeconds) / held;
  });
  const out = [
    `\n${workers} workers on paper (jobs of ${jobSeconds.length} measured one by one: ${jobSeconds.map((s) => s.toFixed(1)).join(', ')} s;`,
    `  fixed cost a job ${fixedSeconds.toFixed(1)} s; coordinator ${start.toFixed(1)} s before, ${tail.toFixed(1)} s after the jobs)`,
  ];
  let best = { size: 0, seconds: Infinity };
  for (let size = 1; size <= regions; size *= 2) {
    const jobs: number[] = [];
    for (let r = 0; r < regions; r += size)
      jobs.push(fixedSeconds + regionWork.slice(r, r + size).reduce((a, b) => a + b, 0));
    const seconds = start + makespan(jobs, workers) + tail;
    if (seconds < best.seconds) best = { size, seconds };
    out.push(
      `  ${String(size).padStart(3)} regions a job, ${String(jobs.length).padStart(3)} jobs: ${seconds.toFixed(1)} s, ${(input.singleMs / 1000 / seconds).toFixed(2)}× the single process`,
    );
  }
  out.push(
    `  best: ${best.size} regions a job, ${(input.singleMs / 1000 / best.seconds).toFixed(2)}× faster than one process`,
  );
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
