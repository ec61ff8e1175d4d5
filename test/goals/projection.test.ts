import { describe, expect, it } from 'vitest';
import { dateOf, dayOf } from '../../src/goals/calendar-date.js';
import { evaluateGoals } from '../../src/goals/evaluate.js';
import type { Goal } from '../../src/goals/goal.js';
import { leastSquares, project } from '../../src/goals/projection.js';
import { goal, snapshot } from './snapshots.js';

const DAY0 = dayOf('2022-01-01')!;
const on = (days: number) => dateOf(DAY0 + days);

/** The total's projection over snapshots `days` after 2022-01-01 with these counts, as of the last. */
function projected(points: [number, object][], over: Partial<Goal>) {
  const snapshots = points.map(([days, counts]) => snapshot(on(days), counts));
  const [r] = evaluateGoals(
    [goal({ deadline: '2030-12-31', ...over })],
    snapshots,
    on(points[points.length - 1][0]),
  );
  return { projection: r.projection, date: r.projected_date, status: r.status };
}

describe('projection by a least-squares line over the snapshots', () => {
  it('two snapshots: the line through them (50 % → 60 % in 10 days; >= 90 % on day 40, > 90 % on day 41)', () => {
    const points: [number, object][] = [
      [0, { households_5g: 500 }],
      [10, { households_5g: 600 }],
    ];
    expect(projected(points, { comparison: '>=' })).toEqual({
      projection: 'date',
      date: on(40),
      status: 'on-track',
    });
    expect(projected(points, { comparison: '>' }).date).toBe(on(41));
    expect(on(40)).toBe('2022-02-10');
  });

  it('three snapshots, by hand: days 0, 10, 20 at 50, 62, 68 % → 51 % + 0.9 points a day → 90 % after day 43.3', () => {
    // mean day 10, mean 60 %; Σ(dx·dy) = (−10)(−10) + 0 + (10)(8) = 180 points·days, Σdx² = 200: slope 0.9, offset 60 − 9 = 51.
    const fit = leastSquares([
      { day: 0, value: 0.5 },
      { day: 10, value: 0.62 },
      { day: 20, value: 0.68 },
    ]);
    expect(fit.b).toBeCloseTo(0.009, 12);
    expect(fit.a).toBeCloseTo(0.51, 12);
    const points: [number, object][] = [
      [0, { households_5g: 500 }],
      [10, { households_5g: 620 }],
      [20, { households_5g: 680 }],
    ];
    expect(projected(points, { comparison: '>=' }).date).toBe(on(44));
    expect(on(44)).toBe('2022-02-14');
  });

  it('a flat trend gives no date', () => {
    const flat: [number, object][] = [
      [0, { households_5g: 500 }],
      [10, { households_5g: 500 }],
    ];
    expect(projected(flat, {})).toEqual({ projection: 'no-trend', date: null, status: 'off-track' });
  });

  it('a falling trend gives no date for a goal to rise', () => {
    const falling: [number, object][] = [
      [0, { households_5g: 600 }],
      [10, { households_5g: 500 }],
    ];
    expect(projected(falling, {}).projection).toBe('no-trend');
  });

  it('for < and <= goals falling is the good direction (100 → 80 households without LTE in 10 days)', () => {
    const falling: [number, object][] = [
      [0, { households_no_lte: 100 }],
      [10, { households_no_lte: 80 }],
    ];
    expect(projected(falling, { metric: 'households_no_lte', comparison: '=', value: 0 }).date).toBe(on(50));
    expect(projected(falling, { metric: 'households_no_lte', comparison: '<=', value: 10 }).date).toBe(
      on(45),
    );
    expect(projected(falling, { metric: 'households_no_lte', comparison: '<', value: 10 }).date).toBe(on(46));
    const rising: [number, object][] = [
      [0, { households_no_lte: 80 }],
      [10, { households_no_lte: 100 }],
    ];
    expect(projected(rising, { metric: 'households_no_lte', comparison: '<=', value: 0 }).projection).toBe(
      'no-trend',
    );
  });

  it('one snapshot is insufficient data', () => {
    expect(projected([[0, { households_5g: 500 }]], {})).toMatchObject({
      projection: 'insufficient-data',
      date: null,
    });
  });

  it('a line that met the goal before the as-of date, when the value does not: the next day', () => {
    // 50, 95, 85 % on days 0, 10, 20: slope 1.75 points a day, > 90 % on day 18, but 85 % on day 20.
    const dip: [number, object][] = [
      [0, { households_5g: 500 }],
      [10, { households_5g: 950 }],
      [20, { households_5g: 850 }],
    ];
    expect(projected(dip, {}).date).toBe(on(21));
  });

  it('a crossing after 9999 gives no date', () => {
    expect(
      project(
        [
          { day: 0, value: 0.5 },
          { day: 1000, value: 0.5000001 },
        ],
        '>',
        0.9,
        1,
        1000,
      ),
    ).toEqual({
      projection: 'no-trend',
      projected_date: null,
    });
  });

  it('snapshots without a value are left out of the line', () => {
    const points = [
      { day: 0, value: 0.5 },
      { day: 5, value: null },
      { day: 10, value: 0.6 },
    ];
    expect(project(points, '>=', 0.9, 1, 10)).toEqual({ projection: 'date', projected_date: dateOf(40) });
  });
});
