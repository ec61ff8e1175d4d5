import type { TileRect } from '../analysis/coverage-tiles.js';
import type { RegionsRead } from '../io/regions.js';
import { allocateHouseholds, type Households } from '../model/households.js';
import type { PolygonSet } from '../model/polygon-set.js';
import { prepareRegionBase } from '../pipeline/base.js';
import { type CoverageShare, coverageShare, shareBins } from '../pipeline/coverage-share.js';
import type { HouseholdPart } from '../pipeline/household-part.js';
import type { Share } from '../pipeline/stage-inputs.js';
import type { HouseholdPartMeta } from '../pipeline/staged-parts.js';
import { tilesAround } from '../pipeline/tile-unions.js';
import { openPartial } from './partial-codec.js';

/** A run's reading jobs' results (their keys): per snapshot its coverage, per byte range its households. */
export interface PartKeys {
  coverage: string[];
  households: string[];
}

/** The file a coverage job writes its indexed polygons to, beside its part. */
export function polygonsKey(coverageKey: string): string {
  return `${coverageKey}-polygons`;
}

/** A household part as the coordinator reads it: without its points (or `whole`: the file cannot be cut). */
export function readHouseholdPartMeta(dir: string, key: string): HouseholdPartMeta | { whole: true } {
  const file = openPartial<HouseholdPart | { whole: true }>(dir, key);
  try {
    const { value } = file;
    if ('whole' in value) return value;
    const { households: _points, ...meta } = value;
    return {
      ...meta,
      offside: file.array<Uint32Array>(meta.offside),
      offsidePlace: file.array<Uint8Array>(meta.offsidePlace),
      regionStart: file.array<Float64Array>(meta.regionStart),
    };
  } finally {
    file.close();
  }
}

/**
 * A share job's share built from the reading jobs' parts: its regions' households from every
 * part (part by part, region by region, each in file order: the counts are sums and do not
 * depend on the order), and per snapshot the coverage near them, cut as the stage cuts it.
 */
export function shareFromParts(
  dir: string,
  keys: PartKeys,
  regions: readonly number[],
  outsideCells: boolean,
  regionsRead: RegionsRead,
): Share {
  const households = partsHouseholds(dir, keys.households, regions);
  const base = prepareRegionBase({ regions: regionsRead.regions, selected: regions });
  const tiles = regions.length > 0 ? tilesAround(base) : [];
  const coverage = keys.coverage.map((key) => nearbyCoverage(dir, polygonsKey(key), tiles, households));
  return { regions: [...regions], outsideCells, households, coverage };
}

function partsHouseholds(dir: string, keys: readonly string[], regions: readonly number[]): Households {
  const files = keys.map((key) => openPartial<HouseholdPart>(dir, key));
  try {
    const starts = files.map((file) => file.array<Float64Array>(file.value.regionStart));
    let total = 0;
    for (const start of starts) for (const r of regions) total += start[r + 1] - start[r];
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
    return out;
  } finally {
    for (const file of files) file.close();
  }
}

/**
 * The coverage near the share's tiles and households, cut from a coverage job's indexed polygons
 * without reading all of them: their boxes and rings first, then only the picked ones' coordinates
 * (runs of neighbours in one read).
 */
function nearbyCoverage(dir: string, key: string, tiles: TileRect[], households: Households): CoverageShare {
  const file = openPartial<CoverageShare>(dir, key);
  try {
    const { polygons: refs, needed, grid } = file.value;
    const polygons: PolygonSet = {
      polygonCount: refs.polygonCount,
      ringStart: file.array<Uint32Array>(refs.ringStart),
      ringOffset: file.array<Uint32Array>(refs.ringOffset),
      owner: file.array<Uint32Array>(refs.owner),
      bbox: file.array<Float64Array>(refs.bbox),
      coords: new Float64Array(0),
    };
    const whole = { polygons, needed: file.array<Uint8Array>(needed), grid };
    // A run of vertices waiting to be read: extended while the next polygon follows on in both sets.
    let run: { first: number; last: number; into: Float64Array<ArrayBufferLike>; at: number } = {
      first: 0,
      last: 0,
      into: new Float64Array(0),
      at: 0,
    };
    const flush = () => {
      if (run.last > run.first)
        file.readInto(
          refs.coords,
          2 * run.first,
          run.into.subarray(2 * run.at, 2 * (run.at + run.last - run.first)),
        );
    };
    const share = coverageShare(whole, shareBins(tiles, households, grid), (first, last, into, at) => {
      if (into === run.into && first === run.last && at === run.at + run.last - run.first) run.last = last;
      else {
        flush();
        run = { first, last, into, at };
      }
    });
    flush();
    return share;
  } finally {
    file.close();
  }
}
