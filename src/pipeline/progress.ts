/** Where a run is, for a progress bar: `done` of `total` units of the named stage. */
export interface Progress {
  stage: 'read' | 'index' | 'tile-unions' | 'classify' | 'coverage-geometry' | 'write';
  done: number;
  total: number;
}

export type ProgressCallback = (progress: Progress) => void;
