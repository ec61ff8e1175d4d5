/** Timing of one stage: every run in ms, after warm-up runs that are not counted. */
export interface Timing {
  runs: number[];
  median: number;
  min: number;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured; the median is what we report. */
export async function measure(fn: () => unknown | Promise<unknown>, runs = 5, warmup = 1): Promise<Timing> {
  for (let k = 0; k < warmup; k++) sink(await fn());
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    sink(await fn());
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { runs: times, median: sorted[sorted.length >> 1], min: sorted[0] };
}

let sunk = 0;
/** Keeps results alive so the JIT cannot drop the work that produced them. */
export function sink(value: unknown): void {
  if (value !== undefined && value !== null) sunk++;
}
export const sunkCount = () => sunk;
