import type { TileRect } from '../analysis/coverage-tiles.js';
import type { RegionsRead } from '../io/regions.js';
import { allocateHouseholds, type Households, householdsSubset } from '../model/households.js';
import { regionBoxesOf } from '../pipeline/base.js';
import { type CoverageShare, coverageShare, shareBins } from '../pipeline/coverage-share.js';
import type { HouseholdPart } from '../pipeline/household-part.js';
import type { Share } from '../pipeline/stage-inputs.js';
import { tilesAround } from '../pipeline/tile-unions.js';
import { type CoverageCulling, cullingKey } from './culling-file.js';
import type { PartKeys } from './job-spec.js';
import { type OpenPartial, openPartial, readPartial } from './partial-codec.js';
import { withPolygons } from './polygons-file.js';

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
  const regionBoxes = regionBoxesOf(regionsRead.regions);
  const tiles = regions.length > 0 ? tilesAround({ regionBoxes, selected: regions }) : [];
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
