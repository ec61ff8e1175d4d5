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

/**
 * One job of a run; plain JSON, so it is its own key. A run of one group of regions is one whole
 * job, which reads the inputs itself. Otherwise the run's first job, the stage, reads the inputs
 * once and writes each group of regions its share; then one job per group analyses its share.
 */
export interface JobSpec {
  kind: 'whole' | 'stage' | 'share';
  /** The run's id: a job of another run never shares a result file. */
  run: string;
  /** The job's place in the run (0-based: the stage is 0) and how many jobs there are. */
  index: number;
  of: number;
  /** A share job's regions, or a whole job's (all analysed): indexes in file order (the stage's: none). */
  regions: number[];
  /** The stage: the regions analysed in the order they lie together, and how many shares to cut them into. */
  order?: number[];
  shares?: number;
  /** A share job: the stage's result (its key) and which of its shares. */
  stage?: string;
  share?: number;
  /** The job in the logs: its regions' first id and how many more (groupLabel), or what it does. */
  label: string;
  options: JobOptions;
  /** The folder the paths in `options` are relative to (the coordinator's; the same on every machine). */
  cwd: string;
  /** The shared folder the job writes its result into, named by `jobKey`. */
  dir: string;
}

/** What every job of a run shares. */
type RunCommon = Pick<JobSpec, 'run' | 'options' | 'cwd' | 'dir'>;

/** A run of one share: one whole job, which reads the input as a single process would. */
export function wholeJob(common: RunCommon, regions: readonly number[], label: string): JobSpec {
  return { kind: 'whole', ...common, index: 0, of: 1, regions: [...regions], label };
}

/** The stage of a run of `count` shares (`count` + 1 jobs): `order`, the regions analysed as they lie together. */
export function stageJob(common: RunCommon, order: readonly number[], count: number): JobSpec {
  return {
    kind: 'stage',
    ...common,
    index: 0,
    of: count + 1,
    regions: [],
    order: [...order],
    shares: count,
    label: 'inputs read, shared out',
  };
}

/** One job per share of the stage `stage` (its spec), each group as the stage cut it. */
export function shareJobs(
  stage: JobSpec,
  groups: readonly number[][],
  label: (group: readonly number[]) => string,
): JobSpec[] {
  const { run, options, cwd, dir, of } = stage;
  const key = jobKey(stage);
  return groups.map((group, g) => ({
    kind: 'share',
    run,
    options,
    cwd,
    dir,
    index: g + 1,
    of,
    regions: [...group],
    label: label(group),
    stage: key,
    share: g,
  }));
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
