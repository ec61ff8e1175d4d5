import { describe, expect, it } from 'vitest';
import { evaluateGoals } from '../../src/goals/evaluate.js';
import { goal, region, snapshot } from './snapshots.js';

const everyRegion = goal({ metric: 'households_no_lte', comparison: '=', value: 0, scope: 'every-region' });

describe('goals over every region or listed regions', () => {
  it('a status per region; the overall is the worst, met only when every region is', () => {
    const snapshots = [
      snapshot('2022-01-01', {}, [
        region('A', { households_no_lte: 0 }),
        region('B', { households_no_lte: 100 }),
        region('C', { households_no_lte: 100 }),
      ]),
      snapshot('2022-01-11', {}, [
        region('A', { households_no_lte: 0 }),
        region('B', { households_no_lte: 80 }), // 0 on day 50: on track
        region('C', { households_no_lte: 100 }), // flat: off track
      ]),
    ];
    const [r] = evaluateGoals([everyRegion], snapshots, '2022-01-11');
    expect(r.results.map((x) => [x.region, x.status])).toEqual([
      ['A', 'met'],
      ['B', 'on-track'],
      ['C', 'off-track'],
    ]);
    expect(r.status).toBe('off-track');
    expect(r.counts).toEqual({
      met: 1,
      'met-late': 0,
      'on-track': 1,
      'off-track': 1,
      missed: 0,
      'no-data': 0,
      'not-met': 0,
    });
    expect(r.gap).toEqual({ value: null, households: 180, area_km2: null });
    expect(r.projection).toBe('no-trend');

    const [late] = evaluateGoals([everyRegion], snapshots, '2023-06-30');
    expect(late.status).toBe('missed');
    const [allMet] = evaluateGoals(
      [everyRegion],
      [snapshot('2022-01-01', {}, [region('A'), region('B')])],
      '2022-01-01',
    );
    expect(allMet.status).toBe('met');
  });

  it('met-late in one region and met in the others: met-late', () => {
    const snapshots = [
      snapshot('2022-06-30', {}, [region('A'), region('B', { households_no_lte: 5 })]),
      snapshot('2023-06-30', {}, [region('A'), region('B')]),
    ];
    const [r] = evaluateGoals([everyRegion], snapshots, '2023-06-30');
    expect(r.results.map((x) => x.status)).toEqual(['met', 'met-late']);
    expect(r.status).toBe('met-late');
    expect(r.gap).toBeNull();
    expect(r.projection).toBe('not-needed');
  });

  it('the latest open date when every open region has one', () => {
    const snapshots = [
      snapshot('2022-01-01', {}, [
        region('A', { households_no_lte: 100 }),
        region('B', { households_no_lte: 100 }),
      ]),
      snapshot('2022-01-11', {}, [
        region('A', { households_no_lte: 80 }),
        region('B', { households_no_lte: 90 }),
      ]),
    ];
    const [r] = evaluateGoals([everyRegion], snapshots, '2022-01-11');
    expect(r.results.map((x) => x.projected_date)).toEqual(['2022-02-20', '2022-04-11']);
    expect(r).toMatchObject({ status: 'on-track', projection: 'date', projected_date: '2022-04-11' });
  });

  it('a region without a value is no-data and does not decide the overall; all without one: no-data', () => {
    const share = goal({ scope: 'every-region' });
    const snapshots = [
      snapshot('2022-06-30', {}, [
        region('A', { households_5g: 950 }),
        region('E', { households: 0, households_5g: 0 }),
      ]),
    ];
    const [r] = evaluateGoals([share], snapshots, '2022-06-30');
    expect(r.results.map((x) => [x.region, x.status, x.value])).toEqual([
      ['A', 'met', 0.95],
      ['E', 'no-data', null],
    ]);
    expect(r.status).toBe('met');
    expect(r.counts['no-data']).toBe(1);
    const empty = [snapshot('2022-06-30', {}, [region('E', { households: 0, households_5g: 0 })])];
    expect(evaluateGoals([share], empty, '2022-06-30')[0].status).toBe('no-data');
  });

  it('a region missing from an earlier snapshot has no value there, and the line skips it', () => {
    const snapshots = [
      snapshot('2022-01-01', {}, [region('A', { households_5g: 500 })]),
      snapshot('2022-01-11', {}, [region('A', { households_5g: 600 }), region('N', { households_5g: 700 })]),
    ];
    const [r] = evaluateGoals([goal({ scope: 'every-region' })], snapshots, '2022-01-11');
    expect(r.results.map((x) => x.region)).toEqual(['A', 'N']);
    expect(r.results[1].values).toEqual([
      { date: '2022-01-01', value: null },
      { date: '2022-01-11', value: 0.7 },
    ]);
    expect(r.results[1].projection).toBe('insufficient-data');
    expect(r.results[1].name).toBe('Region N');
  });

  it('a run without regions: no region to judge, no data', () => {
    const [r] = evaluateGoals([everyRegion], [snapshot('2022-06-30', {})], '2022-06-30');
    expect(r).toMatchObject({ status: 'no-data', results: [], gap: null, projection: 'insufficient-data' });
  });

  it('listed regions only, in the listed order', () => {
    const snapshots = [
      snapshot('2022-06-30', {}, [region('A'), region('B', { households_5g: 950 }), region('C')]),
    ];
    const [r] = evaluateGoals([goal({ scope: ['C', 'B'] })], snapshots, '2022-06-30');
    expect(r.results.map((x) => [x.region, x.status])).toEqual([
      ['C', 'off-track'],
      ['B', 'met'],
    ]);
    expect(r.scope).toEqual(['C', 'B']);
  });

  it('refuses a listed region no snapshot has, naming the goal, the field and the id', () => {
    const snapshots = [snapshot('2022-06-30', {}, [region('A'), region('B')])];
    expect(() =>
      evaluateGoals([goal({ id: 'g1', scope: ['A', 'X'] })], snapshots, '2022-06-30', {
        goalsFile: 'goals.json',
      }),
    ).toThrow(
      'goals.json, id "g1", field goals[0].scope[1]: names a region no snapshot has (value: "X") — region ids: A, B',
    );
  });
});

describe('operator metrics and Funkloch cells', () => {
  const operators = (hh5g: number) => ({
    'Telekom.de': { households_5g: hh5g, households_lte: 1000, share_5g: hh5g / 1000, share_lte: 1 },
  });

  it('an operator name with dots: the last segment is the field', () => {
    const snapshots = [snapshot('2022-06-30', { operators: operators(990) })];
    const [r] = evaluateGoals(
      [goal({ metric: 'operators.Telekom.de.share_5g', comparison: '>=', value: 0.98 })],
      snapshots,
      '2022-06-30',
    );
    expect(r).toMatchObject({ status: 'met', results: [{ value: 0.99 }] });
  });

  it('refuses an operator no snapshot has', () => {
    const snapshots = [snapshot('2022-06-30', { operators: operators(990) })];
    expect(() =>
      evaluateGoals([goal({ id: 'op', metric: 'operators.Telekom.share_5g' })], snapshots, '2022-06-30'),
    ).toThrow(
      'id "op", field goals[0].metric: names an operator no snapshot has (value: "operators.Telekom.share_5g") — operators: Telekom.de',
    );
  });

  it('funkloch_cells: no data while the runs do not count them; a count or {count} when they do', () => {
    const cells = goal({ metric: 'funkloch_cells', comparison: '<=', value: 10 });
    expect(evaluateGoals([cells], [snapshot('2022-06-30', {})], '2022-06-30')[0].status).toBe('no-data');
    expect(
      evaluateGoals([cells], [snapshot('2022-06-30', { funkloch_cells: 8 })], '2022-06-30')[0].status,
    ).toBe('met');
    const counted = snapshot('2022-06-30', { funkloch_cells: { count: 14 } });
    expect(evaluateGoals([cells], [counted], '2022-06-30')[0]).toMatchObject({
      status: 'off-track',
      gap: { value: 4 },
    });
  });
});
