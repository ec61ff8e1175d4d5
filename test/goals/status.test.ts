import { describe, expect, it } from 'vitest';
import { dateOf, dayOf } from '../../src/goals/calendar-date.js';
import { evaluateGoals, latestSnapshotDate } from '../../src/goals/evaluate.js';
import type { Goal } from '../../src/goals/goal.js';
import { goal, snapshot } from './snapshots.js';

/** The one result of a total goal over snapshots of 1000 households with these 5G counts, as of `asOf`. */
function judge(series: [string, number][], asOf: string, over: Partial<Goal> = {}) {
  const snapshots = series.map(([date, households_5g]) => snapshot(date, { households_5g }));
  const [result] = evaluateGoals([goal(over)], snapshots, asOf);
  return result;
}

describe('goal status as of a date (> 90 % of 1000 households with 5G by 2022-12-31)', () => {
  it('met: met as of the date, before the deadline', () => {
    const r = judge([['2022-06-30', 950]], '2022-06-30');
    expect(r.status).toBe('met');
    expect(r.results[0]).toMatchObject({
      value: 0.95,
      reached_on: '2022-06-30',
      gap: null,
      projection: 'not-needed',
    });
  });

  it('met: met on the deadline and still met after it', () => {
    const r = judge(
      [
        ['2022-12-31', 950],
        ['2023-06-30', 960],
      ],
      '2023-06-30',
    );
    expect(r.status).toBe('met');
    expect(r.results[0].reached_on).toBe('2022-12-31');
  });

  it('met-late: first met by a snapshot after the deadline', () => {
    const r = judge(
      [
        ['2022-06-30', 800],
        ['2023-06-30', 950],
      ],
      '2023-06-30',
    );
    expect(r.status).toBe('met-late');
    expect(r.results[0].reached_on).toBe('2023-06-30');
  });

  it('met-late: met by the only snapshot, which is after the deadline (none shows it in time)', () => {
    expect(judge([['2023-06-30', 950]], '2023-06-30').status).toBe('met-late');
  });

  it('met-late: met once before the deadline, but not by the last snapshot before it', () => {
    const r = judge(
      [
        ['2022-06-30', 950],
        ['2022-11-30', 850],
        ['2023-06-30', 950],
      ],
      '2023-06-30',
    );
    expect(r.status).toBe('met-late');
    expect(r.results[0].reached_on).toBe('2023-06-30');
  });

  it('missed: the deadline passed and the value as of the date does not meet it', () => {
    const r = judge(
      [
        ['2022-06-30', 800],
        ['2023-06-30', 850],
      ],
      '2023-06-30',
    );
    expect(r.status).toBe('missed');
    expect(r.gap).toEqual({ value: expect.closeTo(0.05, 12), households: 51, area_km2: null });
  });

  it('missed: met once, fallen back below by the latest snapshot (the value as of the date counts)', () => {
    const r = judge(
      [
        ['2022-12-31', 950],
        ['2023-06-30', 850],
      ],
      '2023-06-30',
    );
    expect(r.status).toBe('missed');
    expect(r.results[0].reached_on).toBeNull();
  });

  it('met: met on the deadline, dipped, met again (in time: a snapshot on the deadline met it)', () => {
    const r = judge(
      [
        ['2022-12-31', 950],
        ['2023-06-30', 850],
        ['2023-12-31', 950],
      ],
      '2023-12-31',
    );
    expect(r.status).toBe('met');
    expect(r.results[0].reached_on).toBe('2023-12-31');
  });

  it('on-track: not met, the projected date is on or before the deadline', () => {
    // 50 % → 60 % in 10 days: 1 point a day reaches "more than 90 %" after day 40, so on day 41.
    const r = judge(
      [
        ['2022-01-01', 500],
        ['2022-01-11', 600],
      ],
      '2022-01-11',
    );
    expect(r).toMatchObject({ status: 'on-track', projection: 'date', projected_date: '2022-02-11' });
  });

  it('off-track: not met, the projected date is after the deadline', () => {
    // 1 point in 181 days: 90 % after some 7000 days.
    const r = judge(
      [
        ['2022-01-01', 500],
        ['2022-07-01', 510],
      ],
      '2022-07-01',
    );
    expect(r.status).toBe('off-track');
    expect(r.projected_date! > '2040-01-01').toBe(true);
  });

  it('off-track: one snapshot gives no projection (insufficient data), so no evidence of being on track', () => {
    const r = judge([['2022-06-30', 800]], '2022-06-30');
    expect(r).toMatchObject({ status: 'off-track', projection: 'insufficient-data', projected_date: null });
  });

  it('off-track, not missed, on the deadline itself; missed the day after', () => {
    expect(judge([['2022-06-30', 800]], '2022-12-31').status).toBe('off-track');
    expect(judge([['2022-06-30', 800]], '2023-01-01').status).toBe('missed');
  });

  it('no-data: a share without households', () => {
    const [r] = evaluateGoals(
      [goal()],
      [snapshot('2022-06-30', { households: 0, households_5g: 0 })],
      '2022-06-30',
    );
    expect(r.status).toBe('no-data');
    expect(r.results[0]).toMatchObject({ value: null, gap: null });
  });

  it('no-data: the latest snapshot has no value, even when earlier ones had', () => {
    const snapshots = [
      snapshot('2022-01-01', { households_5g: 500 }),
      snapshot('2022-01-11', { households: 0, households_5g: 0 }),
    ];
    const [r] = evaluateGoals([goal()], snapshots, '2022-01-11');
    expect(r).toMatchObject({ status: 'no-data', gap: null, projection: 'insufficient-data' });
    expect(r.results[0].values.map((v) => v.value)).toEqual([0.5, null]);
  });

  it('judges as of a date before the latest snapshot with only the snapshots up to it', () => {
    const r = judge(
      [
        ['2022-06-30', 800],
        ['2022-12-31', 950],
      ],
      '2022-09-30',
    );
    expect(r.results[0].values).toEqual([{ date: '2022-06-30', value: 0.8 }]);
    expect(r).toMatchObject({ as_of: '2022-09-30', status: 'off-track' });
  });

  it('judges as of a date after the latest snapshot: deadline passed on the latest figures', () => {
    expect(judge([['2022-06-30', 800]], '2024-01-01').status).toBe('missed');
  });
});

describe('strict and non-strict comparisons at the exact boundary', () => {
  const at = (metric: string, comparison: Goal['comparison'], value: number, counts: object) =>
    evaluateGoals([goal({ metric, comparison, value })], [snapshot('2022-06-30', counts)], '2022-06-30')[0];

  it('900 of 1000 households is not more than 90 %, but at least 90 %', () => {
    expect(at('share_5g', '>', 0.9, { households_5g: 900 }).status).toBe('off-track');
    expect(at('share_5g', '>', 0.9, { households_5g: 900 }).gap).toEqual({
      value: 0,
      households: 1,
      area_km2: null,
    });
    expect(at('share_5g', '>=', 0.9, { households_5g: 900 }).status).toBe('met');
    expect(at('share_5g', '>', 0.9, { households_5g: 901 }).status).toBe('met');
  });

  it('5 km² of dead zones is not less than 5, but at most 5', () => {
    expect(at('lte_dead_zone_area_km2', '<', 5, { lte_dead_zone_area_km2: 5 }).status).toBe('off-track');
    expect(at('lte_dead_zone_area_km2', '<=', 5, { lte_dead_zone_area_km2: 5 }).status).toBe('met');
    expect(at('lte_dead_zone_area_km2', '<', 5, { lte_dead_zone_area_km2: 4.999 }).status).toBe('met');
  });

  it('= wants the value itself', () => {
    expect(at('households_no_lte', '=', 0, { households_no_lte: 0 }).status).toBe('met');
    expect(at('households_no_lte', '=', 0, { households_no_lte: 1 }).status).toBe('off-track');
  });

  it('areas are compared to the square metre: clipping noise does not miss "flächendeckend"', () => {
    const noisy = { area_km2: 100, area_5g_km2: 100 * (1 - 1e-12) };
    expect(at('share_area_5g', '=', 1, noisy).status).toBe('met');
    expect(at('area_5g_km2', '>=', 100, noisy).status).toBe('met');
    expect(at('share_area_5g', '=', 1, { area_km2: 100, area_5g_km2: 99.99 }).status).toBe('off-track');
  });
});

describe('as-of date', () => {
  const snapshots = [snapshot('2022-06-30', {})];
  it('defaults (in the caller) to the latest snapshot’s date, whatever the order', () => {
    expect(
      latestSnapshotDate([
        snapshot('2023-06-30', {}),
        snapshot('2024-03-31', {}),
        snapshot('2022-12-31', {}),
      ]),
    ).toBe('2024-03-31');
  });

  it('refuses a date that is not on the calendar, naming --as-of', () => {
    expect(() => evaluateGoals([goal()], snapshots, '2023-02-29')).toThrow(
      '--as-of: not a calendar date (value: "2023-02-29") — write YYYY-MM-DD',
    );
  });

  it('refuses a date before the first snapshot', () => {
    expect(() => evaluateGoals([goal()], snapshots, '2022-01-01')).toThrow(
      '--as-of: is before the first snapshot, 2022-06-30 (value: "2022-01-01")',
    );
  });

  it('two snapshots with one date are a bug of the caller', () => {
    expect(() => evaluateGoals([goal()], [...snapshots, ...snapshots], '2022-06-30')).toThrow(
      'two snapshots dated 2022-06-30',
    );
  });
});

describe('calendar dates', () => {
  it('are real dates, leap years and all, in days since 1970-01-01', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('2024-02-29')).toBe(19782);
    expect(dayOf('2023-02-29')).toBeNull();
    expect(dayOf('1900-02-29')).toBeNull();
    expect(dayOf('2000-02-29')).not.toBeNull();
    expect(dayOf('2023-13-01')).toBeNull();
    expect(dayOf('2023-1-01')).toBeNull();
    expect(dayOf(20230101)).toBeNull();
    for (const date of ['0000-01-01', '1999-12-31', '2024-12-31', '9999-12-31'])
      expect(dateOf(dayOf(date)!)).toBe(date);
    expect(() => dateOf(dayOf('9999-12-31')! + 1)).toThrow('no calendar date');
  });
});
