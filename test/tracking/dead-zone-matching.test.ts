import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { trackDeadZones } from '../../src/tracking/dead-zone-matching.js';
import type { DeadZoneSnapshot, TrackedDeadZone } from '../../src/tracking/tracked-dead-zone.js';
import { box, shuffled } from './dead-zones.js';

const REGIONS = ['R1', 'R2'];
const Q1 = '2024-03-31';
const Q2 = '2024-06-30';
const Q3 = '2024-09-30';

/** One zone of each kind of change, named; households make the fresh-id order plain (most first). */
const before = {
  unchanged: box(0, 0, 0, 1, 1, 90),
  shrinking: box(0, 2, 0, 4, 2, 80),
  growing: box(0, 5, 0, 6, 1, 70),
  closing: box(0, 8, 0, 9, 1, 60),
  splitting: box(0, 0, 3, 4, 4, 50),
  mergingSmall: box(0, 0, 6, 1, 7, 40),
  mergingLarge: box(0, 2, 6, 4, 7, 30),
  touching: box(0, 10, 0, 11, 1, 20),
  otherRegion: box(0, 0, 10, 1, 11, 10),
};
const after = {
  unchanged: box(0, 0, 0, 1, 1, 90),
  shrunk: box(0, 2, 0, 3, 2, 80),
  grown: box(0, 5, 0, 7, 1, 70),
  fresh: box(0, 8, 3, 9, 4, 5),
  splitSmall: box(0, 0, 3, 1, 4, 45),
  splitLarge: box(0, 2, 3, 4, 4, 4),
  merged: box(0, 0, 6, 4, 7, 40),
  touching: box(0, 11, 1, 12, 2, 3),
  otherRegion: box(1, 0, 10, 1, 11, 2),
};

const snapshot = (date: string, zones: Record<string, unknown>): DeadZoneSnapshot => ({
  date,
  deadZones: Object.values(zones) as DeadZoneSnapshot['deadZones'],
});

/** The tracked zone each named zone of a snapshot belongs to. */
function byName(zones: Record<string, unknown>, k: number, result: ReturnType<typeof trackDeadZones>) {
  const names = Object.keys(zones);
  const out: Record<string, TrackedDeadZone> = {};
  result.ids[k].forEach((id, i) => {
    out[names[i]] = result.zones.find((z) => z.id === id) as TrackedDeadZone;
  });
  return out;
}

describe('trackDeadZones', () => {
  const result = trackDeadZones([snapshot(Q1, before), snapshot(Q2, after)], REGIONS);
  const old = byName(before, 0, result);
  const now = byName(after, 1, result);

  it('numbers the first snapshot by households, region by region', () => {
    expect(Object.values(old).map((z) => z.id)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `R1-${Q1}-${n}`),
    );
  });

  it('keeps the id of an unchanged, shrunk or grown zone and says which', () => {
    for (const [was, is, status] of [
      ['unchanged', 'unchanged', 'unchanged'],
      ['shrinking', 'shrunk', 'shrunk'],
      ['growing', 'grown', 'grown'],
    ] as const) {
      expect(now[is].id).toBe(old[was].id);
      expect(now[is].status).toBe(status);
      expect(now[is].changes).toEqual({ [Q2]: status });
    }
    expect(now.shrunk.areaKm2).toEqual({ [Q1]: 4, [Q2]: 2 });
    expect(now.shrunk.households).toEqual({ [Q1]: 80, [Q2]: 80 });
    expect([now.grown.firstSeen, now.grown.lastSeen]).toEqual([Q1, Q2]);
  });

  it('closes a zone that overlaps nothing later, and keeps its last geometry', () => {
    expect(old.closing.status).toBe('closed');
    expect(old.closing.lastSeen).toBe(Q1);
    expect(old.closing.latest).toBe(before.closing);
    expect(old.closing.areaKm2).toEqual({ [Q1]: 1 });
  });

  it('gives a new zone a fresh id of its first date', () => {
    expect(now.fresh.status).toBe('new');
    expect(now.fresh.firstSeen).toBe(Q2);
    expect(now.fresh.id).toMatch(new RegExp(`^R1-${Q2}-\\d$`));
  });

  it('records a split: the largest part keeps the id, the other is linked to it', () => {
    expect(now.splitLarge.id).toBe(old.splitting.id);
    expect(now.splitSmall.id).not.toBe(old.splitting.id);
    expect(now.splitLarge.status).toBe('split');
    expect(now.splitSmall.status).toBe('split');
    expect(now.splitSmall.predecessors).toEqual([old.splitting.id]);
    expect(now.splitLarge.successors).toEqual([now.splitSmall.id]);
  });

  it('records a merge: it keeps the id of the part it overlaps most, the other ends merged into it', () => {
    expect(now.merged.id).toBe(old.mergingLarge.id);
    expect(now.merged.status).toBe('merged');
    expect(old.mergingSmall.status).toBe('merged');
    expect(old.mergingSmall.lastSeen).toBe(Q1);
    expect(old.mergingSmall.successors).toEqual([now.merged.id]);
    expect(now.merged.predecessors).toEqual([old.mergingSmall.id]);
  });

  it('does not match zones that touch at a point only, or lie in different regions', () => {
    expect(old.touching.status).toBe('closed');
    expect(now.touching.status).toBe('new');
    expect(old.otherRegion.status).toBe('closed');
    expect(now.otherRegion.id).toBe(`R2-${Q2}-1`);
  });

  it('numbers the fresh zones of a date by households: new, then split parts, per region', () => {
    expect([now.splitSmall.id, now.fresh.id, now.touching.id]).toEqual([1, 2, 3].map((n) => `R1-${Q2}-${n}`));
  });

  it('does not match zones that share an edge only', () => {
    const edge = trackDeadZones(
      [
        { date: Q1, deadZones: [box(0, 0, 0, 1, 1)] },
        { date: Q2, deadZones: [box(0, 1, 0, 2, 1)] },
      ],
      REGIONS,
    );
    expect(edge.zones.map((z) => z.status)).toEqual(['closed', 'new']);
  });

  it('gives the same ids whatever order the zones come in', () => {
    const given = [snapshot(Q1, before), snapshot(Q2, after)];
    const ids = idsByZone(given, result);
    for (const seed of [1, 7, 42]) {
      const reordered = given.map((s, k) => ({ ...s, deadZones: shuffled(s.deadZones, seed + k) }));
      const again = trackDeadZones(reordered, REGIONS);
      expect(idsByZone(reordered, again)).toEqual(ids);
      expect(sortedById(again)).toEqual(sortedById(result));
    }
  });

  it('keeps every id when a later snapshot is appended', () => {
    const third = {
      unchanged: box(0, 0, 0, 1, 1, 90),
      grown: box(0, 5, 0, 7, 2, 70),
      another: box(0, 20, 0, 21, 1, 1),
    };
    const longer = trackDeadZones([snapshot(Q1, before), snapshot(Q2, after), snapshot(Q3, third)], REGIONS);
    expect(longer.ids.slice(0, 2)).toEqual(result.ids);
    expect(byName(third, 2, longer).unchanged.id).toBe(old.unchanged.id);
    expect(byName(third, 2, longer).grown.changes).toEqual({ [Q2]: 'grown', [Q3]: 'grown' });
    const closedBefore = longer.zones.find((z) => z.id === old.closing.id);
    expect(closedBefore?.status).toBe('closed');
    expect(closedBefore?.changes).toEqual({ [Q2]: 'closed' });
    expect(longer.zones.find((z) => z.id === now.shrunk.id)?.changes).toEqual({
      [Q2]: 'shrunk',
      [Q3]: 'closed',
    });
  });

  it('calls every zone of a single snapshot new', () => {
    const one = trackDeadZones([snapshot(Q1, before)], REGIONS);
    expect(new Set(one.zones.map((z) => z.status))).toEqual(new Set(['new']));
  });

  it('refuses dates that are not YYYY-MM-DD or do not increase, naming the snapshot', () => {
    const at = (dates: string[]) => () =>
      trackDeadZones(
        dates.map((date) => ({ date, deadZones: [] })),
        REGIONS,
      );
    expect(at(['2024-02-30'])).toThrow(InputError);
    expect(at(['2024-02-30'])).toThrow(/snapshots\[0\]\.date: .*YYYY-MM-DD \(value: "2024-02-30"\)/);
    expect(at([Q2, Q1])).toThrow(/field snapshots\[1\]\.date: snapshot dates must increase/);
    expect(at([Q1, Q1])).toThrow(/must increase/);
  });
});

/** Each zone object's id (zones are compared by identity, so input order does not matter). */
function idsByZone(snapshots: readonly DeadZoneSnapshot[], r: ReturnType<typeof trackDeadZones>) {
  const ids = new Map<unknown, string>();
  snapshots.forEach((s, k) => {
    for (const [i, zone] of s.deadZones.entries()) ids.set(zone, r.ids[k][i]);
  });
  return ids;
}

function sortedById(r: ReturnType<typeof trackDeadZones>) {
  return [...r.zones].sort((a, b) => (a.id < b.id ? -1 : 1));
}
