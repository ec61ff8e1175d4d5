// The `analyze` command's work, on a thread of its own (see cli/run.ts): read, analyse, write, and
// the text to print. The main thread keeps the lock and answers signals meanwhile.

import { join, resolve } from 'node:path';
import { analyzeOnQueue, type CoordinatorSettings } from '../distributed/coordinator.js';
import { JOBS_FOLDER } from '../distributed/queue-connection.js';
import { isInputError } from '../errors.js';
import { resolveCrs } from '../geometry/crs.js';
import { readGoalsFile } from '../goals/goals-file.js';
import { type HistoryRows, historyRows } from '../history/history-rows.js';
import type { HistorySnapshot, StoredDeadZone } from '../history/history-store.js';
import { serveJob } from '../parallel/job-thread.js';
import { type AnalyzeOptions, analyze } from '../pipeline/analyze.js';
import type { Progress } from '../pipeline/progress.js';
import { type StagedOutputs, stageOutputs } from '../pipeline/write-outputs.js';
import type { AnalyzeArgs } from './args.js';
import { forCli } from './flag-names.js';
import { profileText } from './profile-text.js';
import { summaryText } from './summary-text.js';

/** What the main thread hands over: the parsed flags and the token of the lock it holds on --out. */
export interface AnalyzeJob {
  args: AnalyzeArgs;
  lockToken: string;
  /** With --queue: the run's id (its jobs folder's name), chosen by the main thread. */
  queueRun?: string;
  /** With --history: its stored snapshots, read before the run, so the goals continue the series. */
  earlier?: HistorySnapshot[];
  /** With --history: the dead zones of its last snapshot before this run's, followed on. */
  earlierDeadZones?: { date: string; zones: StoredDeadZone[] };
}

/** What the main thread commits (the outputs, staged) and prints: the summary text and each warning. */
export interface AnalyzeJobResult {
  staged: StagedOutputs;
  text: string;
  warnings: string[];
  /** With --profile: where the time went, for stderr. */
  profile?: string;
  /** With --history: the run as the history's rows, written by the main thread after the outputs. */
  history?: HistoryRows;
}

// Said in the CLI's words here, where the error still has its value (it does not cross threads).
serveJob<AnalyzeJob, Progress, AnalyzeJobResult>((job, progress) =>
  analyzeJob(job, progress).catch((error: unknown) => {
    throw isInputError(error) ? forCli(error) : error;
  }),
);

async function analyzeJob(
  { args: a, lockToken, queueRun, earlier, earlierDeadZones }: AnalyzeJob,
  progress: (p: Progress) => void,
): Promise<AnalyzeJobResult> {
  const onProgress = a.quiet ? undefined : progress;
  const goals = a.goals === undefined ? undefined : readGoalsFile(a.goals);
  const options: AnalyzeOptions = {
    households: a.households,
    ...(a.snapshots ? { snapshots: a.snapshots } : { coverage: a.coverage }),
    ...(goals ? { goals: goals.goals, goalsFile: goals.path } : {}),
    ...(a.goalList ? { goals: a.goalList } : {}),
    ...(a.asOf === undefined ? {} : { asOf: a.asOf }),
    ...(a.profile ? { profile: true } : {}),
    ...(earlier && earlier.length > 0 ? { earlierSnapshots: earlier } : {}),
    ...(earlierDeadZones ? { earlierDeadZones } : {}),
    ...(a.rollup === undefined ? {} : { rollup: a.rollup }),
    ...(a.funklochCellSize === undefined ? {} : { funklochCells: { cellSize: a.funklochCellSize } }),
    ...(a.margin === undefined ? {} : { margin: a.margin }),
    regions: a.regions,
    regionId: a.regionId,
    regionName: a.regionName,
    regionFilter: a.regionFilter,
    workers: a.workers,
    householdsFormat: a.householdsFormat,
    coverageFormat: a.coverageFormat,
    regionsFormat: a.regionsFormat,
    read: {
      invalid: a.invalid,
      inputCrs: a.inputCrs,
      householdsCrs: a.householdsCrs,
      coverageCrs: a.coverageCrs,
      regionsCrs: a.regionsCrs,
      householdSize: a.householdSize,
      thresholds: a.thresholds,
      maxSkipped: a.maxSkipped,
    },
    onProgress,
  };
  const result = a.queue
    ? await analyzeOnQueue(options, queueSettings(a, a.queue, queueRun), onProgress)
    : await analyze(options);
  const staged = stageOutputs(result, a.out, {
    formats: a.outputFormats,
    // Resolved here so that its errors name the option the CLI maps to --output-crs.
    outputCrs:
      a.outputCrs === undefined ? undefined : resolveCrs(a.outputCrs, { field: 'options.outputCrs' }),
    force: a.force,
    csvDialect: a.csvDialect,
    heldLock: lockToken,
    onProgress,
    ...(a.report === undefined ? {} : { report: a.report }),
  });
  return {
    staged,
    text: summaryText(result, a.out, staged.written),
    warnings: result.summary.warnings.map((w) => w.message),
    ...(result.profile ? { profile: profileText(result.profile) } : {}),
    ...(a.history ? { history: historyRows(result, '--history') } : {}),
  };
}

/** The coordinator's settings from the flags: job results under OUT/.funkatlas-jobs unless --queue-dir. */
function queueSettings(a: AnalyzeArgs, url: string, run: string | undefined): CoordinatorSettings {
  return {
    url,
    ...(run === undefined ? {} : { run }),
    dir: resolve(a.queueDir ?? join(a.out, JOBS_FOLDER)),
    // A folder the user named stays (when this run did not make it); the default one goes when empty.
    ...(a.queueDir === undefined ? {} : { keepDir: true }),
    cwd: process.cwd(),
    ...(a.jobRegions === undefined ? {} : { jobRegions: a.jobRegions }),
    ...(a.jobMb === undefined ? {} : { rangeBytes: Math.ceil(a.jobMb * 2 ** 20) }),
  };
}
