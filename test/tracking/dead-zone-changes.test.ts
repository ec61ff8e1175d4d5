import { describe, expect, it } from 'vitest';
import type { DeadZone } from '../../src/model/stats.js';
import { deadZoneChangesGeoJson } from '../../src/tracking/dead-zone-changes.js';
import { trackDeadZones } from '../../src/tracking/dead-zone-matching.js';
import { box } from './dead-zones.js';

const REGIONS = ['05111000'];
const Q1 = '2024-03-31';
const Q2 = '2024-06-30';

/** A square with a square hole, in grid units (the hole clockwise, as written by hand). */
function frame(x0: number, y0: number, x1: number, y1: number, inset: number): DeadZone {
  const outer = box(0, x0, y0, x1, y1).rings[0];
  const inner = box(0, x0 + inset, y0 + inset, x1 - inset, y1 - inset).rings[0];
  const hole = new Float64Array(inner.length);
  for (let k = 0; k < inner.length; k += 2)
    hole.set([inner[inner.length - 2 - k], inner[inner.length - 1 - k]], k);
  const side = x1 - x0 - 2 * inset;
  return { region: 0, rings: [outer, hole], area_km2: (x1 - x0) * (y1 - y0) - side * side, households: 1 };
}

describe('dead-zone-changes.geojson', () => {
  it('writes each tracked zone with its latest geometry and its history by date', () => {
    const tracking = trackDeadZones(
      [
        { date: Q1, deadZones: [box(0, 0, 0, 2, 2, 5), box(0, 5, 5, 6, 6, 1)] },
        { date: Q2, deadZones: [box(0, 0, 0, 1, 2, 3)] },
      ],
      REGIONS,
    );
    const doc = JSON.parse([...deadZoneChangesGeoJson(tracking)].join(''));
    expect(doc.features).toHaveLength(2);
    const [shrunk, closed] = doc.features;
    expect(shrunk.properties).toEqual({
      id: `05111000-${Q1}-1`,
      region_id: '05111000',
      status: 'shrunk',
      changes: { [Q2]: 'shrunk' },
      first_seen: Q1,
      last_seen: Q2,
      area_km2: { [Q1]: 4, [Q2]: 2 },
      households: { [Q1]: 5, [Q2]: 3 },
      predecessors: [],
      successors: [],
    });
    expect(shrunk.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [7, 51],
          [7.01, 51],
          [7.01, 51.02],
          [7, 51.02],
          [7, 51],
        ],
      ],
    });
    expect(closed.properties).toMatchObject({ status: 'closed', last_seen: Q1, area_km2: { [Q1]: 1 } });
    expect(closed.geometry.coordinates[0][0]).toEqual([7.05, 51.05]);
  });

  it('writes shells counter-clockwise and holes clockwise, rounded to 7 decimals', () => {
    const zone = frame(0, 0, 3, 3, 1);
    zone.rings[0][0] += 1e-9;
    zone.rings[0][8] += 1e-9;
    const tracking = trackDeadZones([{ date: Q1, deadZones: [zone] }], REGIONS);
    const [feature] = JSON.parse([...deadZoneChangesGeoJson(tracking)].join('')).features;
    const [shell, hole] = feature.geometry.coordinates;
    expect(shell[0]).toEqual([7, 51]);
    expect(signedArea(shell)).toBeGreaterThan(0);
    expect(signedArea(hole)).toBeLessThan(0);
  });

  it('does not match a zone in the hole of another, nor one in another region', () => {
    const island = { ...box(0, 1, 1, 2, 2), households: 0 };
    const tracking = trackDeadZones(
      [
        { date: Q1, deadZones: [frame(0, 0, 3, 3, 1)] },
        { date: Q2, deadZones: [island] },
      ],
      REGIONS,
    );
    expect(tracking.zones.map((z) => [z.id, z.status])).toEqual([
      [`05111000-${Q1}-1`, 'closed'],
      [`05111000-${Q2}-1`, 'new'],
    ]);
  });

  it('records a zone that both merges and splits: ids go by the largest overlap', () => {
    // A and B before; X overlaps A and B, Y overlaps B only.
    const a = box(0, 0, 0, 2, 1, 2);
    const b = box(0, 3, 0, 8, 1, 1);
    const x = box(0, 1, 0, 4, 1, 3);
    const y = box(0, 6, 0, 8, 1, 4);
    const tracking = trackDeadZones(
      [
        { date: Q1, deadZones: [a, b] },
        { date: Q2, deadZones: [x, y] },
      ],
      REGIONS,
    );
    const [idA, idB] = tracking.ids[0];
    const [idX, idY] = tracking.ids[1];
    const zone = (id: string) => tracking.zones.find((z) => z.id === id);
    // B overlaps Y by 2, A overlaps X by 1, B overlaps X by 1: B's id goes to Y, A's to X.
    expect([idX, idY]).toEqual([idA, idB]);
    expect(zone(idX)?.status).toBe('merged');
    expect(zone(idY)?.status).toBe('split');
    expect(zone(idX)?.predecessors).toEqual([idB]);
    expect(zone(idB)?.successors).toEqual([idA]);
  });
});

function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let k = 0; k + 1 < ring.length; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return sum / 2;
}
