import type { DeadZone } from '../model/stats.js';

/** One snapshot's dead zones: `date` is YYYY-MM-DD; snapshots are given oldest first. */
export interface DeadZoneSnapshot {
  date: string;
  deadZones: readonly DeadZone[];
}

/**
 * What happened to a tracked dead zone between two consecutive snapshots. `unchanged`: the area is
 * the same within UNCHANGED_TOLERANCE (relative); `split` and `merged` take precedence over
 * `shrunk`/`grown`, and `merged` over `split`.
 */
export type DeadZoneStatus = 'new' | 'closed' | 'shrunk' | 'grown' | 'unchanged' | 'split' | 'merged';

export const DEAD_ZONE_STATUSES: readonly DeadZoneStatus[] = [
  'new',
  'closed',
  'shrunk',
  'grown',
  'unchanged',
  'split',
  'merged',
];

/**
 * Areas whose relative difference is at most this are the same: each snapshot's unions round their
 * vertices to the clip grid along other paths, which moves an unchanged zone's area by ~1e-7 of it
 * (the NRW snapshots: ~1e-6 km² on zones of a few km²), never by a change anyone would map.
 */
export const UNCHANGED_TOLERANCE = 1e-5;

/** A dead zone followed across snapshots under one id. */
export interface TrackedDeadZone {
  /** `<region id>-<first seen date>-<n>`, n from 1 per region and date (see trackDeadZones). */
  id: string;
  /** Index into the region ids given to trackDeadZones. */
  region: number;
  regionId: string;
  /** The last entry of `changes`; `new` when there is only one snapshot. */
  status: DeadZoneStatus;
  /** Its status per consecutive pair it took part in, keyed by the later snapshot's date. */
  changes: Record<string, DeadZoneStatus>;
  firstSeen: string;
  lastSeen: string;
  /** Keyed by the date of each snapshot it is in. */
  areaKm2: Record<string, number>;
  households: Record<string, number>;
  /** Ids it split from or that merged into it (sorted). */
  predecessors: string[];
  /** Ids that split from it or that it merged into (sorted). */
  successors: string[];
  /** The zone as last seen (for a closed one: before it closed). */
  latest: DeadZone;
}

/** Every tracked dead zone, and the id each snapshot's zones got. */
export interface DeadZoneTracking {
  dates: string[];
  /** In the order they were first seen, then by compareDeadZones. */
  zones: TrackedDeadZone[];
  /** ids[k][i]: the id of zone i of snapshot k (in the order the snapshot gave its zones). */
  ids: string[][];
}
