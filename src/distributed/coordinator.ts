import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { boundsByOwner } from '../geometry/bounds.js';
import { isStdin } from '../io/files/input-stream.js';
import { checkReadableFile } from '../io/files/source.js';
import { splitLayerPath } from '../io/gpkg/layer-path.js';
import type { AnalysisResult } from '../pipeline/analyze.js';
import { type AnalyzeOptions, prepareOptions } from '../pipeline/options.js';
import type { ProgressCallback } from '../pipeline/progress.js';
import { readRunRegions } from '../pipeline/read-inputs.js';
import type { StagedRun } from '../pipeline/stage-inputs.js';
import { type JobSpec, jobKey, jobName, jobOptionsOf, shareJobs, stageJob, wholeJob } from './job-spec.js';
import { mergedResult } from './merge.js';
import { readPartial } from './partial-codec.js';
import type { PartialResult } from './partial-result.js';
import { openConnection, QUEUE_NAME, type QueueSettings, reason, shownUrl } from './queue-connection.js';
import { QueueError } from './queue-error.js';
import { householdSplit, type PartsStage, partsJobCount, stageInParts } from './read-in-parts.js';
import { shareCount, spatialOrder } from './region-groups.js';
import { waitForJobs } from './wait-for-jobs.js';

/** How the coordinator splits and where the jobs write. */
export interface CoordinatorSettings extends QueueSettings {
  /** The shared folder for the shares and the jobs' results (made and removed by the coordinator). */
  dir: string;
  /** Keep `dir` at the end, empty, unless this run made it (a folder the user named). */
  keepDir?: boolean;
  /** Regions per share job, on average (default: as many shares as there are workers). */
  jobRegions?: number;
  /** Bytes of a CSV household file per reading job, about (default RANGE_BYTES, 16 MiB; at most one job per share). */
  rangeBytes?: number;
  /** The folder the input paths are relative to, for the workers (the coordinator's). */
  cwd: string;
  /** The run's id, its jobs folder's name in `dir` (default: a new UUID). */
  run?: string;
  /** Tries per job for failures other than bad input (default 3). */
  attempts?: number;
}

/**
 * The run as jobs on the queue: one whole job; or the regions cut into shares of neighbouring
 * regions, read by reading jobs side by side (each snapshot's coverage, byte ranges of a CSV
 * household file; read-in-parts.ts) or, for inputs that do not cut, by the stage (the input read
 * once), then one job per share. Waits for them (progress: jobs done, the slowest running), then
 * merges their results into the one result a single-process run gives. The output folder stays the
 * caller's: workers never write it.
 */
export async function analyzeOnQueue(
  given: AnalyzeOptions,
  settings: CoordinatorSettings,
  progress: ProgressCallback = () => {},
): Promise<AnalysisResult> {
  const options = prepareOptions(given);
  if (options.margin !== undefined)
    throw new InputError('margin is not run on a queue', {
      field: 'margin',
      hint: 'run it without the queue',
    });
  const inputs = [options.households, ...options.coverage, options.regions];
  if (inputs.some(isStdin))
    throw new InputError('standard input cannot be shared with workers', {
      field: '--queue',
      value: '-',
      hint: 'save the input to a file on the shared folder',
    });
  // Every input there for the coordinator: a file missing everywhere fails here, at once (a worker
  // that cannot see one is a machine not sharing the folder, and its job is retried elsewhere).
  for (const path of [options.households, ...options.coverage]) checkReadableFile(splitLayerPath(path).file);
  const regionsRead = readRunRegions(options);
  const { regions, selected } = regionsRead;
  const analysed = selected ?? regions.ids.map((_, r) => r);
  const { bullmq, redis, lastError } = await openConnection(settings, 'coordinator');
  const queue = new bullmq.Queue<JobSpec>(QUEUE_NAME, { connection: redis });
  queue.on('error', () => {}); // the polls say it, once (BullMQ would print each to the console)
  const url = shownUrl(settings.url);
  const run = settings.run ?? randomUUID();
  const dir = resolve(settings.dir, run);
  const ids: string[] = [];
  let created = false;
  try {
    // By default one share per worker there is now, so none waits idle.
    const workers =
      settings.jobRegions === undefined ? await workersOn(queue, redis.options.db ?? 0, url) : 1;
    const count = shareCount(analysed.length, settings.jobRegions, workers);
    const common = { run, options: jobOptionsOf(given), cwd: settings.cwd, dir };
    const label = (group: readonly number[]) => groupLabel(regions.ids, group);
    created = !existsSync(settings.dir);
    mkdirSync(dir, { recursive: true });
    const attempts = settings.attempts ?? 3;
    const kept = { age: 3600 }; // an hour, for dashboards; this run removes its own at the end
    let total = count === 1 ? 1 : count + 1;
    let before = 0;
    /** Queues `specs` and waits for them; progress counts all the run's jobs. */
    const step = async (specs: JobSpec[]) => {
      const keys = specs.map(jobKey);
      ids.push(...keys);
      await answered(
        queue.addBulk(
          specs.map((spec, k) => ({
            name: spec.kind,
            data: spec,
            // A second apart: a worker that failed (an input it cannot read) is not at once the next taker.
            opts: {
              jobId: keys[k],
              attempts,
              backoff: { type: 'fixed', delay: 1000 },
              removeOnComplete: kept,
              removeOnFail: kept,
            },
          })),
        ),
        url,
      );
      if (workers === 0 && before === 0)
        progress({ stage: 'jobs', done: 0, total, note: 'no worker connected yet' });
      const counted: ProgressCallback = (event) =>
        progress(event.stage === 'jobs' ? { ...event, done: event.done + before, total } : event);
      try {
        await waitForJobs(queue, specs, keys, counted, { url, lastError });
      } catch (error) {
        // None of a failed step's jobs left waiting before the next (a stage read again after bad input).
        await Promise.all(keys.map((id) => queue.remove(id).catch(() => {})));
        throw error;
      }
      before += specs.length;
    };
    let results: JobSpec[];
    if (count === 1) {
      results = [wholeJob(common, analysed, label(analysed))];
      await step(results);
    } else {
      const order = spatialOrder(analysed, boundsByOwner(regions.polygons, regions.ids.length));
      // Reading jobs side by side where the households cut into byte ranges; else the stage job.
      const split = householdSplit(options, count, settings.rangeBytes);
      let parts: PartsStage | null = null;
      if (split) {
        total = partsJobCount(options.snapshots.length, split, count);
        parts = await stageInParts(step, common, options, regionsRead, { order, count, split });
        if (!parts) {
          total = count + 1;
          before = 0;
          progress({ stage: 'jobs', done: 0, total, note: 'the inputs are read again in one job' });
        }
      }
      if (parts) {
        results = shareJobs({ ...common, of: total }, parts.key, parts.groups, label, parts.parts);
      } else {
        // The stage first: it cuts the groups (by the households it reads) and writes their shares.
        const stage = stageJob(common, order, count);
        await step([stage]);
        const { groups } = resultOf<Pick<StagedRun, 'groups'>>(stage, jobKey(stage));
        results = shareJobs(stage, jobKey(stage), groups, label);
      }
      await step(results);
    }
    const partials = results.map((spec) => resultOf<PartialResult>(spec, jobKey(spec)));
    return await mergedResult(given, regions, partials);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // The shared folder goes too when empty, unless the user named one this run did not make.
    if (created || !settings.keepDir) removeIfEmpty(settings.dir);
    await closeQuietly(queue, redis, ids);
  }
}

/** Workers connected to the queue in its own database (Redis lists the clients of every database). */
async function workersOn(
  queue: { getWorkers(): Promise<{ [key: string]: string }[]> },
  db: number,
  url: string,
) {
  const workers = await answered(queue.getWorkers(), url);
  return workers.filter((w) => w.db === undefined || Number(w.db) === db).length;
}

/** A job's result from the shared folder; missing, the folder is not one every worker shares. */
function resultOf<T>(spec: JobSpec, id: string): T {
  try {
    return readPartial<T>(spec.dir, id);
  } catch (error) {
    throw new QueueError(
      `${jobName(spec)} is done but its result is not in ${spec.dir} (${reason(error)}): --queue-dir must be a folder every worker shares`,
    );
  }
}

/** A queue command's answer; none within 5 s (or an error) is a queue lost. */
async function answered<T>(command: Promise<T>, url: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5_000);
  });
  try {
    return await Promise.race([command, timeout]);
  } catch (error) {
    throw new QueueError(`cannot reach the queue at ${url}: ${reason(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** A group's regions, for the logs. */
function groupLabel(ids: readonly string[], group: readonly number[]): string {
  if (group.length === 0) return 'no regions';
  // A group lies together but is not a run in file order: its first id and how many more.
  return group.length === 1 ? ids[group[0]] : `${ids[group[0]]} and ${group.length - 1} more`;
}

function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty (another run's jobs) or gone: left as it is.
  }
}

/** Closes the queue, or drops the connection when Redis does not answer within a second. */
async function closeQuietly(
  queue: { remove(id: string): Promise<unknown>; close(): Promise<void> },
  redis: { disconnect(): void },
  ids: readonly string[],
): Promise<void> {
  // The run's jobs go: done ones are read, waiting ones (after a failure) must not be taken.
  const tidy = async () => {
    await Promise.all(ids.map((id) => queue.remove(id).catch(() => {})));
    await queue.close();
  };
  await Promise.race([tidy().catch(() => {}), new Promise((r) => setTimeout(r, 1_000).unref())]);
  redis.disconnect();
}

export { QueueError };
