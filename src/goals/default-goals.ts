import type { Goal } from './goal.js';

/**
 * The built-in goals: Nordrhein-Westfalen's Digitalstrategie 2.0 (2021) and Mobilfunkpakt NRW.
 * `--goals FILE` replaces them (another Land, the federal auction's 98 %).
 */
export const DEFAULT_GOALS: readonly Goal[] = Object.freeze([
  {
    id: 'nrw-5g-households-2022',
    title: '5G for more than 90 % of households (NRW Digitalstrategie 2.0)',
    metric: 'share_5g',
    comparison: '>',
    value: 0.9,
    deadline: '2022-12-31',
    scope: 'total',
  },
  {
    id: 'nrw-5g-area-2024',
    title: '5G across the whole area, "flächendeckend" (NRW Digitalstrategie 2.0)',
    metric: 'share_area_5g',
    comparison: '=',
    value: 1,
    deadline: '2024-12-31',
    scope: 'total',
  },
  {
    id: 'nrw-no-lte-gaps-2024',
    title: 'No household without LTE, in every region (Mobilfunkpakt NRW)',
    metric: 'households_no_lte',
    comparison: '=',
    value: 0,
    deadline: '2024-12-31',
    scope: 'every-region',
  },
] satisfies Goal[]);
