import type { FunklochCellsOptions } from '../analysis/funkloch-cells.js';
import { type CellsPart, cellPlacementPart } from '../analysis/funkloch-cells-placement.js';
import { readHouseholdsCsvRange } from '../io/csv/households-range.js';
import { readOptionsFor } from '../io/read-options.js';
import type { SkipCounts } from '../io/skipped.js';
import { allocateHouseholds, type Households } from '../model/households.js';
import { PolygonSetBuilder } from '../model/polygon-set.js';
import { defaultWorkerCount } from '../parallel/pool.js';
import { createScheduler } from '../parallel/scheduler.js';
import { buildSetIndex } from '../spatial/indexes.js';
import { type Base, prepareRegionBase } from './base.js';
import { axesPlace, extentOf, NEAR } from './check-extents.js';
import { type ClassifyIndex, classify } from './classify.js';
import { type AnalyzeOptions, prepareOptions } from './options.js';
import { readRunRegions } from './read-inputs.js';

/**
 * One byte range of a CSV household file, read and placed: what a distributed run's reading jobs
 * give instead of one job reading the whole file. Its households lie grouped by region (file
 * order within each), so a share job reads only its regions' slices of every part.
 */
export interface HouseholdPart {
  /** Rows read (kept and skipped), points kept and their households, as the whole read counts them. */
  features: number;
  points: number;
  weight: number;
  skipped?: SkipCounts;
  crs?: string;
  /** The part's first point (lon, lat), for the swapped-axes error; none when it has none. */
  first: number[] | null;
  /** The points (part order) not near the regions, and each one's place (check-extents.ts `axesPlace`). */
  offside: Uint32Array;
  offsidePlace: Uint8Array;
  /** Per region (file order), where its points start in `households`; the last entry is their count. */
  regionStart: Float64Array;
  /** The points in a region, grouped by region; points in none are not kept. */
  households: Households;
  /** With Funkloch cells: what the cells' warnings read of the part (funkloch-cells-placement.ts). */
  cells?: CellsPart;
  /**
   * With Funkloch cells: the points whose cell lies in another region than they are counted in (or
   * in none analysed: after the last region), grouped by the cell's region as `regionStart` groups
   * `households`, and the region each is counted in (−1: none). A share holds those of its cells.
   */
  cellStart?: Float64Array;
  cellHouseholds?: Households;
  cellCounted?: Int32Array;
}

/**
 * Range `index` of `of` of the run's households (a CSV file, or `source`: that file gunzipped;
 * households-range.ts), each point in its region as the run would place it (classification against
 * the regions alone); null when the file cannot be cut (the run reads it whole).
 */
export async function readHouseholdPart(
  given: AnalyzeOptions,
  index: number,
  of: number,
  source?: string,
): Promise<HouseholdPart | null> {
  const options = prepareOptions(given);
  const regionsRead = readRunRegions(options);
  const read = readHouseholdsCsvRange(
    source ?? options.households,
    readOptionsFor(options.read, 'households'),
    index,
    of,
  );
  if (read === null) return null;
  const { households } = read;
  const base: Base = { ...prepareRegionBase(regionsRead), households };
  const scheduler = createScheduler(options.workers ?? defaultWorkerCount());
  let region: Int32Array;
  try {
    ({ region } = await classify(scheduler.helpingHere, base, noCoverage(), () => {}));
  } finally {
    await scheduler.close();
  }
  const extent = extentOf(regionsRead.regions.polygons);
  const offside: number[] = [];
  const offsidePlace: number[] = [];
  let weight = 0;
  for (let i = 0; i < households.count; i++) {
    weight += households.weight[i];
    const place = axesPlace(extent, households.lon[i], households.lat[i]);
    if (place === NEAR) continue;
    offside.push(i);
    offsidePlace.push(place);
  }
  const regionCount = regionsRead.regions.ids.length;
  const { regionStart, grouped } = groupedByRegion(households, region, regionCount);
  return {
    features: read.features,
    points: households.count,
    weight,
    ...(read.skipped ? { skipped: read.skipped } : {}),
    ...(read.crs ? { crs: read.crs } : {}),
    first: households.count > 0 ? [households.lon[0], households.lat[0]] : null,
    offside: Uint32Array.from(offside),
    offsidePlace: Uint8Array.from(offsidePlace),
    regionStart,
    households: grouped,
    ...(options.funklochCells ? cellGroups(base, options.funklochCells, region, regionCount) : {}),
  };
}

/** The points a share holds for its Funkloch cells beside those it counts (see `HouseholdPart.cellStart`). */
function cellGroups(
  base: Base,
  funklochCells: true | FunklochCellsOptions,
  region: Int32Array,
  regionCount: number,
): Pick<HouseholdPart, 'cells' | 'cellStart' | 'cellHouseholds' | 'cellCounted'> {
  const { cellRegion, cells } = cellPlacementPart(base, funklochCells === true ? {} : funklochCells);
  // −1 (a cell in no region analysed) goes after the last region; −2 (no cell) and the counted region: none.
  const bucket = new Int32Array(cellRegion.length);
  for (let i = 0; i < bucket.length; i++) {
    const c = cellRegion[i];
    bucket[i] = c === -2 || (c >= 0 && c === region[i]) ? -1 : c === -1 ? regionCount : c;
  }
  const { regionStart, grouped, counted } = groupedByRegion(base.households, bucket, regionCount + 1, region);
  return {
    cells,
    cellStart: regionStart,
    cellHouseholds: grouped,
    cellCounted: counted ?? new Int32Array(0),
  };
}

/**
 * The points with a group (`group[i]` ≥ 0), group by group (a counting sort: file order kept within
 * each); with `region`, also the region each is counted in (`counted`).
 */
function groupedByRegion(
  households: Households,
  group: Int32Array,
  groupCount: number,
  region?: Int32Array,
): { regionStart: Float64Array; grouped: Households; counted?: Int32Array } {
  const regionStart = new Float64Array(groupCount + 1);
  for (let i = 0; i < households.count; i++) if (group[i] >= 0) regionStart[group[i] + 1]++;
  for (let r = 0; r < groupCount; r++) regionStart[r + 1] += regionStart[r];
  const grouped = allocateHouseholds(regionStart[groupCount]);
  const counted = region ? new Int32Array(regionStart[groupCount]) : undefined;
  const next = regionStart.slice(0, groupCount);
  for (let i = 0; i < households.count; i++) {
    const r = group[i];
    if (r < 0) continue;
    const at = next[r]++;
    grouped.lon[at] = households.lon[i];
    grouped.lat[at] = households.lat[i];
    grouped.weight[at] = households.weight[i];
    if (counted && region) counted[at] = region[i];
  }
  return { regionStart, grouped, counted };
}

/** A coverage with no layers and no polygons, indexed: classifying against it only finds regions. */
export function noCoverage(): ClassifyIndex {
  const polygons = new PolygonSetBuilder().finish();
  return { coverage: { layers: [], polygons }, ...buildSetIndex(polygons, 'bits', 4) };
}
