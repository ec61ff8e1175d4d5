import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { cullLayers } from '../analysis/full-cells.js';
import { isInputError } from '../errors.js';
import { fileDigest, isGzipped } from '../io/files/source.js';
import { detectFormat, HOUSEHOLDS_FORMATS } from '../io/formats.js';
import { MAX_TOTAL_HOUSEHOLDS } from '../io/household-total.js';
import type { RegionsRead } from '../io/regions.js';
import type { CoveragePart } from '../pipeline/coverage-part.js';
import type { PreparedOptions } from '../pipeline/options.js';
import { coverageGroups } from '../pipeline/prepare-coverage.js';
import { type HouseholdPartMeta, stagedFromParts } from '../pipeline/staged-parts.js';
import { cullingJobs, type JobSpec, jobKey, type PartKeys, type RunCommon, readingJobs } from './job-spec.js';
import { contentKey, readPartial, writePartial } from './partial-codec.js';
import { withPolygons } from './polygons-file.js';
import { type CoverageCulling, cullingKey, readHouseholdPartMeta } from './share-from-parts.js';

/** Bytes of household CSV per reading job, by default: a job's fixed cost (the regions, a start) stays small beside it. */
export const RANGE_BYTES = 16 << 20;

/** The stage the coordinator wrote from the reading jobs' parts: its key, groups, and the parts. */
export interface PartsStage {
  key: string;
  groups: number[][];
  parts: PartKeys;
}

/**
 * How many byte ranges the households are read in, side by side with the coverage: 0 when the
 * input cannot be cut (not a plain CSV file); about `rangeBytes` each, but at most one per share.
 */
export function householdRanges(options: PreparedOptions, count: number, rangeBytes = RANGE_BYTES): number {
  if (count < 2) return 0;
  const path = options.households;
  try {
    if (detectFormat(path, HOUSEHOLDS_FORMATS, options.householdsFormat) !== 'csv') return 0;
    const head = firstBytes(path);
    // Gzipped, or quoted from the start (GDAL quotes its CSV's text): the stage reads it whole.
    if (isGzipped(path, head) || head.includes(QUOTE)) return 0;
    return Math.max(1, Math.min(count, Math.ceil(statSync(path).size / Math.max(1, rangeBytes))));
  } catch {
    // Whatever is wrong with the file, the stage job says it as a single run would, in its order.
    return 0;
  }
}

const QUOTE = 34;

/**
 * The stage as reading jobs (`step` queues and waits): each snapshot's coverage and each byte range
 * of the households at once on different workers; then culling jobs, row stripes of each coverage's
 * grid; then the coordinator stages the run from their parts (stagedFromParts). Null when the
 * file turned out not to cut (a quote in it), its households add up past 2^53 − 1, or a reading job
 * failed on bad input: the stage job then reads the whole input and names the first problem as a
 * single run would (its line in the file, the order of the checks).
 */
export async function stageInParts(
  step: (specs: JobSpec[]) => Promise<void>,
  common: RunCommon,
  options: PreparedOptions,
  regionsRead: RegionsRead,
  plan: { order: readonly number[]; count: number; ranges: number },
): Promise<PartsStage | null> {
  const snapshots = options.snapshots.length;
  const stripes = cullingStripes(plan.count);
  const of = partsJobCount(snapshots, plan.ranges, plan.count);
  const jobs = readingJobs(common, snapshots, plan.ranges, of);
  const digest = fileDigest(options.households);
  digest.catch(() => {}); // awaited below; a run that fails first must not leave it unhandled
  try {
    await step(jobs);
  } catch (error) {
    if (isInputError(error)) return null;
    throw error;
  }
  const keys = jobs.map(jobKey);
  const parts: PartKeys = { coverage: keys.slice(0, snapshots), households: keys.slice(snapshots) };
  const households = parts.households.map((key) => readHouseholdPartMeta(common.dir, key));
  if (households.some((part) => 'whole' in part)) return null;
  // Each range kept its own total below 2^53; their sum past it is the stage's to name, at its line.
  const weight = (households as HouseholdPartMeta[]).reduce((sum, p) => sum + p.weight, 0);
  if (weight > MAX_TOTAL_HOUSEHOLDS) return null;
  const coverage = parts.coverage.map((key) => readPartial<CoveragePart>(common.dir, key));
  // The union culling, its grid built stripe by stripe side by side, then merged here.
  const culling = cullingJobs(common, parts.coverage, stripes, jobs.length, of);
  await step(culling);
  const culledLayers = parts.coverage.map((key, k) => {
    const stripeKeys = culling.slice(k * stripes, (k + 1) * stripes).map(jobKey);
    return mergedCulling(common.dir, key, coverage[k], stripeKeys);
  });
  const staged = stagedFromParts(
    options,
    regionsRead,
    await digest,
    households as HouseholdPartMeta[],
    coverage,
    culledLayers,
    plan.order,
    plan.count,
  );
  const key = contentKey({ stage: parts });
  writePartial(common.dir, key, staged);
  return { key, groups: staged.groups, parts };
}

/** Row stripes per snapshot's grid: one per share, at most MAX_STRIPES. */
const MAX_STRIPES = 16;

export function cullingStripes(count: number): number {
  return Math.max(1, Math.min(count, MAX_STRIPES));
}

/** The jobs of a run read in parts: reading, culling, shares. */
export function partsJobCount(snapshots: number, ranges: number, count: number): number {
  return snapshots + ranges + snapshots * cullingStripes(count) + count;
}

/**
 * The stripes' needed polygons ORed, the layers culled decided over the whole set (full-cells.ts
 * `cullLayers`), written beside the coverage for the share jobs; returns the layers culled.
 */
function mergedCulling(dir: string, coverageKey: string, part: CoveragePart, stripeKeys: string[]): number {
  const owner = withPolygons(dir, coverageKey, ({ hollow }) => hollow.owner);
  const needed = new Uint8Array(new SharedArrayBuffer(Math.max(1, owner.length)), 0, owner.length);
  for (const key of stripeKeys)
    for (const p of readPartial<{ needs: Uint32Array }>(dir, key).needs) needed[p] = 1;
  const culledLayers = cullLayers(needed, owner, coverageGroups(part.layers, part.plan));
  const culling: CoverageCulling = { needed, culledLayers };
  writePartial(dir, cullingKey(coverageKey), culling);
  return culledLayers;
}

/** The file's first 64 kB (its header and first rows). */
function firstBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64 << 10);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}
