import { loadClipper } from '../geometry/wasm-clipper.js';
import { trackDeadZones } from './dead-zone-matching.js';
import type { DeadZoneSnapshot, DeadZoneTracking } from './tracked-dead-zone.js';

/** trackDeadZones for library callers: the overlaps are clipped in WebAssembly, loaded here first. */
export async function followDeadZones(
  snapshots: readonly DeadZoneSnapshot[],
  regionIds: readonly string[],
): Promise<DeadZoneTracking> {
  await loadClipper();
  return trackDeadZones(snapshots, regionIds);
}
