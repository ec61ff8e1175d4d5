import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Layer } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import type { Regions } from '../model/regions.js';
import type { DeadZone, RegionStats } from '../model/stats.js';
import type { InputRecord, Summary } from '../model/summary.js';
import { analyze } from './analyze.js';

/**
 * A finished run made ready for what-if and placement: its inputs read again (checked unchanged by
 * their sha256), every household's layers and region, the latest snapshot's dead zones and figures.
 */
export interface PlanningBase {
  dir: string;
  households: Households;
  layers: readonly Layer[];
  /** Every region of the regions file (file order): `region` indexes these. */
  allRegions: Regions;
  /** Per region of `allRegions`: its index among the regions analysed, −1 when left out (outside). */
  analysedIndex: Int32Array;
  /** The regions analysed: `deadZones[].region` and `regionStats` index these. */
  regionStats: RegionStats[];
  /** Bit l: layer l covers the household (a copy: what-if changes it). */
  mask: Uint32Array;
  /** The first region (of `allRegions`) containing each household, −1 outside. */
  region: Int32Array;
  deadZones: DeadZone[];
  /** Every coverage file of the base is predicted (`funkatlas predict`): sites may be removed. */
  predicted: boolean;
  coverage: string[];
  /** The base's latest snapshot's date (null: undated). */
  date: string | null;
}

export const SUMMARY_FILE = 'summary.json';

/** Reads `DIR/summary.json`, checks its inputs are unchanged, and classifies the households again. */
export async function loadPlanningBase(dir: string, workers?: number): Promise<PlanningBase> {
  const summary = readSummary(dir);
  const latest = summary.snapshots[summary.snapshots.length - 1];
  const byPath = new Map(summary.inputs.map((r) => [`${r.role}\u0000${r.path}`, r]));
  const households = summary.inputs.find((r) => r.role === 'households');
  const regions = summary.inputs.find((r) => r.role === 'regions');
  const coverage = latest.coverage.map((path) => byPath.get(`coverage\u0000${path}`));
  if (!households || !regions || coverage.some((r) => r === undefined))
    throw new InputError("the base run's summary lists no households, regions or coverage input", {
      file: join(dir, SUMMARY_FILE),
      field: 'inputs',
    });
  const records = [households, regions, ...(coverage as InputRecord[])];
  for (const record of records) await checkUnchanged(dir, record);
  const raster = (coverage as InputRecord[]).find((r) => r.format === 'geotiff' || r.format === 'bnetza');
  if (raster)
    throw new InputError(
      'what-if and placement need vector coverage (polygons per operator and technology)',
      {
        file: raster.path,
        field: 'format',
        value: raster.format,
        hint: 'a raster counts from a threshold the base does not record, and a Bundesnetzagentur grid has no operators',
      },
    );
  const coverageCrs = new Set((coverage as InputRecord[]).map((r) => r.crs));
  const result = await analyze({
    households: households.path,
    coverage: latest.coverage,
    regions: regions.path,
    regionId: summary.options.region_id,
    regionName: summary.options.region_name,
    ...(summary.options.region_filter ? { regionFilter: summary.options.region_filter } : {}),
    ...(households.format ? { householdsFormat: households.format } : {}),
    ...(regions.format ? { regionsFormat: regions.format } : {}),
    read: {
      invalid: summary.invalid?.policy ?? 'fail',
      // The CRS each file was read in (recorded when not lon/lat), so a CSV of X,Y reads as it did.
      ...(households.crs ? { householdsCrs: households.crs } : {}),
      ...(regions.crs ? { regionsCrs: regions.crs } : {}),
      ...(coverageCrs.size === 1 && [...coverageCrs][0] ? { coverageCrs: [...coverageCrs][0] } : {}),
    },
    keepClassification: true,
    ...(workers === undefined ? {} : { workers }),
  });
  const snapshot = result.snapshots[result.snapshots.length - 1];
  const { inputs, figures, classification } = snapshot;
  if (!classification) throw new Error('analyze kept no classification');
  checkReproduced(dir, summary, figures.totals);
  const analysedIndex = new Int32Array(inputs.regions.ids.length).fill(-1);
  const analysedIds = new Map(figures.regionStats.map((s, k) => [s.id, k]));
  inputs.regions.ids.forEach((id, r) => {
    analysedIndex[r] = analysedIds.get(id) ?? -1;
  });
  return {
    dir,
    households: inputs.households,
    layers: inputs.coverage.layers,
    allRegions: inputs.regions,
    analysedIndex,
    regionStats: figures.regionStats,
    mask: Uint32Array.from(classification.mask),
    region: classification.region,
    deadZones: figures.deadZones,
    predicted: (coverage as InputRecord[]).every((r) => r.predicted === true),
    coverage: [...latest.coverage],
    date: latest.date,
  };
}

function readSummary(dir: string): Summary {
  const path = join(dir, SUMMARY_FILE);
  if (!existsSync(path))
    throw new InputError('no summary.json: --base takes the folder of a finished analyze run', {
      file: path,
      field: '--base',
      value: dir,
    });
  let summary: Summary;
  try {
    summary = JSON.parse(readFileSync(path, 'utf8')) as Summary;
  } catch (error) {
    throw new InputError(`not JSON (${(error as Error).message.split('\n')[0]})`, { file: path });
  }
  if (
    typeof summary?.schema !== 'string' ||
    !summary.schema.includes('summary@2') ||
    !summary.snapshots?.length
  )
    throw new InputError('not a funkatlas summary@2', {
      file: path,
      field: 'schema',
      value: String(summary?.schema),
      hint: 'run funkatlas analyze again with this version',
    });
  return summary;
}

/** The input must be the file the base run read: what-if figures are differences against it. */
async function checkUnchanged(dir: string, record: InputRecord): Promise<void> {
  if (!existsSync(record.path))
    throw new InputError(`the base run's ${record.role} input is gone`, {
      file: record.path,
      hint: `run from the folder the base run (${dir}) was run from: its paths are as given then`,
    });
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(record.path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  if (sha256 !== record.sha256)
    throw new InputError(`the base run's ${record.role} input changed since the run`, {
      file: record.path,
      field: 'sha256',
      value: sha256,
      hint: `${join(dir, SUMMARY_FILE)} recorded ${record.sha256.slice(0, 12)}…: run analyze again`,
    });
}

/**
 * The base read again must give the run's figures: a read option summary.json does not record (a
 * household size for a Zensus grid, a CRS given for a file that declares another) would make every
 * difference wrong.
 */
function checkReproduced(dir: string, summary: Summary, totals: Summary['totals']): void {
  const recorded = summary.totals;
  for (const key of ['households', 'households_lte', 'households_5g', 'households_no_lte'] as const)
    if (recorded[key] !== totals[key])
      throw new InputError("the base run's figures could not be reproduced from its inputs", {
        file: join(dir, SUMMARY_FILE),
        field: `totals.${key}`,
        value: recorded[key],
        hint: `read again they give ${totals[key]}: a read option the summary does not record (e.g. --household-size) was used; run analyze again with what-if in mind`,
      });
}
