import { randomUUID } from 'node:crypto';
import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { isStdin } from '../io/files/input-stream.js';
import { readOptionsFor } from '../io/read-options.js';
import { readRegions } from '../io/regions.js';
import { DEFAULT_REGION_ID } from '../model/region-fields.js';
import type { AnalysisResult } from '../pipeline/analyze.js';
import { type AnalyzeOptions, prepareOptions } from '../pipeline/options.js';
import type { ProgressCallback } from '../pipeline/progress.js';
import { type JobSpec, jobKey, jobName, jobOptionsOf } from './job-spec.js';
import { mergedResult } from './merge.js';
import { readPartial } from './partial-codec.js';
import type { PartialResult } from './partial-result.js';
import { openConnection, QUEUE_NAME, type QueueSettings, reason, shownUrl } from './queue-connection.js';
import { QueueError } from './queue-error.js';
import { regionGroups } from './region-groups.js';
import { waitForJobs } from './wait-for-jobs.js';

/** How the coordinator splits and where the jobs write. */
export interface CoordinatorSettings extends QueueSettings {
  /** The shared folder for the jobs' results (made and removed by the coordinator). */
  dir: string;
  /** Regions per job (default: the regions analysed cut into as many jobs as there are workers). */
  jobRegions?: number;
  /** The folder the input paths are relative to, for the workers (the coordinator's). */
  cwd: string;
  /** The run's id, its jobs folder's name in `dir` (default: a new UUID). */
  run?: string;
  /** Tries per job for failures other than bad input (default 3). */
  attempts?: number;
}

/**
 * The run as jobs on the queue: the regions analysed cut into contiguous groups, one job each;
 * waits for them (progress: jobs done, the slowest running), then merges their shares into the one
 * result a single-process run gives. The output folder stays the caller's: workers never write it.
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
  const { regions, selected } = readRegions(
    options.regions,
    options.regionId ?? DEFAULT_REGION_ID,
    options.regionName,
    readOptionsFor(options.read, 'regions'),
    options.regionsFormat,
    options.regionFilter,
  );
  const analysed = selected ?? regions.ids.map((_, r) => r);
  const { bullmq, redis, lastError } = await openConnection(settings, 'coordinator');
  const queue = new bullmq.Queue<JobSpec>(QUEUE_NAME, { connection: redis });
  queue.on('error', () => {}); // the polls say it, once (BullMQ would print each to the console)
  const url = shownUrl(settings.url);
  const run = settings.run ?? randomUUID();
  const dir = resolve(settings.dir, run);
  let ids: string[] = [];
  try {
    // Every job reads the whole input: by default one job per worker there is now, so none waits idle.
    const workers = settings.jobRegions === undefined ? await answered(queue.getWorkersCount(), url) : 1;
    const groups = regionGroups(analysed, settings.jobRegions, workers);
    const specs: JobSpec[] = groups.map((group, index) => ({
      run,
      index,
      of: groups.length,
      regions: group,
      label: groupLabel(regions.ids, group),
      options: jobOptionsOf(given),
      cwd: settings.cwd,
      dir,
    }));
    ids = specs.map(jobKey);
    mkdirSync(dir, { recursive: true });
    const attempts = settings.attempts ?? 3;
    const kept = { age: 3600 }; // an hour, for dashboards; this run removes its own at the end
    await answered(
      queue.addBulk(
        specs.map((spec, k) => ({
          name: 'analyze',
          data: spec,
          opts: { jobId: ids[k], attempts, removeOnComplete: kept, removeOnFail: kept },
        })),
      ),
      url,
    );
    if (workers === 0)
      progress({ stage: 'jobs', done: 0, total: ids.length, note: 'no worker connected yet' });
    await waitForJobs(queue, specs, ids, progress, { url, lastError });
    const partials = specs.map((spec, k) => resultOf(spec, ids[k]));
    return await mergedResult(given, regions, partials);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    removeIfEmpty(settings.dir);
    await closeQuietly(queue, redis, ids);
  }
}

/** A job's result from the shared folder; missing, the folder is not one every worker shares. */
function resultOf(spec: JobSpec, id: string): PartialResult {
  try {
    return readPartial<PartialResult>(spec.dir, id);
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

/** A group's first and last region ids, for the logs. */
function groupLabel(ids: readonly string[], group: readonly number[]): string {
  if (group.length === 0) return 'no regions';
  return group.length === 1 ? ids[group[0]] : `${ids[group[0]]}…${ids[group[group.length - 1]]}`;
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
