import type { DeadZone } from '../model/stats.js';

/**
 * The deterministic order of dead zones (for fresh ids and ties): households descending, area
 * descending, then the shell's south-west vertex (lowest lon, then lat: the same however the ring
 * starts or turns), then every coordinate as written. Never the input order.
 */
export function compareDeadZones(a: DeadZone, b: DeadZone): number {
  return (
    b.households - a.households ||
    b.area_km2 - a.area_km2 ||
    compareVertex(southWest(a.rings[0]), southWest(b.rings[0])) ||
    compareRings(a.rings, b.rings)
  );
}

function southWest(ring: Float64Array): [number, number] {
  let x = ring[0];
  let y = ring[1];
  for (let k = 2; k < ring.length; k += 2)
    if (ring[k] < x || (ring[k] === x && ring[k + 1] < y)) {
      x = ring[k];
      y = ring[k + 1];
    }
  return [x, y];
}

function compareVertex(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function compareRings(a: readonly Float64Array[], b: readonly Float64Array[]): number {
  for (let r = 0; r < Math.min(a.length, b.length); r++) {
    const ra = a[r];
    const rb = b[r];
    for (let k = 0; k < Math.min(ra.length, rb.length); k++) if (ra[k] !== rb[k]) return ra[k] - rb[k];
    if (ra.length !== rb.length) return ra.length - rb.length;
  }
  return a.length - b.length;
}
