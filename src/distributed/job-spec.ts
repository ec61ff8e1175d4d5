import type { AnalyzeOptions } from '../pipeline/options.js';
import { contentKey } from './partial-codec.js';

/** What a job reads and how: the run's options without what only the merge needs (goals, history, roll-up). */
export type JobOptions = Pick<
  AnalyzeOptions,
  | 'households'
  | 'coverage'
  | 'snapshots'
  | 'funklochCells'
  | 'regions'
  | 'regionId'
  | 'regionName'
  | 'regionFilter'
  | 'householdsFormat'
  | 'coverageFormat'
  | 'regionsFormat'
  | 'read'
>;

/** One job: a group of regions (contiguous in file order) of one run; plain JSON, so it is its own key. */
export interface JobSpec {
  /** The run's id: a job of another run never shares a result file. */
  run: string;
  /** The job's place in the run (0-based) and how many jobs there are. */
  index: number;
  of: number;
  /** The regions this job clips and counts cells for: indexes in file order. */
  regions: number[];
  /** Their ids, first and last, for the logs. */
  label: string;
  options: JobOptions;
  /** The folder the paths in `options` are relative to (the coordinator's; the same on every machine). */
  cwd: string;
  /** The shared folder the job writes its result into, named by `jobKey`. */
  dir: string;
}

/** The job's result file name: the sha256 of its spec, so a retried job rewrites the same file. */
export function jobKey(spec: JobSpec): string {
  return contentKey(spec);
}

/** The job's name in logs: its place in the run and its regions. */
export function jobName(spec: Pick<JobSpec, 'index' | 'of' | 'label'>): string {
  return `job ${spec.index + 1} of ${spec.of} (${spec.label})`;
}

const JOB_OPTION_KEYS = [
  'households',
  'coverage',
  'snapshots',
  'funklochCells',
  'regions',
  'regionId',
  'regionName',
  'regionFilter',
  'householdsFormat',
  'coverageFormat',
  'regionsFormat',
  'read',
] as const satisfies readonly (keyof JobOptions)[];

/** The options a job needs, as plain JSON (no callbacks, no undefined). */
export function jobOptionsOf(options: AnalyzeOptions): JobOptions {
  const picked: Record<string, unknown> = {};
  for (const key of JOB_OPTION_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return JSON.parse(JSON.stringify(picked)) as JobOptions;
}
