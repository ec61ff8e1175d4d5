import type Flatbush from 'flatbush';
import { polygonCovers } from '../geometry/point-in-polygon.js';
import type { Households } from '../model/households.js';
import type { PolygonSet } from '../model/polygon-set.js';

/** What classification reads: the columns and the two indexes. */
export interface ClassifyInput {
  households: Households;
  coverage: PolygonSet;
  coverageIndex: Flatbush;
  regions: PolygonSet;
  regionIndex: Flatbush;
}

/** What classification writes, one entry per household point. */
export interface Classification {
  /** Bit l set = layer l covers the point. */
  mask: Uint32Array;
  /** Index of the first region (file order) that covers the point, or -1. */
  region: Int32Array;
}

/**
 * Classifies points start..end-1: the layers covering each, and its region. Every point is
 * written independently, so any split of the range over threads gives the same arrays.
 */
export function classifyRange(input: ClassifyInput, out: Classification, start: number, end: number): void {
  const { households, coverage, coverageIndex, regions, regionIndex } = input;
  const { lon, lat } = households;
  for (let i = start; i < end; i++) {
    const x = lon[i];
    const y = lat[i];
    let mask = 0;
    for (const p of coverageIndex.search(x, y, x, y)) {
      const bit = 1 << coverage.owner[p];
      if ((mask & bit) === 0 && polygonCovers(coverage, p, x, y)) mask |= bit;
    }
    out.mask[i] = mask >>> 0;

    let region = -1;
    for (const p of regionIndex.search(x, y, x, y)) {
      const owner = regions.owner[p];
      if ((region === -1 || owner < region) && polygonCovers(regions, p, x, y)) region = owner;
    }
    out.region[i] = region;
  }
}
