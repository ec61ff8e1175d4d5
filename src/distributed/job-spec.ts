import { join } from 'node:path';
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

/** A run's reading jobs' results (their keys): per snapshot its coverage, per byte range its households. */
export interface PartKeys {
  coverage: string[];
  households: string[];
}

/**
 * One job of a run; plain JSON, so it is its own key. A run of one group of regions is one whole
 * job, which reads the inputs itself. Otherwise reading jobs first: one per snapshot's coverage and
 * one per byte range of a CSV household file, side by side; or, for inputs that cannot be cut, the
 * stage, which reads the inputs once and writes each group of regions its share. Then one job per
 * group analyses its share.
 */
export interface JobSpec {
  kind: 'whole' | 'stage' | 'coverage' | 'inflate' | 'households' | 'culling' | 'share';
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
  /** A coverage job: its snapshot; a households job: its byte range of how many. */
  snapshot?: number;
  range?: number;
  ranges?: number;
  /** A households job of a gzipped file: the file gunzipped (by the inflate job) that it cuts. */
  source?: string;
  /** A culling job: the coverage job's result (its key), and its row stripe of how many. */
  coverageKey?: string;
  stripe?: number;
  stripes?: number;
  /** A share job: the stage's result (its key) and which of its shares. */
  stage?: string;
  share?: number;
  /** A share job after reading jobs (no stage job): their results, which it takes its share from. */
  parts?: PartKeys;
  /** The job in the logs: its regions' first id and how many more (groupLabel), or what it does. */
  label: string;
  options: JobOptions;
  /** The folder the paths in `options` are relative to (the coordinator's; the same on every machine). */
  cwd: string;
  /** The shared folder the job writes its result into, named by `jobKey`. */
  dir: string;
}

/** What every job of a run shares. */
export type RunCommon = Pick<JobSpec, 'run' | 'options' | 'cwd' | 'dir'>;

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

/** The coverage jobs of a run of `of` jobs: one per snapshot, first in the run. */
export function coverageJobs(common: RunCommon, snapshots: number, of: number): JobSpec[] {
  return Array.from(
    { length: snapshots },
    (_, k): JobSpec => ({
      kind: 'coverage',
      ...common,
      index: k,
      of,
      regions: [],
      snapshot: k,
      label: snapshots === 1 ? 'coverage read' : `coverage of snapshot ${k + 1} read`,
    }),
  );
}

/**
 * The households jobs: `ranges` byte ranges of the household file (or of `source`, the file
 * gunzipped into the jobs folder); `first`: the first one's place in the run of `of` jobs.
 */
export function householdJobs(
  common: RunCommon,
  first: number,
  ranges: number,
  of: number,
  source?: string,
): JobSpec[] {
  return Array.from(
    { length: ranges },
    (_, j): JobSpec => ({
      kind: 'households',
      ...common,
      index: first + j,
      of,
      regions: [],
      range: j,
      ranges,
      ...(source === undefined ? {} : { source }),
      label: `households, part ${j + 1} of ${ranges}`,
    }),
  );
}

/** The job that gunzips a gzipped CSV household file into the jobs folder, for the households jobs to cut. */
export function inflateJob(common: RunCommon, index: number, of: number): JobSpec {
  return { kind: 'inflate', ...common, index, of, regions: [], label: 'households gunzipped' };
}

/**
 * The culling jobs after the reading jobs: `stripes` row stripes of each snapshot's grid (the
 * coverage jobs' results `coverageKeys`); `first`: the first one's place in the run of `of` jobs.
 */
export function cullingJobs(
  common: RunCommon,
  coverageKeys: readonly string[],
  stripes: number,
  first: number,
  of: number,
): JobSpec[] {
  return coverageKeys.flatMap((coverageKey, k) =>
    Array.from(
      { length: stripes },
      (_, j): JobSpec => ({
        kind: 'culling',
        ...common,
        index: first + k * stripes + j,
        of,
        regions: [],
        coverageKey,
        stripe: j,
        stripes,
        label: `coverage${coverageKeys.length === 1 ? '' : ` of snapshot ${k + 1}`} indexed, part ${j + 1} of ${stripes}`,
      }),
    ),
  );
}

/**
 * One job per share: after the stage (`stage`: its spec; `key`: its result) or after reading jobs
 * (`key`: the stage the coordinator wrote from their parts, `parts`: theirs), each group as cut.
 */
export function shareJobs(
  stage: Pick<JobSpec, 'run' | 'options' | 'cwd' | 'dir' | 'of'>,
  key: string,
  groups: readonly number[][],
  label: (group: readonly number[]) => string,
  parts?: PartKeys,
): JobSpec[] {
  const { run, options, cwd, dir, of } = stage;
  const first = of - groups.length;
  return groups.map((group, g) => ({
    kind: 'share',
    run,
    options,
    cwd,
    dir,
    index: first + g,
    of,
    regions: [...group],
    label: label(group),
    stage: key,
    share: g,
    ...(parts ? { parts } : {}),
  }));
}

/** Where the inflate job `key` writes the household file gunzipped. */
export function inflatedPath(dir: string, key: string): string {
  return join(dir, `${key}.csv`);
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
