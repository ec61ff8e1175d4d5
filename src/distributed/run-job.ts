import { isInputError } from '../errors.js';
import { inflateFile } from '../io/files/inflate.js';
import { analyzeParts } from '../pipeline/analyze.js';
import { analyzeShare, checkSameRegions } from '../pipeline/analyze-share.js';
import { readCoveragePart } from '../pipeline/coverage-part.js';
import { readHouseholdPart } from '../pipeline/household-part.js';
import { prepareOptions } from '../pipeline/options.js';
import { readRunRegions } from '../pipeline/read-inputs.js';
import { type Share, type StagedRun, stageInputs } from '../pipeline/stage-inputs.js';
import { cullingStripe } from './culling-file.js';
import { inflatedPath, type JobSpec, jobKey } from './job-spec.js';
import { readPartial, writePartial } from './partial-codec.js';
import { ownFigures, partialResult } from './partial-result.js';
import { polygonsKey } from './polygons-file.js';
import { shareFromParts } from './share-from-parts.js';

/** What a finished job reports: its result's name in the shared folder and the time it took. */
export interface JobDone {
  key: string;
  seconds: number;
}

/** A share's file name: the stage's key and the share's place. */
export function shareKey(stage: string, share: number): string {
  return `${stage}-${share}`;
}

/**
 * One job, its paths as the coordinator gave them (from `spec.cwd`, which the caller has entered).
 * A whole job (a run of one share) reads the whole input and analyses every region. The stage
 * reads the whole input and writes `<dir>/<key>.job` and one `<key>-<g>.job` per share. A coverage
 * job writes its snapshot's part and `<key>-polygons.job`; a households job its byte range's part
 * (or that the file cannot be cut); an inflate job the gzipped household file gunzipped, as
 * `<key>.csv`; a culling job the polygons its row stripe of the grid needs. A share job reads only
 * its share, or cuts it from the parts. Results go to `<dir>/<key>.job`, key the sha256 of the
 * job's spec: the same spec always writes the same bytes.
 */
export async function runJob(spec: JobSpec, workers?: number): Promise<JobDone> {
  const started = performance.now();
  const options = { ...spec.options, ...(workers === undefined ? {} : { workers }) };
  const key = jobKey(spec);
  if (spec.kind === 'whole') {
    const parts = await analyzeParts(options);
    writePartial(
      spec.dir,
      key,
      partialResult(ownFigures(parts), { regions: spec.regions, outsideCells: true }, parts),
    );
  } else if (spec.kind === 'stage') {
    const staged = await stageInputs(options, spec.order ?? [], spec.shares ?? 1, (g, share) =>
      writePartial(spec.dir, shareKey(key, g), share),
    );
    writePartial(spec.dir, key, staged);
  } else if (spec.kind === 'coverage') {
    const { part, polygons, grid } = await readCoveragePart(options, spec.snapshot as number);
    writePartial(spec.dir, polygonsKey(key), { polygons, grid });
    writePartial(spec.dir, key, part);
  } else if (spec.kind === 'culling') {
    writePartial(spec.dir, key, { needs: cullingStripe(spec) });
  } else if (spec.kind === 'inflate') {
    try {
      await inflateFile(options.households as string, inflatedPath(spec.dir, key));
      writePartial(spec.dir, key, { inflated: true });
    } catch (error) {
      // Bad input is the run's to say (the stage names it as one process would); a file that could
      // not be written (no room) sends the run to the stage, which needs none.
      if (isInputError(error)) throw error;
      writePartial(spec.dir, key, { inflated: false, reason: String((error as Error).message ?? error) });
    }
  } else if (spec.kind === 'households') {
    const part = await readHouseholdPart(options, spec.range as number, spec.ranges as number, spec.source);
    writePartial(spec.dir, key, part ?? { whole: true });
  } else {
    const stage = spec.stage as string;
    const staged = readPartial<StagedRun>(spec.dir, stage);
    const g = spec.share as number;
    const regionsRead = readRunRegions(prepareOptions(options));
    // Before the share is cut: its region indexes are the stage's.
    checkSameRegions(regionsRead, staged.snapshots[0].meta);
    const share = spec.parts
      ? shareFromParts(spec.dir, spec.parts, staged.groups, g, regionsRead)
      : readPartial<Share>(spec.dir, shareKey(stage, g));
    const parts = await analyzeShare(options, staged, share, regionsRead);
    writePartial(spec.dir, key, partialResult(staged, share, parts));
  }
  return { key, seconds: (performance.now() - started) / 1000 };
}
