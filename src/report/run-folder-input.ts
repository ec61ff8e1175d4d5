import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { WGS84 } from '../geometry/crs.js';
import { readGeoJsonFeatures } from '../io/geojson/features-read.js';
import { polygonsOf } from '../io/geometry-check.js';
import { readRunOutput } from '../io/run-output-read.js';
import { ownProperty } from '../model/user-keys.js';
import { DEAD_ZONE_CHANGES_FILE } from '../tracking/dead-zone-changes.js';
import type { DeadZoneStatus } from '../tracking/tracked-dead-zone.js';
import type { ReportDeadZone, ReportInput } from './report-input.js';

/** The report's input from a finished run's folder: summary.json, regions.geojson, the dead zones. */
export function readReportInput(dir: string): ReportInput {
  const run = readRunOutput(dir);
  const regionsFile = join(dir, 'regions.geojson');
  if (!existsSync(regionsFile))
    throw new InputError('no regions.geojson beside summary.json', {
      file: dir,
      hint: 'give the --out folder of a finished run',
    });
  const read = readGeoJsonFeatures(regionsFile);
  const regions = read.features.map((f) => {
    const id = ownProperty(f.properties, 'id');
    if (typeof id !== 'string')
      throw new InputError('a region needs a string id', {
        file: regionsFile,
        feature: f.index,
        field: 'properties.id',
        value: id,
      });
    return {
      id,
      polygons: polygonsOf(f.geometry, { file: regionsFile, feature: f.index, crs: read.crs ?? WGS84 }),
    };
  });
  const ids = run.summary.regions.map((r) => r.id);
  let deadZones: ReportDeadZone[] = run.deadZones.map((z) => ({
    regionId: ids[z.region],
    rings: z.rings,
    areaKm2: z.area_km2,
    households: z.households,
    status: null,
  }));
  const changes = join(dir, DEAD_ZONE_CHANGES_FILE);
  const dates = run.summary.snapshots.map((s) => s.date).filter((d): d is string => d !== null);
  if (existsSync(changes) && dates.length >= 2) {
    const latest = dates[dates.length - 1];
    // The tracked zones still open at the latest snapshot are its dead zones, with their status.
    const tracked = readGeoJsonFeatures(changes).features.filter(
      (f) =>
        ownProperty(f.properties, 'last_seen') === latest && ownProperty(f.properties, 'status') !== 'closed',
    );
    if (tracked.length === deadZones.length)
      deadZones = tracked.map((f) => {
        const value = (field: string) => (ownProperty(f.properties, field) as Record<string, number>)[latest];
        return {
          regionId: String(ownProperty(f.properties, 'region_id')),
          rings: polygonsOf(f.geometry, { file: changes, feature: f.index, crs: WGS84 })[0],
          areaKm2: value('area_km2'),
          households: value('households'),
          status: ownProperty(f.properties, 'status') as DeadZoneStatus,
        };
      });
    return { summary: run.summary, regions, deadZones, changesFrom: dates[dates.length - 2] };
  }
  return { summary: run.summary, regions, deadZones };
}
