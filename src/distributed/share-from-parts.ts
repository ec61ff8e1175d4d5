import type { RegionsRead } from '../io/regions.js';
import { allocateHouseholds, type Households } from '../model/households.js';
import { prepareRegionBase } from '../pipeline/base.js';
import { type CoverageShare, coverageShare, shareBins } from '../pipeline/coverage-share.js';
import type { HouseholdPart } from '../pipeline/household-part.js';
import type { Share } from '../pipeline/stage-inputs.js';
import type { HouseholdPartMeta } from '../pipeline/staged-parts.js';
import { tilesAround } from '../pipeline/tile-unions.js';
import { openPartial, readPartial } from './partial-codec.js';

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
  const coverage = keys.coverage.map((key) => {
    const whole = readPartial<CoverageShare>(dir, polygonsKey(key));
    return coverageShare(whole, shareBins(tiles, households, whole.grid));
  });
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
