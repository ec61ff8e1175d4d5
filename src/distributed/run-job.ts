import { analyzeParts } from '../pipeline/analyze.js';
import { type JobSpec, jobKey } from './job-spec.js';
import { writePartial } from './partial-codec.js';
import { partialResult } from './partial-result.js';

/** What a finished job reports: its result's name in the shared folder and the time it took. */
export interface JobDone {
  key: string;
  seconds: number;
}

/**
 * One job: the run's inputs read (paths as the coordinator was given them, from `spec.cwd`, which the
 * caller has entered), its regions clipped, its share written to `<dir>/<sha256 of the spec>.json`.
 * The same spec always writes the same bytes.
 */
export async function runJob(spec: JobSpec, workers?: number): Promise<JobDone> {
  const started = performance.now();
  const parts = await analyzeParts(
    { ...spec.options, ...(workers === undefined ? {} : { workers }) },
    spec.regions,
  );
  const key = jobKey(spec);
  writePartial(spec.dir, key, partialResult(spec.regions, parts));
  return { key, seconds: (performance.now() - started) / 1000 };
}
