import type { ReportDeadZone, ReportInput, ReportRegionShape } from '../report/report-input.js';
import type { AnalysisResult } from './analyze.js';

/** The report's input from a run in memory: the summary, the region outlines, the latest dead zones. */
export function reportInputOf(
  result: AnalysisResult,
  regionFeatures: Iterable<{
    polygons: readonly (readonly Float64Array[])[];
    properties: Record<string, unknown>;
  }>,
): ReportInput {
  const regions: ReportRegionShape[] = [...regionFeatures].map((f) => ({
    id: String(f.properties.id),
    polygons: f.polygons,
  }));
  const tracking = result.deadZoneTracking;
  const ids = result.regions.ids;
  const dates = tracking?.dates ?? [];
  const latestIds = tracking?.ids.at(-1);
  const status = new Map(tracking?.zones.map((z) => [z.id, z.status]));
  const deadZones: ReportDeadZone[] = result.deadZones.map((zone, k) => ({
    regionId: ids[zone.region],
    rings: zone.rings,
    areaKm2: zone.area_km2,
    households: zone.households,
    status: latestIds === undefined ? null : (status.get(latestIds[k]) ?? null),
  }));
  return {
    summary: result.summary,
    regions,
    deadZones,
    ...(dates.length >= 2 ? { changesFrom: dates[dates.length - 2] } : {}),
  };
}
