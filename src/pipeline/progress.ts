/** Where a run is, for a progress bar: `done` of `total` units of the named stage. */
export interface Progress {
  stage: 'read' | 'index' | 'tile-unions' | 'classify' | 'coverage-geometry' | 'write' | 'jobs';
  done: number;
  total: number;
  /** A line to show beside the count (jobs on a queue: the slowest one running, a retry). */
  note?: string;
}

export type ProgressCallback = (progress: Progress) => void;
