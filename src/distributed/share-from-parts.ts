import type { TileRect } from '../analysis/coverage-tiles.js';
import type { RegionsRead } from '../io/regions.js';
import { allocateHouseholds, type Households, householdsSubset } from '../model/households.js';
import { polygonSubset } from '../model/polygon-set.js';
import { prepareRegionBase } from '../pipeline/base.js';
import type { CoveragePart } from '../pipeline/coverage-part.js';
import { type CoverageShare, coverageShare, shareBins } from '../pipeline/coverage-share.js';
import { stripeNeeds, stripePolygons, stripeRows } from '../pipeline/culling-stripe.js';
import type { HouseholdPart } from '../pipeline/household-part.js';
import { coverageGroups } from '../pipeline/prepare-coverage.js';
import type { Share } from '../pipeline/stage-inputs.js';
import type { HouseholdPartMeta } from '../pipeline/staged-parts.js';
import { tilesAround } from '../pipeline/tile-unions.js';
import type { JobSpec, PartKeys } from './job-spec.js';
import { type OpenPartial, openPartial, readPartial } from './partial-codec.js';
import { withPolygons } from './polygons-file.js';

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

/**
 * A share job's share (`g` of `groups`) built from the reading jobs' parts: its regions' households
 * from every part (part by part, region by region, each in file order: the counts are sums and do
 * not depend on the order), with Funkloch cells also the households of its cells counted in another
 * share's regions (the last share: of cells in no region analysed too), and per snapshot the
 * coverage near them, cut as the stage cuts it.
 */
export function shareFromParts(
  dir: string,
  keys: PartKeys,
  groups: readonly number[][],
  g: number,
  regionsRead: RegionsRead,
): Share {
  const regions = groups[g];
  const regionCount = regionsRead.regions.ids.length;
  const groupOf = new Int32Array(regionCount).fill(-1);
  groups.forEach((group, k) => {
    for (const r of group) groupOf[r] = k;
  });
  const outsideCells = g === groups.length - 1;
  const cellBuckets = outsideCells ? [...regions, regionCount] : [...regions];
  const otherShare = (counted: number) => counted < 0 || groupOf[counted] !== g;
  const households = partsHouseholds(dir, keys.households, regions, otherShare, cellBuckets);
  const base = prepareRegionBase({ regions: regionsRead.regions, selected: regions });
  const tiles = regions.length > 0 ? tilesAround(base) : [];
  const coverage = keys.coverage.map((key) => nearbyCoverage(dir, key, tiles, households));
  return { regions: [...regions], outsideCells, households, coverage };
}

/**
 * The households counted in `regions` from every part, then those of the cells in `cellBuckets`
 * that `otherShare` (by the region they are counted in) says another share counts.
 */
function partsHouseholds(
  dir: string,
  keys: readonly string[],
  regions: readonly number[],
  otherShare: (counted: number) => boolean,
  cellBuckets: readonly number[],
): Households {
  const files = keys.map((key) => openPartial<HouseholdPart>(dir, key));
  try {
    const starts = files.map((file) => file.array<Float64Array>(file.value.regionStart));
    let total = 0;
    for (const start of starts) for (const r of regions) total += start[r + 1] - start[r];
    const cells = files.flatMap((file) => cellHouseholds(file, cellBuckets, otherShare));
    for (const piece of cells) total += piece.count;
    const out = allocateHouseholds(total);
    let at = 0;
    files.forEach((file, k) => {
      const { lon, lat, weight } = file.value.households;
      for (const r of regions) {
        const from = starts[k][r];
        const n = starts[k][r + 1] - from;
        if (n === 0) continue;
        file.readInto(lon, from, out.lon.subarray(at, at + n));
        file.readInto(lat, from, out.lat.subarray(at, at + n));
        file.readInto(weight, from, out.weight.subarray(at, at + n));
        at += n;
      }
    });
    for (const piece of cells) {
      out.lon.set(piece.lon, at);
      out.lat.set(piece.lat, at);
      out.weight.set(piece.weight, at);
      at += piece.count;
    }
    return out;
  } finally {
    for (const file of files) file.close();
  }
}

/** A part's households of the cells in `buckets` (its `cellStart` groups) that another share counts. */
function cellHouseholds(
  file: OpenPartial<HouseholdPart>,
  buckets: readonly number[],
  otherShare: (counted: number) => boolean,
): Households[] {
  const { cellStart, cellHouseholds: refs, cellCounted } = file.value;
  if (!cellStart || !refs || !cellCounted) return [];
  const start = file.array<Float64Array>(cellStart);
  const pieces: Households[] = [];
  for (const b of buckets) {
    const from = start[b];
    const n = start[b + 1] - from;
    if (n === 0) continue;
    const read = allocateHouseholds(n);
    const counted = new Int32Array(n);
    file.readInto(refs.lon, from, read.lon);
    file.readInto(refs.lat, from, read.lat);
    file.readInto(refs.weight, from, read.weight);
    file.readInto(cellCounted, from, counted);
    const kept: number[] = [];
    for (let i = 0; i < n; i++) if (otherShare(counted[i])) kept.push(i);
    pieces.push(kept.length === n ? read : householdsSubset(read, kept));
  }
  return pieces;
}

/** The coverage near the share's tiles and households, cut from a coverage job's polygons (read as needed). */
function nearbyCoverage(dir: string, key: string, tiles: TileRect[], households: Households): CoverageShare {
  const { needed } = readPartial<CoverageCulling>(dir, cullingKey(key));
  return withPolygons(dir, key, ({ hollow, grid, readCoords, finish }) => {
    const share = coverageShare(
      { polygons: hollow, needed, grid },
      shareBins(tiles, households, grid),
      readCoords,
    );
    finish();
    return share;
  });
}

/** A coverage's union culling as the coordinator merged it from the culling jobs. */
export interface CoverageCulling {
  needed: Uint8Array;
  culledLayers: number;
}

/** The file the coordinator writes a coverage's merged culling to. */
export function cullingKey(coverageKey: string): string {
  return `${coverageKey}-culling`;
}

/** A culling job's work: the polygons its row stripe of the grid needs (culling-stripe.ts), as whole-set indexes. */
export function cullingStripe(spec: JobSpec): Uint32Array {
  const key = spec.coverageKey as string;
  const { plan, layers } = readPartial<CoveragePart>(spec.dir, key);
  return withPolygons(spec.dir, key, ({ hollow, grid, readCoords, finish }) => {
    const rows = stripeRows(hollow, grid, spec.stripe as number, spec.stripes as number);
    const picked = stripePolygons(hollow, grid, rows);
    const subset = polygonSubset(hollow, picked, readCoords);
    finish();
    return stripeNeeds(subset, picked, grid, rows, plan.cellsAcross, coverageGroups(layers, plan));
  });
}
