import { geoJsonChunks, type OutputFeature } from '../io/geojson/write.js';
import type { DeadZoneTracking, TrackedDeadZone } from './tracked-dead-zone.js';

export const DEAD_ZONE_CHANGES_FILE = 'dead-zone-changes.geojson';

/** A tracked dead zone's properties in dead-zone-changes.geojson and diff.json (snake_case, as summary.json). */
export function deadZoneChangeProperties(zone: TrackedDeadZone): Record<string, unknown> {
  return {
    id: zone.id,
    region_id: zone.regionId,
    status: zone.status,
    changes: zone.changes,
    first_seen: zone.firstSeen,
    last_seen: zone.lastSeen,
    area_km2: zone.areaKm2,
    households: zone.households,
    predecessors: zone.predecessors,
    successors: zone.successors,
  };
}

/** Each tracked dead zone with its latest geometry (a closed one's last seen), in tracking order. */
export function* deadZoneChangeFeatures(tracking: DeadZoneTracking): Generator<OutputFeature> {
  for (const zone of tracking.zones)
    yield { polygons: [zone.latest.rings], properties: deadZoneChangeProperties(zone) };
}

/** dead-zone-changes.geojson as text chunks (RFC 7946, 7 decimals: the project's GeoJSON writer). */
export function deadZoneChangesGeoJson(tracking: DeadZoneTracking): Generator<string> {
  return geoJsonChunks(deadZoneChangeFeatures(tracking));
}
