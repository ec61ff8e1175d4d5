/** Where a run's time went: per stage, its wall time and how busy each thread was meanwhile. */
export interface RunProfile {
  /** `this thread` (the one that called analyze), then `worker 1`, `worker 2`, … */
  threads: string[];
  stages: StageTime[];
}

export interface StageTime {
  stage: string;
  wall_ms: number;
  /** Per thread (as in `threads`), the milliseconds it was busy during the stage. */
  busy_ms: number[];
}

/**
 * Marks the end of each stage with the threads' busy times so far (their event loops' active time:
 * a thread blocked in a long task counts as busy, one waiting for a message as idle).
 */
export class StageClock {
  private readonly stages: StageTime[] = [];
  private lastWall = performance.now();
  private lastBusy: number[];

  constructor(private readonly busyMs: () => number[]) {
    this.lastBusy = busyMs();
  }

  /** The stage that just ended. */
  mark(stage: string): void {
    const wall = performance.now();
    const busy = this.busyMs();
    this.stages.push({
      stage,
      wall_ms: wall - this.lastWall,
      busy_ms: busy.map((b, k) => Math.max(0, b - (this.lastBusy[k] ?? 0))),
    });
    this.lastWall = wall;
    this.lastBusy = busy;
  }

  profile(): RunProfile {
    const threads = this.lastBusy.map((_, k) => (k === 0 ? 'this thread' : `worker ${k}`));
    return { threads, stages: this.stages };
  }
}
