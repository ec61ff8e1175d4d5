import type { Summary } from '../model/summary.js';
import type { DeadZoneStatus } from '../tracking/tracked-dead-zone.js';
import { LANGS, type Lang } from './labels.js';
import { MAP_METRICS, type MapMetric } from './metrics.js';

/** A region's outline: one or more polygons, each shell then holes, lon/lat interleaved. */
export interface ReportRegionShape {
  id: string;
  polygons: readonly (readonly Float64Array[])[];
}

/** A dead zone of the latest snapshot; `status` from the tracking (null with one snapshot). */
export interface ReportDeadZone {
  regionId: string;
  rings: readonly Float64Array[];
  areaKm2: number;
  households: number;
  status: DeadZoneStatus | null;
}

/** What the report and the static map are drawn from: a run's summary and its geometries. */
export interface ReportInput {
  summary: Summary;
  regions: readonly ReportRegionShape[];
  deadZones: readonly ReportDeadZone[];
  /** The date the dead zones' statuses are relative to (the snapshot before the latest). */
  changesFrom?: string;
}

/** The library's `report` write option: language and the publishing threshold for dead zones. */
export interface ReportOptions {
  lang?: Lang;
  /** Dead zones with fewer households are neither drawn nor listed (the totals keep them). */
  minHouseholds?: number;
}

export interface ResolvedReportOptions {
  lang: Lang;
  minHouseholds: number;
  metric: MapMetric;
  /** Display simplification of the outlines, metres. */
  simplifyMetres: number;
}

/** Checks the options (TypeError/RangeError naming the option, as the library's other options). */
export function resolveReportOptions(
  given: ReportOptions & { metric?: string } = {},
  name = 'report',
): ResolvedReportOptions {
  const lang = given.lang ?? 'en';
  if (!(LANGS as readonly string[]).includes(lang))
    throw new RangeError(`${name}.lang must be one of ${LANGS.join(', ')}, not ${JSON.stringify(lang)}`);
  const minHouseholds = given.minHouseholds ?? 0;
  if (!Number.isInteger(minHouseholds) || minHouseholds < 0)
    throw new RangeError(`${name}.minHouseholds must be an integer ≥ 0, not ${minHouseholds}`);
  const metric = given.metric ?? 'share_5g';
  if (!(MAP_METRICS as readonly string[]).includes(metric))
    throw new RangeError(
      `${name}.metric must be one of ${MAP_METRICS.join(', ')}, not ${JSON.stringify(metric)}`,
    );
  return { lang: lang as Lang, minHouseholds, metric: metric as MapMetric, simplifyMetres: 100 };
}

/** The dead zones shown: at least `minHouseholds` households, most households first, then largest. */
export function shownDeadZones(zones: readonly ReportDeadZone[], minHouseholds: number): ReportDeadZone[] {
  return zones
    .filter((z) => z.households >= minHouseholds)
    .sort((a, b) => b.households - a.households || b.areaKm2 - a.areaKm2);
}

/** Whether any coverage input is synthetic, or predicted (a name or flag saying so). */
export function coverageKind(summary: Summary): { synthetic: boolean; predicted: boolean } {
  const coverage = summary.inputs.filter((i) => i.role === 'coverage');
  return {
    synthetic: coverage.some((i) => i.synthetic === true),
    predicted: coverage.some((i) => (i as { predicted?: boolean }).predicted === true),
  };
}
