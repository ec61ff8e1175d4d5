import type { Paths64 } from 'clipper2-ts';
import Flatbush from 'flatbush';
import { CLIP_SCALE, readBackwards, ringToPath } from '../geometry/integer-paths.js';
import { booleanOp } from '../geometry/wasm-clipper.js';
import type { DeadZone } from '../model/stats.js';

/** Two dead zones of consecutive snapshots whose common part has positive area. */
export interface DeadZoneOverlap {
  /** Index of the zone in the earlier snapshot. */
  older: number;
  /** Index of the zone in the later snapshot. */
  newer: number;
  /** The common part's area in integer clip units squared (CLIP_SCALE per degree): positive. */
  area: number;
}

/** A snapshot's dead zones with their boxes, and their integer paths made once, when first clipped. */
export class DeadZoneShapes {
  readonly boxes: Float64Array;
  private readonly paths: (Paths64 | undefined)[];

  constructor(readonly zones: readonly DeadZone[]) {
    this.boxes = new Float64Array(4 * zones.length);
    for (let i = 0; i < zones.length; i++) shellBox(zones[i].rings[0], this.boxes, 4 * i);
    this.paths = new Array(zones.length);
  }

  pathsOf(i: number): Paths64 {
    this.paths[i] ??= zonePaths(this.zones[i]);
    return this.paths[i];
  }
}

/**
 * Every pair of an earlier and a later zone that overlap with positive area, exactly: boxes first
 * (Flatbush), then the same region, then Clipper's intersection on the integer grid — zones that
 * only touch (at a point or along an edge) have an empty or zero-area intersection and do not match.
 * Sorted by older, then newer index. Needs `loadClipper()` to have resolved.
 */
export function deadZoneOverlaps(older: DeadZoneShapes, newer: DeadZoneShapes): DeadZoneOverlap[] {
  const overlaps: DeadZoneOverlap[] = [];
  if (older.zones.length === 0 || newer.zones.length === 0) return overlaps;
  const index = new Flatbush(newer.zones.length);
  const b = newer.boxes;
  for (let i = 0; i < newer.zones.length; i++) index.add(b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]);
  index.finish();
  const a = older.boxes;
  for (let o = 0; o < older.zones.length; o++) {
    const candidates = index.search(a[4 * o], a[4 * o + 1], a[4 * o + 2], a[4 * o + 3]).sort((x, y) => x - y);
    for (const n of candidates) {
      if (older.zones[o].region !== newer.zones[n].region) continue;
      const area = pathsArea(booleanOp('intersection', older.pathsOf(o), newer.pathsOf(n)));
      if (area > 0) overlaps.push({ older: o, newer: n, area });
    }
  }
  return overlaps;
}

/** A zone's rings on the integer grid, shell counter-clockwise and holes clockwise (NonZero). */
function zonePaths(zone: DeadZone): Paths64 {
  return zone.rings.map((ring, r) => {
    const n = ring.length / 2;
    return ringToPath(ring, 0, n, readBackwards(ring, 0, n, r === 0));
  });
}

/**
 * The area of a clip result (outer rings positive, holes negative), by the shoelace formula about
 * each path's first vertex: differences of integers keep the products exact for zones under ~9°.
 */
function pathsArea(paths: Paths64): number {
  let twice = 0;
  for (const path of paths) {
    const { x: x0, y: y0 } = path[0] ?? { x: 0, y: 0 };
    for (let k = 1; k + 1 < path.length; k++)
      twice += (path[k].x - x0) * (path[k + 1].y - y0) - (path[k + 1].x - x0) * (path[k].y - y0);
  }
  return Math.abs(twice) / 2;
}

function shellBox(ring: Float64Array, out: Float64Array, at: number): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < ring.length; k += 2) {
    minX = Math.min(minX, ring[k]);
    maxX = Math.max(maxX, ring[k]);
    minY = Math.min(minY, ring[k + 1]);
    maxY = Math.max(maxY, ring[k + 1]);
  }
  // Padded by one grid unit: a zone off the grid may overlap another once both are rounded onto it.
  const pad = 1 / CLIP_SCALE;
  out.set([minX - pad, minY - pad, maxX + pad, maxY + pad], at);
}
