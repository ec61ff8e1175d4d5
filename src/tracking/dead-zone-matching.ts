import { InputError } from '../errors.js';
import type { DeadZone } from '../model/stats.js';
import { compareDeadZones } from './dead-zone-order.js';
import { type DeadZoneOverlap, DeadZoneShapes, deadZoneOverlaps } from './dead-zone-overlaps.js';
import {
  type DeadZoneSnapshot,
  type DeadZoneStatus,
  type DeadZoneTracking,
  type TrackedDeadZone,
  UNCHANGED_TOLERANCE,
} from './tracked-dead-zone.js';

/**
 * Follows dead zones across snapshots (oldest first). Zones of consecutive snapshots match when
 * they overlap with positive area (same region; see deadZoneOverlaps). Identity:
 * - a zone with no match in the earlier snapshot gets a fresh id `<region id>-<date>-<n>`, n
 *   counting from 1 per region and date in compareDeadZones order (households, area, south-west
 *   vertex), so the same inputs give the same ids whatever order the zones come in;
 * - ids pass along matches greedily, largest overlap first (ties in compareDeadZones order of
 *   the earlier, then the later zone): each earlier zone passes its id to at most one later zone and
 *   each later zone takes at most one. So a 1:1 match keeps its id, the largest part of a split
 *   keeps the parent's id (the other parts get fresh ids), and a merge keeps the id of the part it
 *   overlaps most (the others end there, with the merged id as their successor);
 * - an id never depends on later snapshots: appending a snapshot changes no earlier assignment.
 * Status per pair, for the later zone's id: no earlier match → `new`; two or more → `merged`; one
 * that matches two or more later zones → `split`; else `shrunk`/`grown`/`unchanged` by area. An
 * earlier id that goes on to nothing is `closed`; one that overlaps but passed on no id `merged`.
 * Needs `loadClipper()` to have resolved.
 */
export function trackDeadZones(
  snapshots: readonly DeadZoneSnapshot[],
  regionIds: readonly string[],
  /** The first snapshot's ids as an earlier run gave them (a history): they are kept, not made anew. */
  firstIds?: readonly string[],
): DeadZoneTracking {
  checkSnapshots(snapshots, regionIds);
  const zones: TrackedDeadZone[] = [];
  const ids: string[][] = [];
  let previous: TrackedDeadZone[] = [];
  let previousShapes: DeadZoneShapes | undefined;
  for (const { date, deadZones } of snapshots) {
    const shapes = new DeadZoneShapes(deadZones);
    const overlaps = previousShapes ? deadZoneOverlaps(previousShapes, shapes) : [];
    const current: (TrackedDeadZone | undefined)[] = new Array(deadZones.length);
    const passed = passIds(overlaps, previousShapes?.zones ?? [], deadZones, previous, current);
    const counts = new Map<number, number>();
    for (const i of freshZones(deadZones, current)) {
      const n = (counts.get(deadZones[i].region) ?? 0) + 1;
      counts.set(deadZones[i].region, n);
      current[i] = freshZone(deadZones[i], regionIds[deadZones[i].region], date, n);
      if (previousShapes === undefined && firstIds) current[i].id = firstIds[i];
      zones.push(current[i]);
    }
    const tracked = current as TrackedDeadZone[];
    deadZones.forEach((zone, i) => {
      tracked[i].areaKm2[date] = zone.area_km2;
      tracked[i].households[date] = zone.households;
      tracked[i].lastSeen = date;
      tracked[i].latest = zone;
    });
    if (previousShapes)
      recordChanges(date, overlaps, previousShapes.zones, deadZones, previous, tracked, passed);
    ids.push(tracked.map((t) => t.id));
    previous = tracked;
    previousShapes = shapes;
  }
  for (const zone of zones) {
    const statuses = Object.values(zone.changes);
    zone.status = statuses.length > 0 ? statuses[statuses.length - 1] : 'new';
    zone.predecessors.sort();
    zone.successors.sort();
  }
  return { dates: snapshots.map((s) => s.date), zones, ids };
}

/** Hands earlier ids to later zones along the overlaps, largest first; returns the earlier zones that passed theirs. */
function passIds(
  overlaps: readonly DeadZoneOverlap[],
  older: readonly DeadZone[],
  newer: readonly DeadZone[],
  previous: readonly TrackedDeadZone[],
  current: (TrackedDeadZone | undefined)[],
): Set<number> {
  const order = [...overlaps].sort(
    (a, b) =>
      b.area - a.area ||
      compareDeadZones(older[a.older], older[b.older]) ||
      compareDeadZones(newer[a.newer], newer[b.newer]),
  );
  const passed = new Set<number>();
  for (const { older: o, newer: n } of order) {
    if (passed.has(o) || current[n] !== undefined) continue;
    current[n] = previous[o];
    passed.add(o);
  }
  return passed;
}

/** The zones that took no earlier id, in compareDeadZones order. */
function freshZones(zones: readonly DeadZone[], current: readonly (TrackedDeadZone | undefined)[]): number[] {
  const fresh: number[] = [];
  for (let i = 0; i < zones.length; i++) if (current[i] === undefined) fresh.push(i);
  return fresh.sort((a, b) => compareDeadZones(zones[a], zones[b]) || a - b);
}

/** A fresh tracked zone: the n-th zone first seen in its region on `date`. */
function freshZone(zone: DeadZone, regionId: string, date: string, n: number): TrackedDeadZone {
  return {
    id: `${regionId}-${date}-${n}`,
    region: zone.region,
    regionId,
    status: 'new',
    changes: {},
    firstSeen: date,
    lastSeen: date,
    areaKm2: {},
    households: {},
    predecessors: [],
    successors: [],
    latest: zone,
  };
}

/** The pair's statuses and the links between different ids (splits and merges). */
function recordChanges(
  date: string,
  overlaps: readonly DeadZoneOverlap[],
  older: readonly DeadZone[],
  newer: readonly DeadZone[],
  previous: readonly TrackedDeadZone[],
  current: readonly TrackedDeadZone[],
  passed: ReadonlySet<number>,
): void {
  const predecessors: number[][] = newer.map(() => []);
  const successors: number[][] = older.map(() => []);
  for (const { older: o, newer: n } of overlaps) {
    predecessors[n].push(o);
    successors[o].push(n);
    const [from, to] = [previous[o], current[n]];
    if (from === to) continue;
    if (!from.successors.includes(to.id)) from.successors.push(to.id);
    if (!to.predecessors.includes(from.id)) to.predecessors.push(from.id);
  }
  newer.forEach((zone, n) => {
    const preds = predecessors[n];
    let status: DeadZoneStatus;
    if (preds.length === 0) status = 'new';
    else if (preds.length > 1) status = 'merged';
    else if (successors[preds[0]].length > 1) status = 'split';
    else status = sizeChange(older[preds[0]].area_km2, zone.area_km2);
    current[n].changes[date] = status;
  });
  older.forEach((_, o) => {
    if (passed.has(o)) return;
    previous[o].changes[date] = successors[o].length === 0 ? 'closed' : 'merged';
  });
}

function sizeChange(before: number, after: number): DeadZoneStatus {
  if (Math.abs(after - before) <= UNCHANGED_TOLERANCE * Math.max(before, after)) return 'unchanged';
  return after < before ? 'shrunk' : 'grown';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Dates are the user's (InputError); a zone's region outside the list is our bug. */
function checkSnapshots(snapshots: readonly DeadZoneSnapshot[], regionIds: readonly string[]): void {
  snapshots.forEach(({ date, deadZones }, k) => {
    if (!isSnapshotDate(date))
      throw new InputError('a snapshot date must be a calendar date YYYY-MM-DD', {
        field: `snapshots[${k}].date`,
        value: date,
      });
    if (k > 0 && date <= snapshots[k - 1].date)
      throw new InputError('snapshot dates must increase (oldest first, one snapshot per date)', {
        field: `snapshots[${k}].date`,
        value: date,
        hint: `the snapshot before is of ${snapshots[k - 1].date}`,
      });
    for (const zone of deadZones)
      if (!Number.isInteger(zone.region) || zone.region < 0 || zone.region >= regionIds.length)
        throw new Error(`a dead zone of ${date} has region index ${zone.region} of ${regionIds.length}`);
  });
}

/** A calendar date written YYYY-MM-DD (2024-02-30 is none). */
export function isSnapshotDate(text: unknown): text is string {
  const match = typeof text === 'string' ? DATE.exec(text) : null;
  if (!match) return false;
  const day = new Date(0);
  day.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return day.getUTCMonth() === Number(match[2]) - 1 && day.getUTCDate() === Number(match[3]);
}
