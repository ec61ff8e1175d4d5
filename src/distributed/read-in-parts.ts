import { statSync } from 'node:fs';
import { isInputError } from '../errors.js';
import { peekInput } from '../io/files/input-stream.js';
import { expectedBytes, fileDigest, isGzipped } from '../io/files/source.js';
import { detectFormat, HOUSEHOLDS_FORMATS } from '../io/formats.js';
import { MAX_TOTAL_HOUSEHOLDS } from '../io/household-total.js';
import type { RegionsRead } from '../io/regions.js';
import type { CoveragePart } from '../pipeline/coverage-part.js';
import type { HouseholdPart } from '../pipeline/household-part.js';
import type { PreparedOptions } from '../pipeline/options.js';
import { type HouseholdPartMeta, stagedFromParts } from '../pipeline/staged-parts.js';
import { mergedCulling } from './culling-file.js';
import {
  coverageJobs,
  cullingJobs,
  householdJobs,
  inflatedPath,
  inflateJob,
  type JobSpec,
  jobKey,
  type PartKeys,
  type RunCommon,
} from './job-spec.js';
import { contentKey, openPartial, readPartial, writePartial } from './partial-codec.js';

/** Bytes of household CSV per reading job, by default: a job's fixed cost (the regions, a start) stays small beside it. */
export const RANGE_BYTES = 16 << 20;

/** The stage the coordinator wrote from the reading jobs' parts: its key, groups, and the parts. */
export interface PartsStage {
  key: string;
  groups: number[][];
  parts: PartKeys;
}

/** How a run reads its households in parts: gunzipped first (then cut), or cut as they are. */
export interface HouseholdSplit {
  gzipped: boolean;
  /** Byte ranges (of a gzipped file: of it gunzipped). */
  ranges: number;
}

/**
 * How the households are read side by side with the coverage: null when the input cannot be cut
 * (not a CSV file); about `rangeBytes` a range, but at most one per share.
 */
export function householdSplit(
  options: PreparedOptions,
  count: number,
  rangeBytes = RANGE_BYTES,
): HouseholdSplit | null {
  if (count < 2) return null;
  const path = options.households;
  try {
    if (detectFormat(path, HOUSEHOLDS_FORMATS, options.householdsFormat) !== 'csv') return null;
    const head = peekInput(path, 64 << 10);
    // A gzipped file's ranges from its size gunzipped as its trailer says: a guess is enough, any
    // number of ranges cuts right.
    if (isGzipped(path, head))
      return { gzipped: true, ranges: rangesFor(expectedBytes(path) ?? 0, count, rangeBytes) };
    // Quoted from the start (GDAL quotes its CSV's text): the stage reads it whole.
    if (head.includes(QUOTE)) return null;
    return { gzipped: false, ranges: rangesFor(statSync(path).size, count, rangeBytes) };
  } catch {
    // Whatever is wrong with the file, the stage job says it as a single run would, in its order.
    return null;
  }
}

function rangesFor(bytes: number, count: number, rangeBytes: number): number {
  return Math.max(1, Math.min(count, Math.ceil(bytes / Math.max(1, rangeBytes))));
}

const QUOTE = 34;

/**
 * The stage as reading jobs (`step` queues and waits): each snapshot's coverage and each byte range
 * of the households at once on different workers (a gzipped file gunzipped first, beside the
 * coverage); culling jobs, row stripes of each coverage's grid; then the coordinator stages the run
 * from their parts (stagedFromParts); `partsJobCount` jobs in all. Null when the file turned out not to cut (a quote in it), its households add up past 2^53 − 1, or a reading job
 * failed on bad input: the stage job then reads the whole input and names the first problem as a
 * single run would (its line in the file, the order of the checks).
 */
export async function stageInParts(
  step: (specs: JobSpec[]) => Promise<void>,
  common: RunCommon,
  options: PreparedOptions,
  regionsRead: RegionsRead,
  plan: { order: readonly number[]; count: number; split: HouseholdSplit },
): Promise<PartsStage | null> {
  const { count, split } = plan;
  const snapshots = options.snapshots.length;
  const stripes = cullingStripes(count);
  const digest = fileDigest(options.households);
  digest.catch(() => {}); // awaited below; a run that fails first must not leave it unhandled
  const inputStep = async (specs: JobSpec[]) => {
    try {
      await step(specs);
      return true;
    } catch (error) {
      if (isInputError(error)) return false;
      throw error;
    }
  };
  const of = partsJobCount(snapshots, split, count);
  const coverageKeys = coverageJobs(common, snapshots, of);
  let households: JobSpec[];
  let culling: JobSpec[];
  if (split.gzipped) {
    // Gunzipped beside the coverage; then cut, beside the culling.
    const inflate = inflateJob(common, snapshots, of);
    if (!(await inputStep([...coverageKeys, inflate]))) return null;
    // A gunzip that could not be written (no room in the folder): the stage reads the file as it is.
    if (!inflated(common.dir, jobKey(inflate))) return null;
    const source = inflatedPath(common.dir, jobKey(inflate));
    households = householdJobs(common, snapshots + 1, split.ranges, of, source);
    culling = cullingJobs(common, coverageKeys.map(jobKey), stripes, snapshots + 1 + split.ranges, of);
    if (!(await inputStep([...households, ...culling]))) return null;
  } else {
    households = householdJobs(common, snapshots, split.ranges, of);
    if (!(await inputStep([...coverageKeys, ...households]))) return null;
    culling = cullingJobs(common, coverageKeys.map(jobKey), stripes, snapshots + split.ranges, of);
    await step(culling);
  }
  const parts: PartKeys = { coverage: coverageKeys.map(jobKey), households: households.map(jobKey) };
  const read = parts.households.map((key) => readHouseholdPartMeta(common.dir, key));
  if (read.some((part) => 'whole' in part)) return null;
  const metas = read as HouseholdPartMeta[];
  // Each range kept its own total below 2^53; their sum past it is the stage's to name, at its line.
  if (metas.reduce((sum, p) => sum + p.weight, 0) > MAX_TOTAL_HOUSEHOLDS) return null;
  const coverage = parts.coverage.map((key) => readPartial<CoveragePart>(common.dir, key));
  // The union culling: the stripes' needed polygons merged here.
  const culledLayers = parts.coverage.map((key, k) => {
    const stripeKeys = culling.slice(k * stripes, (k + 1) * stripes).map(jobKey);
    return mergedCulling(common.dir, key, coverage[k], stripeKeys);
  });
  const staged = stagedFromParts(
    options,
    regionsRead,
    await digest,
    metas,
    coverage,
    culledLayers,
    plan.order,
    count,
  );
  const key = contentKey({ stage: parts });
  writePartial(common.dir, key, staged);
  return { key, groups: staged.groups, parts };
}

/** Whether the inflate job `key` wrote the file gunzipped (its marker says so). */
function inflated(dir: string, key: string): boolean {
  try {
    return readPartial<{ inflated?: boolean }>(dir, key).inflated === true;
  } catch {
    return false;
  }
}

/** Row stripes per snapshot's grid: one per share, at most MAX_STRIPES. */
const MAX_STRIPES = 16;

export function cullingStripes(count: number): number {
  return Math.max(1, Math.min(count, MAX_STRIPES));
}

/** The jobs of a run read in parts: reading (a gunzip first), culling, shares. */
export function partsJobCount(snapshots: number, split: HouseholdSplit, count: number): number {
  return snapshots + (split.gzipped ? 1 : 0) + split.ranges + snapshots * cullingStripes(count) + count;
}

/** A household part as the coordinator reads it: without its points (or `whole`: the file cannot be cut). */
export function readHouseholdPartMeta(dir: string, key: string): HouseholdPartMeta | { whole: true } {
  const file = openPartial<HouseholdPart | { whole: true }>(dir, key);
  try {
    const { value } = file;
    if ('whole' in value) return value;
    const {
      households: _points,
      cellStart: _start,
      cellHouseholds: _cells,
      cellCounted: _counted,
      ...meta
    } = value;
    const { cells } = meta;
    return {
      ...meta,
      offside: file.array<Uint32Array>(meta.offside),
      offsidePlace: file.array<Uint8Array>(meta.offsidePlace),
      regionStart: file.array<Float64Array>(meta.regionStart),
      ...(cells
        ? {
            cells: {
              offGrid: cells.offGrid,
              col: file.array<Int32Array>(cells.col),
              row: file.array<Int32Array>(cells.row),
              households: file.array<Float64Array>(cells.households),
            },
          }
        : {}),
    };
  } finally {
    file.close();
  }
}
