import { describe, expect, it } from 'vitest';
import { historyRows } from '../../src/history/history-rows.js';
import { deadZoneWkb } from '../../src/history/wkb.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { HAND_INPUTS } from '../helpers.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;

describe('a run as the history rows', () => {
  it('encodes a dead zone as a one-part MultiPolygon in little-endian WKB', () => {
    const shell = new Float64Array([0, 0, 1, 0, 1, 1, 0, 0]);
    const hole = new Float64Array([0.5, 0.25, 0.75, 0.25, 0.75, 0.5, 0.5, 0.25]);
    const view = new DataView(deadZoneWkb([shell, hole]).buffer);
    expect(view.byteLength).toBe(9 + 9 + 4 + 4 + 16 * 8);
    expect([view.getUint8(0), view.getUint32(1, true), view.getUint32(5, true)]).toEqual([1, 6, 1]);
    expect([view.getUint8(9), view.getUint32(10, true), view.getUint32(14, true)]).toEqual([1, 3, 2]);
    expect([view.getUint32(18, true), view.getFloat64(22 + 16 * 2, true)]).toEqual([4, 1]);
    expect(view.getUint32(22 + 16 * 4, true)).toBe(4);
  });

  it('names the dead zones of a single dated snapshot as tracking would, and keys the snapshot by its coverage', async () => {
    const coverage = `${SNAPSHOTS}coverage-2023q4.geojson`;
    const result = await analyze({
      ...HAND_INPUTS,
      snapshots: [{ date: '2023-12-31', coverage: [coverage] }],
      coverage: undefined,
      workers: 0,
    });
    const rows = historyRows(result);
    expect(rows.deadZones.map((z) => [z.zone_id, z.status])).toEqual([
      ['R2-2023-12-31-1', null],
      ['R1-2023-12-31-1', null],
      ['R3-2023-12-31-1', null],
      ['R1-2023-12-31-2', null],
    ]);
    expect(rows.snapshots[0].coverage_sha256).toBe(result.summary.inputs[1].sha256);
    expect(rows.inputs.map((i) => [i.role, i.snapshot_date])).toEqual([
      ['households', null],
      ['coverage', '2023-12-31'],
      ['regions', null],
    ]);
    // The same run gives the same run id; the time it ran is not part of it.
    expect(historyRows({ ...result, summary: { ...result.summary, generated_at: 'later' } }).run.run_id).toBe(
      rows.run.run_id,
    );
  });

  it('refuses an undated run: a history is a series of dates', async () => {
    const result = await analyze({ ...HAND_INPUTS, workers: 0 });
    expect(() => historyRows(result, 'postgresql://h/db')).toThrow(
      'postgresql://h/db: a history needs dated snapshots — give each coverage file its date: --coverage YYYY-MM-DD=PATH',
    );
  });
});
