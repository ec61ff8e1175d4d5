import { InputError } from '../errors.js';
import { summaryRecord } from '../io/input-read.js';
import type { RegionsRead } from '../io/regions.js';
import type { Coverage } from '../model/coverage.js';
import { defaultWorkerCount } from '../parallel/pool.js';
import { createScheduler } from '../parallel/scheduler.js';
import type { SnapshotPartsRead } from './analyze.js';
import { type Base, prepareRegionBase } from './base.js';
import { snapshotParts, startCoverageWork } from './coverage-stages.js';
import { type InputsMeta, inputsFromMeta } from './inputs-meta.js';
import { type AnalyzeOptions, prepareOptions } from './options.js';
import type { ProgressCallback } from './progress.js';
import { readRunRegions } from './read-inputs.js';
import type { Share, StagedRun } from './stage-inputs.js';

const silent: ProgressCallback = () => {};

/**
 * A distributed job's share (stage-inputs.ts): its households and the coverage near them, indexed
 * as the whole run's, analysed for its regions; the products as `analyzeParts` gives them. The
 * Funkloch cells are placed among all the regions the run analyses: the job keeps its own.
 * `regionsGiven`: the regions as the job read them already (and checked against the stage's).
 */
export async function analyzeShare(
  given: AnalyzeOptions,
  staged: Pick<StagedRun, 'snapshots'>,
  share: Share,
  regionsGiven?: RegionsRead,
): Promise<SnapshotPartsRead[]> {
  const options = prepareOptions(given);
  const scheduler = createScheduler(options.workers ?? defaultWorkerCount());
  try {
    const regionsRead = regionsGiven ?? readRunRegions(options);
    // Regions given were checked by the caller, before it cut the share by their indexes.
    if (!regionsGiven) checkSameRegions(regionsRead, staged.snapshots[0].meta);
    const { regions, selected } = regionsRead;
    const regionBase = prepareRegionBase({ regions, selected: share.regions });
    const base: Base = { ...regionBase, households: share.households };
    const coverages = staged.snapshots.map(
      (s, k): Coverage => ({ layers: s.meta.layers, polygons: share.coverage[k].polygons }),
    );
    const works = staged.snapshots.map((s, k) =>
      startCoverageWork(scheduler, options, coverages[k], regionBase, silent, {
        plan: s.plan,
        fixed: {
          grid: share.coverage[k].grid,
          needed: share.coverage[k].needed,
          culledLayers: s.culledLayers,
        },
      }),
    );
    const parts: SnapshotPartsRead[] = [];
    for (const [k, s] of staged.snapshots.entries()) {
      const inputs = inputsFromMeta(s.meta, {
        households: share.households,
        coverage: coverages[k],
        regions,
      });
      const stages = await snapshotParts(scheduler, base, works[k], { inputs }, options, silent, () => {}, {
        ...(selected ? { selected } : {}),
      });
      parts.push({ date: s.date, inputs, ...stages });
    }
    return parts;
  } finally {
    await scheduler.close();
  }
}

/**
 * The share's region indexes are the stage's: a regions file changed since the stage read it
 * (on the shared folder) would mix two files' regions, so it is refused.
 */
export function checkSameRegions(read: RegionsRead, meta: InputsMeta): void {
  const now = summaryRecord(read.input);
  const staged = meta.records.find((r) => r.role === 'regions');
  if (staged && staged.sha256 !== now.sha256)
    throw new InputError('the regions file changed since the run read it: run it again', {
      file: now.path,
      field: 'sha256',
      value: now.sha256,
      hint: `the run read ${staged.sha256}`,
    });
}
