import type { Paths64 } from 'clipper2-ts';
import Flatbush from 'flatbush';
import { ringAreaM2, ringSignedArea } from '../geometry/area.js';
import { ringBounds } from '../geometry/bounds.js';
import { pointInRing } from '../geometry/hole-placement.js';
import { pathToRing, readBackwards, ringToPath } from '../geometry/integer-paths.js';
import { booleanOp } from '../geometry/wasm-clipper.js';
import type { DeadZone } from '../model/stats.js';

/** A dead zone a change reaches: how much of it is left. */
export interface DeadZoneClosure {
  /** Index in the base's dead zones (most households first). */
  zone: number;
  status: 'closed' | 'shrunk';
  area_km2_before: number;
  area_km2_after: number;
  households_before: number;
  /** Households of the zone that get LTE. */
  households_closed: number;
  /** What is left of the zone: polygons of closed lon/lat rings, shell first (empty when closed). */
  remaining: Float64Array[][];
}

/**
 * The dead zones new LTE polygons reach, and what is left of each: the zone minus the polygons, on
 * Clipper's integer grid (the outputs' 1e-7°), areas on the ellipsoid as the run measures them.
 * `newlyCovered(zone)` gives the zone's households that get LTE. Needs `loadClipper()` resolved.
 */
export function deadZoneClosures(
  zones: readonly DeadZone[],
  ltePolygons: readonly Float64Array[][],
  householdsClosed: (zone: DeadZone) => number,
): DeadZoneClosure[] {
  if (zones.length === 0 || ltePolygons.length === 0) return [];
  const index = new Flatbush(ltePolygons.length);
  const boxes = ltePolygons.map((rings) => ringBounds(rings[0]));
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  const closures: DeadZoneClosure[] = [];
  zones.forEach((zone, z) => {
    const [minX, minY, maxX, maxY] = ringBounds(zone.rings[0]);
    const hits = index.search(minX, minY, maxX, maxY).sort((a, b) => a - b);
    if (hits.length === 0) return;
    const before = areaOfRings([zone.rings]);
    const clip: Paths64 = hits.flatMap((h) => ltePolygons[h].map((ring, r) => ringPath(ring, r === 0)));
    const left = outerAndHoles(
      booleanOp(
        'difference',
        zone.rings.map((ring, r) => ringPath(ring, r === 0)),
        clip,
      ),
    );
    const after = areaOfRings(left);
    if (after >= before) return;
    closures.push({
      zone: z,
      status: left.length === 0 ? 'closed' : 'shrunk',
      area_km2_before: before / 1e6,
      area_km2_after: after / 1e6,
      households_before: zone.households,
      households_closed: householdsClosed(zone),
      remaining: left,
    });
  });
  return closures;
}

/** Whether (x, y) lies in the zone (inside its shell, outside its holes; edges count as inside). */
export function zoneCovers(zone: DeadZone, x: number, y: number): boolean {
  if (pointInRing(x, y, zone.rings[0]) < 0) return false;
  for (let r = 1; r < zone.rings.length; r++) if (pointInRing(x, y, zone.rings[r]) > 0) return false;
  return true;
}

function ringPath(ring: Float64Array, shell: boolean) {
  const n = ring.length / 2;
  return ringToPath(ring, 0, n, readBackwards(ring, 0, n, shell));
}

/** Clipper's flat result as polygons: each counter-clockwise ring a shell, each clockwise ring a hole of the shell containing it. */
function outerAndHoles(paths: Paths64): Float64Array[][] {
  const rings = paths.map(pathToRing);
  const shells = rings.filter((r) => ringSignedArea(r, 0, r.length / 2) > 0).map((r) => [r]);
  for (const ring of rings) {
    if (ringSignedArea(ring, 0, ring.length / 2) > 0) continue;
    const owner = shells.find((s) => pointInRing(ring[0], ring[1], s[0]) >= 0) ?? shells[0];
    owner?.push(ring);
  }
  return shells;
}

function areaOfRings(polygons: readonly (readonly Float64Array[])[]): number {
  let m2 = 0;
  for (const rings of polygons)
    rings.forEach((ring, r) => {
      m2 += (r === 0 ? 1 : -1) * ringAreaM2(ring, 0, ring.length / 2);
    });
  return m2;
}
