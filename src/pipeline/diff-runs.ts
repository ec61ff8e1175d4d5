import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { loadClipper } from '../geometry/wasm-clipper.js';
import { AtomicFileSet, removeStaleTempFiles } from '../io/files/atomic-write.js';
import { prepareOutputDir } from '../io/files/output-dir.js';
import { lockOutputDir } from '../io/files/output-lock.js';
import { type RunOutput, readRunOutput } from '../io/run-output-read.js';
import {
  DEAD_ZONE_CHANGES_FILE,
  deadZoneChangeProperties,
  deadZoneChangesGeoJson,
} from '../tracking/dead-zone-changes.js';
import { isSnapshotDate, trackDeadZones } from '../tracking/dead-zone-matching.js';
import { type FigureChange, type RegionChange, regionChanges } from '../tracking/region-changes.js';
import {
  DEAD_ZONE_STATUSES,
  type DeadZoneStatus,
  type DeadZoneTracking,
} from '../tracking/tracked-dead-zone.js';

/** The contract of diff.json (JSON Schema in schema/diff.schema.json). */
export const DIFF_SCHEMA = 'funkatlas/diff@1';
export const DIFF_FILE = 'diff.json';

/** One side of a diff: the run's folder, when it ran, and the date its snapshot stands for. */
export interface DiffRun {
  dir: string;
  generated_at: string;
  date: string;
}

/** `diff.json`: what changed between two runs, per region and per dead zone. */
export interface RunsDiff {
  schema: typeof DIFF_SCHEMA;
  old: DiffRun;
  new: DiffRun;
  totals: Record<string, FigureChange>;
  regions: RegionChange[];
  dead_zones: {
    /** Tracked dead zones per status (between the two runs). */
    counts: Record<DeadZoneStatus, number>;
    /** As the properties of dead-zone-changes.geojson. */
    zones: Record<string, unknown>[];
  };
}

export interface DiffOptions {
  /** The snapshot dates [old, new] (YYYY-MM-DD); default: the date of each summary's generated_at. */
  dates?: readonly [string, string];
}

/** The diff and the tracking behind it (for dead-zone-changes.geojson). */
export interface DiffResult {
  diff: RunsDiff;
  tracking: DeadZoneTracking;
}

/**
 * Compares two finished runs' outputs (old first): every figure of the totals and of each region,
 * and the dead zones followed from the old run (snapshot 1) to the new (snapshot 2).
 */
export async function diffRuns(
  oldDir: string,
  newDir: string,
  options: DiffOptions = {},
): Promise<DiffResult> {
  const old = readRunOutput(oldDir);
  const now = readRunOutput(newDir);
  const { totals, regions } = regionChanges(
    { summary: old.summary, file: old.summaryFile },
    { summary: now.summary, file: now.summaryFile },
  );
  const given = options.dates;
  if (given !== undefined && (given.length !== 2 || !given.every(isSnapshotDate) || given[1] <= given[0]))
    throw new InputError('options.dates must be two dates, old before new, YYYY-MM-DD each', {
      field: 'options.dates',
      value: given,
    });
  const [oldDate, newDate] = given ?? [runDate(old), runDate(now)];
  if (newDate <= oldDate)
    throw new InputError(`the runs' dates do not increase (${oldDate}, then ${newDate})`, {
      file: now.summaryFile,
      field: 'generated_at',
      value: now.summary.generated_at,
      hint: 'give the dates their coverage stands for: --dates OLD,NEW (YYYY-MM-DD each)',
    });
  // Both runs' zones are numbered by the new run's regions (the same ids, perhaps in another order).
  const regionIds = now.summary.regions.map((r) => r.id);
  const newIndex = new Map(regionIds.map((id, k) => [id, k]));
  const oldZones = old.deadZones.map((z) => ({
    ...z,
    region: newIndex.get(old.summary.regions[z.region].id) as number,
  }));
  await loadClipper();
  const tracking = trackDeadZones(
    [
      { date: oldDate, deadZones: oldZones },
      { date: newDate, deadZones: now.deadZones },
    ],
    regionIds,
  );
  const counts = Object.fromEntries(DEAD_ZONE_STATUSES.map((s) => [s, 0])) as Record<DeadZoneStatus, number>;
  for (const zone of tracking.zones) counts[zone.status]++;
  const diff: RunsDiff = {
    schema: DIFF_SCHEMA,
    old: { dir: oldDir, generated_at: old.summary.generated_at, date: oldDate },
    new: { dir: newDir, generated_at: now.summary.generated_at, date: newDate },
    totals,
    regions,
    dead_zones: { counts, zones: tracking.zones.map(deadZoneChangeProperties) },
  };
  return { diff, tracking };
}

/**
 * Writes diff.json and dead-zone-changes.geojson into `outDir` as a set (temp files renamed in
 * place, diff.json last), under the folder's lock; refuses to overwrite either without `force`.
 * Returns the paths written.
 */
export function writeDiff(outDir: string, result: DiffResult, force = false): string[] {
  prepareOutputDir(outDir);
  const lock = lockOutputDir(outDir);
  try {
    removeStaleTempFiles(outDir);
    const paths = [DEAD_ZONE_CHANGES_FILE, DIFF_FILE].map((name) => join(outDir, name));
    for (const path of paths)
      if (!force && existsSync(path))
        throw new InputError('output exists already', {
          file: path,
          hint: 'use --force to overwrite, or another --out',
        });
    const files = new AtomicFileSet();
    files.write(paths[0], deadZoneChangesGeoJson(result.tracking));
    files.write(paths[1], [`${JSON.stringify(result.diff, null, 2)}\n`]);
    files.commit();
    return paths;
  } finally {
    lock.release();
  }
}

/** The day a run was made (its summary's generated_at), as the date of its snapshot. */
/** The date a run stands for: its latest snapshot's (summary@2, dated coverage), else the day it ran. */
function runDate(run: RunOutput): string {
  const snapshot = (run.summary as { snapshots?: { date: string | null }[] }).snapshots?.at(-1)?.date;
  if (typeof snapshot === 'string') return snapshot;
  const at = run.summary.generated_at;
  if (typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(at))
    throw new InputError('generated_at must be an ISO date-time', {
      file: run.summaryFile,
      field: 'generated_at',
      value: at,
      hint: 'or give --dates OLD,NEW',
    });
  return at.slice(0, 10);
}
