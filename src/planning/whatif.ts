import type Flatbush from 'flatbush';
import { InputError } from '../errors.js';
import { polygonCovers } from '../geometry/point-in-polygon.js';
import { type Layer, LTE, MAX_LAYERS, normaliseTechnology, technologyMask } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import { type PolygonSet, PolygonSetBuilder } from '../model/polygon-set.js';
import type { DeadZone } from '../model/stats.js';
import type { PointGrid } from '../spatial/point-grid.js';
import { buildPolygonIndex } from '../spatial/polygon-index.js';
import { type DeadZoneClosure, deadZoneClosures, zoneCovers } from './dead-zone-closure.js';
import { MaskChanges } from './mask-changes.js';
import { type HouseholdFigures, type RegionChange, regionChanges, totalChange } from './region-changes.js';

/** The base a change is measured against (a finished run, see pipeline/planning-base.ts). */
export interface WhatIfBase {
  households: Households;
  layers: readonly Layer[];
  mask: Uint32Array;
  /** First region (file order) of each household, −1 outside. */
  region: Int32Array;
  /** Per region of the file: its index among the analysed ones, −1 left out. */
  analysedIndex: Int32Array;
  regionStats: readonly ({ id: string; name: string } & HouseholdFigures)[];
  deadZones: readonly DeadZone[];
  /** Every household, binned: the change visits only those near the changed sites. */
  grid: PointGrid;
}

/** Coverage added: one site's polygons in its operator × technology layer. */
export interface AddedCoverage {
  operator: string;
  technology: string;
  polygons: readonly Float64Array[][];
}

/** Coverage taken away: a removed site's polygons, and the polygons its layer keeps. */
export interface RemovedCoverage {
  operator: string;
  technology: string;
  polygons: readonly Float64Array[][];
  /** The layer's other polygons: a household in a removed polygon keeps the layer if one covers it. */
  kept: PolygonSet;
}

export interface WhatIfResult {
  layers: Layer[];
  regions: RegionChange[];
  total: Omit<RegionChange, 'id' | 'name'>;
  deadZones: DeadZoneClosure[];
  dead_zone_area_closed_km2: number;
  /** Households (points) whose layers changed. */
  changedPoints: number;
  /** Every household's layers after the change. */
  mask: Uint32Array;
}

/**
 * What adding and removing coverage does: removals first, then additions, each re-classifying only
 * the households inside its polygons; the region figures are the base's plus the changes (exactly a
 * full re-run's: tested). Dead zones: what new LTE leaves of each one it reaches (removals may open
 * new dead zones, which are not drawn: their households are in the figures).
 */
export function whatIf(
  base: WhatIfBase,
  change: { add: readonly AddedCoverage[]; remove: readonly RemovedCoverage[] },
): WhatIfResult {
  const layers = [...base.layers];
  const layerOf = (operator: string, technology: string, create: boolean) => {
    const t = normaliseTechnology(technology);
    let l = layers.findIndex((x) => x.operator === operator && x.technology === t);
    if (l < 0 && create) {
      if (layers.length === MAX_LAYERS)
        throw new InputError(`more than ${MAX_LAYERS} operator × technology layers`, {
          field: 'operator',
          value: operator,
        });
      layers.push({ operator, technology: t });
      l = layers.length - 1;
    }
    return l;
  };
  const changes = new MaskChanges(base.mask, base.households, base.grid);
  const { lon, lat } = base.households;
  for (const removed of change.remove) {
    const l = layerOf(removed.operator, removed.technology, false);
    if (l < 0) continue;
    const set = polygonSet(removed.polygons);
    const keptIndex = buildPolygonIndex(removed.kept);
    const stillCovered = (i: number) => keptCovers(removed.kept, keptIndex, lon[i], lat[i]);
    for (let p = 0; p < set.polygonCount; p++) changes.uncover(set, p, 1 << l, stillCovered);
  }
  const ltePolygons: Float64Array[][] = [];
  for (const added of change.add) {
    const l = layerOf(added.operator, added.technology, true);
    const set = polygonSet(added.polygons);
    for (let p = 0; p < set.polygonCount; p++) changes.cover(set, p, 1 << l);
    if (layers[l].technology === LTE) ltePolygons.push(...added.polygons);
  }
  const changed = changes.changed();
  const regionOf = (i: number) => (base.region[i] < 0 ? -1 : base.analysedIndex[base.region[i]]);
  const regions = regionChanges(
    base.regionStats,
    layers,
    base.households,
    regionOf,
    base.mask,
    changes.after,
    changed,
  );
  const lte = technologyMask(layers, LTE);
  // The households of each zone that get LTE: those white before, with LTE after, inside the zone.
  const closing = changed.filter((i) => (base.mask[i] & lte) === 0 && (changes.after[i] & lte) !== 0);
  const deadZones = deadZoneClosures(base.deadZones, ltePolygons, (zone) => {
    let households = 0;
    for (const i of closing)
      if (regionOf(i) === zone.region && zoneCovers(zone, lon[i], lat[i]))
        households += base.households.weight[i];
    return households;
  });
  return {
    layers,
    regions,
    total: totalChange(regions),
    deadZones,
    dead_zone_area_closed_km2: deadZones.reduce((sum, z) => sum + z.area_km2_before - z.area_km2_after, 0),
    changedPoints: changed.length,
    mask: changes.after,
  };
}

/** Polygons (closed flat rings, shell first) as a set; owners unused. */
export function polygonSet(polygons: readonly (readonly Float64Array[])[]): PolygonSet {
  const builder = new PolygonSetBuilder();
  for (const rings of polygons) builder.addPolygon(rings, 0);
  return builder.finish();
}

function keptCovers(kept: PolygonSet, index: Flatbush, x: number, y: number): boolean {
  if (kept.polygonCount === 0) return false;
  return index.search(x, y, x, y).some((p) => polygonCovers(kept, p, x, y));
}
