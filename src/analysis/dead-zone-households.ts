import { buildEdgeBands } from '../geometry/edge-bands.js';
import { polygonCovers } from '../geometry/point-in-polygon.js';
import type { Households } from '../model/households.js';
import { type PolygonSet, PolygonSetBuilder } from '../model/polygon-set.js';
import { buildPolygonIndex } from '../spatial/polygon-index.js';

/** Half the output grid step: a stand-in zone for a white-spot point that rounding left without a part. */
const SPECK = 0.5e-7;

/** A dead zone of one region as its clip made it, and the households it holds once assigned. */
export interface RegionDeadZone {
  rings: Float64Array[];
  areaM2: number;
  households: number;
}

/**
 * Puts each white-spot household of one region (`points`: its indexes, no operator's LTE) into
 * exactly one of the region's dead zones, so the zones' households add up to its
 * `households_no_lte`: the first zone in their order that covers the point. A point is exact; the
 * zones are rounded to 1e-7°, so a point within a centimetre of an LTE edge may fall just outside
 * every part: it goes to the nearest part (or, if rounding closed the gap entirely, to a speck-sized
 * zone at the point, appended, so no household is lost). Runs in the region's clip task.
 */
export function assignDeadZoneHouseholds(
  zones: RegionDeadZone[],
  households: Households,
  points: ArrayLike<number>,
): void {
  if (points.length === 0) return;
  const builder = new PolygonSetBuilder();
  zones.forEach((zone, z) => {
    builder.addPolygon(zone.rings, z);
  });
  const set = builder.finish();
  const index = set.polygonCount > 0 ? buildPolygonIndex(set) : undefined;
  // Dead zones of rural regions have thousands of edges: test them by band.
  const bands = buildEdgeBands(set);
  const { lon, lat, weight } = households;
  const specks = new Map<string, RegionDeadZone>();
  for (let k = 0; k < points.length; k++) {
    const i = points[k];
    const x = lon[i];
    const y = lat[i];
    let zone = -1;
    for (const p of index?.search(x, y, x, y) ?? []) {
      if ((zone === -1 || p < zone) && polygonCovers(set, p, x, y, bands)) zone = p;
    }
    if (zone === -1 && index) {
      // Within a metre of a zone: the one whose boundary is nearest, not whose box is.
      let best = Number.POSITIVE_INFINITY;
      for (const p of index.neighbors(x, y, 16, 1e-5)) {
        const d = distanceToBoundary(set, p, x, y);
        if (d < best) {
          best = d;
          zone = p;
        }
      }
    }
    if (zone !== -1) {
      zones[zone].households += weight[i];
      continue;
    }
    const key = `${x}:${y}`;
    let speck = specks.get(key);
    if (!speck) {
      speck = { rings: [speckRing(x, y)], areaM2: 0, households: 0 };
      specks.set(key, speck);
    }
    speck.households += weight[i];
  }
  zones.push(...specks.values());
}

function speckRing(x: number, y: number): Float64Array {
  return Float64Array.of(
    x - SPECK,
    y - SPECK,
    x + SPECK,
    y - SPECK,
    x + SPECK,
    y + SPECK,
    x - SPECK,
    y + SPECK,
    x - SPECK,
    y - SPECK,
  );
}

/** Squared distance (degrees²) from (x, y) to the nearest edge of polygon p. */
function distanceToBoundary(set: PolygonSet, p: number, x: number, y: number): number {
  const { ringStart, ringOffset, coords } = set;
  let best = Number.POSITIVE_INFINITY;
  for (let v = ringOffset[ringStart[p]]; v < ringOffset[ringStart[p + 1]] - 1; v++) {
    const ax = coords[2 * v];
    const ay = coords[2 * v + 1];
    const dx = coords[2 * v + 2] - ax;
    const dy = coords[2 * v + 3] - ay;
    const length2 = dx * dx + dy * dy;
    const t = length2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2)) : 0;
    const ex = ax + t * dx - x;
    const ey = ay + t * dy - y;
    best = Math.min(best, ex * ex + ey * ey);
  }
  return best;
}
