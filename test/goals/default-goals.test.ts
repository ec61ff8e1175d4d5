import { describe, expect, it } from 'vitest';
import { DEFAULT_GOALS } from '../../src/goals/default-goals.js';
import { DEFINITIONS, DEFINITIONS_VERSION } from '../../src/goals/definitions.js';
import { evaluateGoals } from '../../src/goals/evaluate.js';
import { parseGoals } from '../../src/goals/goals-file.js';
import { region, snapshot } from './snapshots.js';

describe('the built-in NRW goals', () => {
  it('are the Digitalstrategie 2.0 / Mobilfunkpakt set, valid as a goals file', () => {
    expect(parseGoals({ goals: DEFAULT_GOALS }, 'built-in')).toEqual(DEFAULT_GOALS);
    expect(DEFAULT_GOALS.map((g) => [g.metric, g.comparison, g.value, g.deadline, g.scope])).toEqual([
      ['share_5g', '>', 0.9, '2022-12-31', 'total'],
      ['share_area_5g', '=', 1, '2024-12-31', 'total'],
      ['households_no_lte', '=', 0, '2024-12-31', 'every-region'],
    ]);
    for (const g of DEFAULT_GOALS)
      expect(g.title).toMatch(/\((NRW Digitalstrategie 2\.0|Mobilfunkpakt NRW)\)$/);
  });

  it('judge a two-snapshot NRW-like series', () => {
    const snapshots = [
      snapshot('2022-12-31', { households_5g: 850, area_5g_km2: 60, households_no_lte: 30 }, [
        region('05554', { households_no_lte: 30 }),
        region('05558'),
      ]),
      snapshot('2023-12-31', { households_5g: 920, area_5g_km2: 70, households_no_lte: 10 }, [
        region('05554', { households_no_lte: 10 }),
        region('05558'),
      ]),
    ];
    const results = evaluateGoals(DEFAULT_GOALS, snapshots, '2023-12-31');
    expect(results.map((r) => [r.id, r.status, r.projected_date])).toEqual([
      ['nrw-5g-households-2022', 'met-late', null],
      // 60 → 70 % of the area in 365 days: 100 % after 3 × 365 more days (2024 has 366).
      ['nrw-5g-area-2024', 'off-track', '2026-12-30'],
      // 30 → 10 households in 365 days: none after another 182.5 days, so on day 183.
      ['nrw-no-lte-gaps-2024', 'on-track', '2024-07-01'],
    ]);
  });
});

describe('definitions', () => {
  it('carry a version and say which grey spot is ours', () => {
    expect(DEFINITIONS_VERSION).toBe('funkatlas-definitions/1');
    expect(Object.keys(DEFINITIONS)).toEqual(
      expect.arrayContaining(['white spot', 'grey spot', '5G household', '5G area', 'Funkloch cell']),
    );
    expect(DEFINITIONS['grey spot']).toMatch(/^a household exactly one operator covers with LTE/);
  });
});
