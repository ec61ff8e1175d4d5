import { boundsByOwner } from '../geometry/bounds.js';
import { CLIP_SCALE } from '../geometry/integer-paths.js';
import type { Households } from '../model/households.js';
import type { Regions } from '../model/regions.js';
import { regionIndex, type SetIndex } from '../spatial/indexes.js';

/** The regions made ready: what the tile unions need before the households are read. */
export interface RegionBase {
  regions: Regions;
  /** The regions' grid and edge bands. */
  regionIndex: SetIndex;
  /** Per region: minX, minY, maxX, maxY in integer clip units (empty: infinite, inverted). */
  regionBoxes: number[][];
  /** With `regionFilter`: the regions analysed (file order); the others' households count as outside. */
  selected?: readonly number[];
}

/** What every coverage set is classified against: built once per run (or once for many snapshots). */
export interface Base extends RegionBase {
  households: Households;
}

export function prepareRegionBase(inputs: { regions: Regions; selected?: readonly number[] }): RegionBase {
  const { regions, selected } = inputs;
  return {
    regions,
    regionIndex: regionIndex(regions.polygons),
    regionBoxes: regionBoxesOf(regions),
    ...(selected ? { selected } : {}),
  };
}

/** Each region's box in integer clip units (see `RegionBase.regionBoxes`): without the index, for the tiles alone. */
export function regionBoxesOf(regions: Regions): number[][] {
  const empty = [Infinity, Infinity, -Infinity, -Infinity];
  return boundsByOwner(regions.polygons, regions.ids.length).map((b) =>
    b ? b.map((v) => v * CLIP_SCALE) : [...empty],
  );
}

export function prepareBase(inputs: {
  households: Households;
  regions: Regions;
  selected?: readonly number[];
}): Base {
  return { ...prepareRegionBase(inputs), households: inputs.households };
}

/** The regions analysed, by index: those selected, else all. */
export function analysedRegions(base: Pick<RegionBase, 'regionBoxes' | 'selected'>): readonly number[] {
  return base.selected ?? base.regionBoxes.map((_, r) => r);
}
