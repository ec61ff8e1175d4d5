import { describe, expect, it } from 'vitest';
import { countGap, gapOf } from '../../src/goals/gap.js';
import type { Comparison } from '../../src/goals/goal.js';
import { metricValue, parseMetric } from '../../src/goals/metric.js';
import { stats } from './snapshots.js';

function gap(metric: string, comparison: Comparison, target: number, counts: Parameters<typeof stats>[0]) {
  const ref = parseMetric(metric)!;
  const s = stats(counts);
  return gapOf(ref, s, metricValue(ref, s), comparison, target);
}

describe('the gap in households and km²', () => {
  it('> 0.9 of 1000 households needs 901: from 850, 51 more', () => {
    expect(gap('share_5g', '>', 0.9, { households_5g: 850 })).toEqual({
      value: expect.closeTo(0.05, 12),
      households: 51,
      area_km2: null,
    });
  });

  it('>= 0.9 of 1000 households needs 900: from 850, 50 more', () => {
    expect(gap('share_5g', '>=', 0.9, { households_5g: 850 })?.households).toBe(50);
  });

  it('uses the division the status uses: 0.07 × 100 and 0.57 × 100 are off by float noise', () => {
    expect(0.07 * 100).toBe(7.000000000000001);
    expect(0.57 * 100).toBe(56.99999999999999);
    expect(countGap(5, 100, '>=', 0.07)).toBe(2);
    expect(countGap(5, 100, '>', 0.07)).toBe(3);
    expect(countGap(60, 100, '<=', 0.57)).toBe(3);
    expect(countGap(60, 100, '<', 0.57)).toBe(4);
    expect(countGap(50, 100, '=', 0.57)).toBe(7);
  });

  it('a share that has to fall: LTE on at most half of 1000 households, from 700', () => {
    expect(gap('share_lte', '<=', 0.5, { households_lte: 700 })?.households).toBe(200);
  });

  it('a share no count can meet (none), = a share no count hits exactly (none)', () => {
    expect(countGap(5, 10, '>', 1)).toBeNull();
    expect(countGap(1, 3, '=', 0.5)).toBeNull();
    expect(countGap(1, 4, '=', 0.5)).toBe(1);
  });

  it('an operator share counts that operator’s households', () => {
    const operators = {
      'Telekom.de': { households_5g: 970, households_lte: 990, share_5g: 0.97, share_lte: 0.99 },
    };
    expect(gap('operators.Telekom.de.share_5g', '>=', 0.98, { operators })?.households).toBe(10);
  });

  it('households counts: the gap is the count itself; strict goals on whole counts need one more', () => {
    expect(gap('households_no_lte', '=', 0, { households_no_lte: 120 })?.households).toBe(120);
    expect(gap('households_no_lte', '<', 100, { households_no_lte: 120 })?.households).toBe(21);
    expect(gap('households_5g', '>', 900, { households_5g: 850 })?.households).toBe(51);
  });

  it('the 5G area share in km²: 97.5 of 100 km² is 2.5 km² short of "flächendeckend"', () => {
    expect(gap('share_area_5g', '=', 1, { area_5g_km2: 97.5 })).toEqual({
      value: expect.closeTo(0.025, 12),
      households: null,
      area_km2: expect.closeTo(2.5, 9),
    });
  });

  it('areas: the gap is in km²', () => {
    expect(gap('lte_dead_zone_area_km2', '<=', 1, { lte_dead_zone_area_km2: 3.5 })).toEqual({
      value: 2.5,
      households: null,
      area_km2: 2.5,
    });
  });

  it('Funkloch cells: in cells, neither households nor km²', () => {
    expect(gap('funkloch_cells', '<=', 10, { funkloch_cells: 14 })).toEqual({
      value: 4,
      households: null,
      area_km2: null,
    });
  });

  it('none when met or without a value', () => {
    expect(gap('share_5g', '>', 0.9, { households_5g: 901 })).toBeNull();
    expect(gap('share_5g', '>', 0.9, { households: 0, households_5g: 0 })).toBeNull();
    expect(gap('funkloch_cells', '<=', 10, {})).toBeNull();
  });
});
