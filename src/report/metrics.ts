import type { GoalResult } from '../goals/goal-result.js';
import type { Stats } from '../model/stats.js';
import type { LabelKey, Lang } from './labels.js';
import { formatNumber, formatPercent } from './number-format.js';
import { VIRIDIS_5 } from './palette.js';

/** The metrics the map can be coloured by; share_5g first, the default. */
export const MAP_METRICS = ['share_5g', 'share_lte', 'share_area_5g', 'white_spots_per_1000'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

export interface MetricScale {
  metric: MapMetric;
  label: LabelKey;
  /** Ascending class breaks: 4 breaks, 5 classes. */
  breaks: readonly number[];
  /** One colour per class, best class yellow (so reversed where lower is better). */
  colors: readonly string[];
  /** The index of the class whose lower break is a goal's target on this metric, or -1. */
  goalClass: number;
  /** That goal as written (`> 90 %`), for the legend: the class starts at its target, which `>` does not meet. */
  goalText(lang: Lang): string;
  value(stats: Stats): number | null;
  format(value: number | null, lang: Lang): string;
  /** One text per class for the legend. */
  classLabels(lang: Lang): string[];
}

const share = (value: number | null, lang: Lang) => formatPercent(value, lang);
// LTE shares sit near 100 %: two decimals, or 99.96 % would read as 100.0 %.
const lteShare = (value: number | null, lang: Lang) => formatPercent(value, lang, 2);
// Class breaks as short as they are exact: 50 %, 99.9 %.
const breakText = (value: number, lang: Lang) =>
  formatPercent(value, lang, Number.isInteger(Math.round(value * 1e6) / 1e4) ? 0 : 1);

/** Breaks for shares: `< 0.5`, `0.5–0.7`, …, `≥ 0.9`; 0.9 is the NRW 5G goal's break. */
export const SHARE_BREAKS = [0.5, 0.7, 0.8, 0.9] as const;
// LTE reaches nearly everyone: finer classes at the top, or every region is yellow.
const LTE_BREAKS = [0.95, 0.98, 0.99, 0.999] as const;
// The area goal is 100 %: its own class at the top.
const AREA_BREAKS = [0.2, 0.4, 0.6, 1] as const;
// Per 1,000 households; the first break separates "none", the Mobilfunkpakt's goal.
const WHITE_SPOT_BREAKS = [Number.MIN_VALUE, 0.5, 1, 5] as const;

function rangeLabels(breaks: readonly number[], text: (v: number) => string): string[] {
  return breaks
    .map((b, k) => (k === 0 ? `< ${text(b)}` : `${text(breaks[k - 1])} – < ${text(b)}`))
    .concat(`≥ ${text(breaks[breaks.length - 1])}`);
}

/** The scale of `metric`, with the break of a matching goal (its target) marked. */
export function metricScale(metric: MapMetric, goals: readonly GoalResult[] = []): MetricScale {
  const target = (goalMetric: string) => goals.find((g) => g.metric === goalMetric)?.target;
  const goalText = (goalMetric: string, format: (v: number, lang: Lang) => string) => (lang: Lang) => {
    const goal = goals.find((g) => g.metric === goalMetric);
    return goal ? `${goal.comparison} ${format(goal.target, lang)}` : '';
  };
  switch (metric) {
    case 'share_5g':
    case 'share_lte':
    case 'share_area_5g': {
      const breaks: readonly number[] =
        metric === 'share_5g' ? SHARE_BREAKS : metric === 'share_lte' ? LTE_BREAKS : AREA_BREAKS;
      const t = target(metric);
      return {
        metric,
        label: metric,
        breaks,
        colors: VIRIDIS_5,
        goalClass: t === undefined || !breaks.includes(t) ? -1 : breaks.indexOf(t) + 1,
        goalText: goalText(metric, (v, lang) => breakText(v, lang)),
        value: (s) => s[metric],
        format: metric === 'share_lte' ? lteShare : share,
        classLabels: (lang) =>
          metric === 'share_area_5g'
            ? [...rangeLabels(breaks, (v) => breakText(v, lang)).slice(0, 4), breakText(1, lang)]
            : rangeLabels(breaks, (v) => breakText(v, lang)),
      };
    }
    case 'white_spots_per_1000':
      return {
        metric,
        label: metric,
        breaks: WHITE_SPOT_BREAKS,
        colors: [...VIRIDIS_5].reverse(),
        goalClass: target('households_no_lte') === 0 ? 0 : -1,
        goalText: () => '',
        value: (s) => (s.households > 0 ? (s.households_no_lte / s.households) * 1000 : null),
        format: (v, lang) => formatNumber(v, lang, 2),
        classLabels: (lang) => {
          const n = (v: number) => formatNumber(v, lang, 1);
          return ['0', `> 0 – < ${n(0.5)}`, `${n(0.5)} – < ${n(1)}`, `${n(1)} – < ${n(5)}`, `≥ ${n(5)}`];
        },
      };
  }
}
