import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { isQueueError } from '../distributed/queue-error.js';
import { isInputError } from '../errors.js';
import { resolveCrs } from '../geometry/crs.js';
import type { HistoryRows } from '../history/history-rows.js';
import type { HistorySnapshot, HistoryStore, StoredDeadZone } from '../history/history-store.js';
import { openHistory } from '../history/history-target.js';
import { removePendingTempFiles, removeStaleTempFiles } from '../io/files/atomic-write.js';
import { releaseAllLocks } from '../io/files/output-lock.js';
import { type JobThread, startJobThread } from '../parallel/job-thread.js';
import { commitOutputs } from '../pipeline/commit-outputs.js';
import { claimOutputs } from '../pipeline/output-folder.js';
import type { Progress } from '../pipeline/progress.js';
import { toolInfo } from '../pipeline/tool-version.js';
import type { AnalyzeJob, AnalyzeJobResult } from './analyze-job.js';
import { type AnalyzeArgs, parseCommand } from './args.js';
import type { CliIo } from './cli-io.js';
import { diffCommand } from './diff-command.js';
import { forCli } from './flag-names.js';
import { writeRunHistory } from './history-step.js';
import { interruptMessage } from './interrupt-message.js';
import { mapCommand } from './map-command.js';
import { placeCommand } from './place-command.js';
import { predictCommand } from './predict-command.js';
import { progressReporter } from './progress-reporter.js';
import { checkQueueable, queueRunFolder } from './queue-args.js';
import type { RunCommand } from './run-args.js';
import { readScenario } from './scenario-file.js';
import { USAGE } from './usage.js';
import { whatIfCommand } from './whatif-command.js';
import { workerCommand } from './worker-command.js';

const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;

/** Exit codes of a run ended by a signal: 128 + its number, as shells report them. */
export const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type Signal = keyof typeof SIGNAL_EXIT;

export type { CliIo } from './cli-io.js';

/** A started run: its exit code once settled, and what the entry calls when the process must end first. */
export interface CliRun {
  exitCode: Promise<number>;
  /** A signal: undoes what the run started, says so, and gives the exit code to end with at once. */
  interrupt(signal: Signal): number;
  /** The event loop emptied before the run settled (a bug): undoes, says so, gives the exit code. */
  abandon(): number;
}

/** The job's module beside this one: compiled (dist/cli) or, under the test runner, the source. */
const ANALYZE_JOB = new URL(
  import.meta.url.endsWith('.ts') ? './analyze-job.ts' : './analyze-job.js',
  import.meta.url,
);

/** `jobModule`: the analyze job's module in place of the one beside this (tests: a bundle of the source). */
export interface RunOptions {
  jobModule?: URL;
}

/** Runs the CLI on `argv` (without node and the script) and settles with its exit code. */
export function run(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  return startRun(argv, io, options).exitCode;
}

/** Runs the CLI on `argv`; the entry hands it signals and the end of the event loop. */
export function startRun(argv: readonly string[], io: CliIo, options: RunOptions = {}): CliRun {
  const state: RunState = { committed: false, jobModule: options.jobModule ?? ANALYZE_JOB };
  const exitCode = execute(argv, io, state).then(
    (code) => state.interrupted ?? code,
    (error: unknown) => {
      // Ended by a signal: said already, and the job's error is only the thread's end.
      if (state.interrupted !== undefined) return state.interrupted;
      cleanUp(state, false);
      if (isInputError(error)) {
        io.stderr.write(`funkatlas: ${forCli(error).message}\n`);
        return EXIT_INPUT;
      }
      if (isQueueError(error)) {
        io.stderr.write(`funkatlas: ${error.message}\n`);
        return EXIT_INTERNAL;
      }
      io.stderr.write(
        `funkatlas: internal error (a bug, please report it):\n${(error as Error)?.stack ?? String(error)}\n`,
      );
      return EXIT_INTERNAL;
    },
  );
  return {
    exitCode,
    interrupt(signal) {
      state.interrupted = SIGNAL_EXIT[signal];
      cleanUp(state, true);
      void state.job?.stop();
      io.stderr.write(interruptMessage(signal, { ...state, worker: argv[0] === 'worker' }));
      return SIGNAL_EXIT[signal];
    },
    abandon() {
      cleanUp(state, true);
      io.stderr.write(
        'funkatlas: internal error (a bug, please report it): the run stopped before it finished\n',
      );
      return EXIT_INTERNAL;
    },
  };
}

/** What one run has done so far, for undoing it. */
interface RunState {
  /** Whether this run's outputs are in place (a signal after that has nothing to undo). */
  committed: boolean;
  /** The --out folder this run made, removed again if the run ends without writing into it. */
  createdOutDir?: string;
  /** With --queue: the jobs' results folder in --out, removed if the run ends early (late jobs then fail to write). */
  jobsDir?: string;
  /** The --out folder whose lock this run holds: no other run writes there, so its temp files are ours. */
  lockedOutDir?: string;
  job?: JobThread<AnalyzeJobResult>;
  jobModule: URL;
  /** The exit code of the signal that ended the run. */
  interrupted?: number;
  /** Whether the history is being written (after the outputs). */
  historyPending?: boolean;
}

async function execute(argv: readonly string[], io: CliIo, state: RunState): Promise<number> {
  const command = parseCommand(argv);
  if (command.name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (command.name === 'version') {
    io.stdout.write(`${toolInfo().version}\n`);
    return EXIT_OK;
  }
  if (command.name === 'diff') return diffCommand(command.argv, io);
  if (command.name === 'predict') return predictCommand(command.argv, io);
  if (command.name === 'whatif') return whatIfCommand(command.argv, io);
  if (command.name === 'place') return placeCommand(command.argv, io);
  if (command.name === 'map') return mapCommand(command.argv, io);
  if (command.name === 'worker') return workerCommand(command.argv, io);
  if (command.name === 'run') return scenarioCommand(command, io, state);
  return analyzeCommand(command.args, io, state);
}

/** `run SCENARIO`: each analysis in turn, as `analyze` would run it; the first that fails ends the run. */
async function scenarioCommand(command: RunCommand, io: CliIo, state: RunState): Promise<number> {
  const analyses = readScenario(command.scenario, command);
  for (const [k, { name, args }] of analyses.entries()) {
    if (!command.quiet && analyses.length > 1)
      io.stderr.write(`funkatlas: analysis ${k + 1} of ${analyses.length}: ${name}\n`);
    Object.assign(state, { committed: false, createdOutDir: undefined, job: undefined, jobsDir: undefined });
    const { queue, queueDir, jobRegions, jobMb } = command;
    const queued = queue ? { ...args, queue, queueDir, jobRegions, jobMb } : args;
    const code = await analyzeCommand(queued, io, state);
    if (code !== EXIT_OK) return code;
  }
  return EXIT_OK;
}

async function analyzeCommand(a: AnalyzeArgs, io: CliIo, state: RunState): Promise<number> {
  // Flags refused here, before any work, not after a thread has started.
  for (const [flag, value] of [
    ['--input-crs', a.inputCrs],
    ['--households-crs', a.householdsCrs],
    ['--coverage-crs', a.coverageCrs],
    ['--regions-crs', a.regionsCrs],
  ] as const)
    if (value !== undefined) resolveCrs(value, { field: flag });
  checkQueueable(a);
  const outputs = {
    formats: a.outputFormats,
    outputCrs: a.outputCrs === undefined ? undefined : resolveCrs(a.outputCrs, { field: '--output-crs' }),
  };
  if (a.outputCrs !== undefined && !a.outputFormats.includes('fgb') && !a.quiet)
    io.stderr.write(
      `funkatlas: note: --output-crs applies to FlatGeobuf outputs (--format geojson,fgb); GeoJSON stays lon/lat (RFC 7946)\n`,
    );
  // Opened now: a target the run cannot write is refused before any work; its stored snapshots
  // continue the series the goals are judged over.
  const history = a.history ? openHistory(a.history) : undefined;
  const earlier = history ? await storedSnapshots(history, a.quiet, io) : undefined;
  const earlierDeadZones = history && earlier ? await storedDeadZones(history, earlier, a, io) : undefined;
  if (!existsSync(a.out)) state.createdOutDir = a.out;
  // The folder is this run's from here to the last rename: a second run into it is refused.
  const lock = claimOutputs(a.out, [a.households, ...a.coverage, a.regions], a.force, outputs);
  state.lockedOutDir = a.out;
  const queueRun = queueRunFolder(a);
  state.jobsDir = queueRun?.removed;
  let historyRows: HistoryRows | undefined;
  try {
    // The work runs on a thread of its own: this one stays free to act on a signal at once, even
    // while the work is deep in a synchronous read, and lives until the work has settled.
    const onProgress = a.quiet ? () => {} : progressReporter(io.stderr);
    state.job = startJobThread<AnalyzeJob, Progress, AnalyzeJobResult>(
      state.jobModule,
      {
        args: a,
        lockToken: lock.token,
        ...(queueRun ? { queueRun: queueRun.run } : {}),
        ...(earlier ? { earlier } : {}),
        ...(earlierDeadZones ? { earlierDeadZones } : {}),
      },
      onProgress,
    );
    const { staged, text, warnings, history: rows, profile } = await state.job.done;
    // On this thread, in one synchronous step: a signal is handled before it or after it.
    commitOutputs(staged);
    state.committed = true;
    if (!a.quiet) for (const warning of warnings) io.stderr.write(`funkatlas: warning: ${warning}\n`);
    io.stdout.write(`${text}\n`);
    if (profile) io.stderr.write(`${profile}\n`);
    historyRows = rows;
  } finally {
    // A job that failed may have left temp files: they go while the folder is still ours.
    if (!state.committed) removeStaleTempFiles(a.out);
    // A coordinator's thread may still hold a Redis socket that reconnects: it must not keep the process.
    if (a.queue) await state.job?.stop();
    lock.release();
    state.lockedOutDir = undefined;
  }
  // Only after the outputs are in place, and outside the folder's lock: a failed run writes no history.
  if (history && historyRows) {
    state.historyPending = true;
    await writeRunHistory(history, historyRows, { force: a.force, out: a.out }, io);
    state.historyPending = false;
  }
  return EXIT_OK;
}

/**
 * A history's stored snapshots, for the goals to continue the series. One it cannot read now (a
 * server down) does not stop the run: the goals see this run's snapshots only, and writing the
 * history afterwards says whether it worked.
 */
async function storedSnapshots(history: HistoryStore, quiet: boolean, io: CliIo): Promise<HistorySnapshot[]> {
  try {
    return await history.read();
  } catch (error) {
    if (!quiet)
      io.stderr.write(
        `funkatlas: warning: cannot read the history ${history.target} (${(error as Error).message}): the goals are judged over this run's snapshots only\n`,
      );
    return [];
  }
}

/**
 * The dead zones of the history's last snapshot before this run's first date, so this run's are
 * followed on from them with their ids; none for an undated run or one that starts before the history.
 */
async function storedDeadZones(
  history: HistoryStore,
  earlier: readonly HistorySnapshot[],
  a: AnalyzeArgs,
  io: CliIo,
): Promise<{ date: string; zones: StoredDeadZone[] } | undefined> {
  const first = a.snapshots?.map((s) => s.date).sort()[0];
  const date =
    first === undefined
      ? undefined
      : earlier
          .map((s) => s.date)
          .filter((d) => d < first)
          .at(-1);
  if (date === undefined) return undefined;
  try {
    return { date, zones: await history.readDeadZones(date) };
  } catch (error) {
    if (!a.quiet)
      io.stderr.write(
        `funkatlas: warning: cannot read the dead zones of ${date} from the history ${history.target} (${(error as Error).message}): they are not followed on\n`,
      );
    return undefined;
  }
}

/**
 * Undoes what the run left: temp files, and the --out folder it made if still empty. `ending`: the
 * process ends now, so every lock it holds goes (a settled run released its own in `finally`).
 */
function cleanUp(state: RunState, ending: boolean): void {
  removePendingTempFiles();
  if (state.lockedOutDir !== undefined) removeStaleTempFiles(state.lockedOutDir);
  if (state.jobsDir !== undefined) rmSync(state.jobsDir, { recursive: true, force: true });
  if (ending) releaseAllLocks();
  if (state.createdOutDir === undefined) return;
  try {
    if (readdirSync(state.createdOutDir).length === 0) rmdirSync(state.createdOutDir);
  } catch {
    // Best effort: a folder we cannot list or remove is left as it is.
  }
}
