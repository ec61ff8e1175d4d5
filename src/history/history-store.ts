import { InputError } from '../errors.js';
import type { RegionStats, Stats } from '../model/stats.js';
import { coverageKey, type HistoryRows } from './history-rows.js';

/** A place a run's history goes: a GeoPackage file or PostgreSQL/PostGIS (the same rows). */
export interface HistoryStore {
  /** Where it is, as shown to the user: a URL without its password, or a path. */
  readonly target: string;
  /** Writes the run in one transaction: all of it, or nothing and the history as it was. */
  write(rows: HistoryRows, options: { force: boolean }): Promise<HistoryWriteReport>;
  /** The stored snapshots, oldest first. */
  read(): Promise<HistorySnapshot[]>;
  /** One stored snapshot's dead zones, with their ids: a later run follows them on. */
  readDeadZones(date: string): Promise<StoredDeadZone[]>;
}

/** A dead zone as a history stored it: its id, region, figures and shape (shell, then holes; lon/lat). */
export interface StoredDeadZone {
  id: string;
  regionId: string;
  households: number;
  area_km2: number;
  rings: Float64Array[];
}

/** A stored dead zone's shape from its geometry as decoded (a MultiPolygon of one polygon). */
export function storedRings(geometry: unknown): Float64Array[] {
  const polygons = (geometry as { polygons?: Float64Array[][] }).polygons;
  if (!polygons || polygons.length === 0) throw new Error('a stored dead zone without a polygon');
  return polygons[0];
}

/** What a write did, by snapshot date. */
export interface HistoryWriteReport {
  /** Dates the history did not have. */
  added: string[];
  /** Dates it had from the same coverage: their rows written again. */
  rewritten: string[];
  /** Dates it had from other coverage, replaced with `force`. */
  replaced: string[];
}

/** One stored snapshot, as a later run continues the series from it. */
export interface HistorySnapshot {
  date: string;
  /** The sha256s of its coverage files, sorted. */
  coverageSha256: string[];
  coveragePaths: string[];
  /** The run that wrote it last. */
  runId: string;
  totals: Stats;
  regions: RegionStats[];
  lteDeadZones: { count: number; area_km2: number; households: number };
}

/** A stored snapshot's key: its date and its coverage files. */
export interface StoredSnapshotKey {
  date: string;
  coverageSha256: string;
  coveragePaths: string[];
}

/**
 * Sorts the run's snapshots into added, rewritten (same date, same coverage) and replaced (other
 * coverage): the last is refused unless `force`, naming the date and the differing file.
 */
export function planSnapshotWrites(
  rows: HistoryRows,
  stored: readonly StoredSnapshotKey[],
  target: string,
  force: boolean,
): HistoryWriteReport {
  const byDate = new Map(stored.map((s) => [s.date, s]));
  const report: HistoryWriteReport = { added: [], rewritten: [], replaced: [] };
  for (const snapshot of rows.snapshots) {
    const date = snapshot.snapshot_date;
    const old = byDate.get(date);
    if (!old) report.added.push(date);
    else if (old.coverageSha256 === snapshot.coverage_sha256) report.rewritten.push(date);
    else if (force) report.replaced.push(date);
    else throw conflict(rows, date, old, target);
  }
  return report;
}

function conflict(rows: HistoryRows, date: string, old: StoredSnapshotKey, target: string): InputError {
  const storedSha = new Set(old.coverageSha256.split(','));
  const mine = rows.inputs.filter((i) => i.role === 'coverage' && i.snapshot_date === date);
  const differing = mine.find((i) => !storedSha.has(i.sha256));
  const which = differing
    ? `${differing.path} (sha256 ${differing.sha256.slice(0, 12)}…) is not among its coverage files`
    : `its coverage was ${old.coveragePaths.join(', ')}; this run gives ${mine.map((i) => i.path).join(', ')}`;
  return new InputError(`the history has a snapshot of ${date} from other coverage: ${which}`, {
    file: target,
    hint: `--force replaces the stored snapshot of ${date}`,
  });
}

/** The sorted sha256s of a snapshot key as a list. */
export const coverageShaList = (key: string): string[] => (key === '' ? [] : key.split(','));

export { coverageKey };
