import { describe, expect, it } from 'vitest';
import { MAP_METRICS, metricScale } from '../../src/report/metrics.js';
import { formatNumber, formatPercent } from '../../src/report/number-format.js';
import {
  classIndex,
  contrast,
  DEAD_ZONE_COLORS,
  PAGE_COLORS,
  textOn,
  VIRIDIS_5,
} from '../../src/report/palette.js';
import { simplifyRing } from '../../src/report/simplify.js';

describe('the report’s numbers', () => {
  it('German and English grouping and decimals: 8.164.751, 78,7 %', () => {
    expect(formatNumber(8_164_751, 'de')).toBe('8.164.751');
    expect(formatNumber(8_164_751, 'en')).toBe('8,164,751');
    expect(formatPercent(0.787, 'de')).toBe('78,7\u00a0%');
    expect(formatPercent(0.787, 'en')).toBe('78.7\u00a0%');
    expect(formatNumber(1234.567, 'de', 2)).toBe('1.234,57');
    expect(formatNumber(-0.001, 'en', 1)).toBe('0.0');
    expect(formatPercent(null, 'en')).toBe('–');
  });
});

describe('the palette', () => {
  it('is viridis in five classes, the 5G goal (0.9) the top class’s break', () => {
    const scale = metricScale('share_5g', [{ metric: 'share_5g', target: 0.9 }] as never);
    expect(scale.colors).toEqual(['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725']);
    expect(scale.breaks).toEqual([0.5, 0.7, 0.8, 0.9]);
    expect(scale.goalClass).toBe(4);
    expect([0.49, 0.5, 0.69, 0.7, 0.8, 0.899, 0.9, 1].map((v) => classIndex(v, scale.breaks))).toEqual([
      0, 1, 1, 2, 3, 3, 4, 4,
    ]);
    expect(scale.classLabels('de')).toEqual([
      '< 50\u00a0%',
      '50\u00a0% – < 70\u00a0%',
      '70\u00a0% – < 80\u00a0%',
      '80\u00a0% – < 90\u00a0%',
      '≥ 90\u00a0%',
    ]);
  });

  it('every metric has 4 breaks and 5 colours; white spots put "none" (the goal) in yellow', () => {
    for (const metric of MAP_METRICS) {
      const scale = metricScale(metric);
      expect(scale.breaks).toHaveLength(4);
      expect(scale.colors).toHaveLength(5);
    }
    const spots = metricScale('white_spots_per_1000', [{ metric: 'households_no_lte', target: 0 }] as never);
    expect(classIndex(0, spots.breaks)).toBe(0);
    expect(classIndex(0.01, spots.breaks)).toBe(1);
    expect(spots.colors[0]).toBe('#fde725');
    expect(spots.goalClass).toBe(0);
  });

  it('passes WCAG AA: text 4.5:1 on the page, swatch outlines and dead zones 3:1', () => {
    expect(contrast(PAGE_COLORS.text, PAGE_COLORS.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(PAGE_COLORS.muted, PAGE_COLORS.background)).toBeGreaterThanOrEqual(4.5);
    // The badge and the map's warning: white on #b00020, #b00020 on white.
    expect(contrast('#ffffff', '#b00020')).toBeGreaterThanOrEqual(4.5);
    // Non-text contrast (1.4.11): each swatch has an outline that stands 3:1 from the page.
    expect(contrast(PAGE_COLORS.outline, PAGE_COLORS.background)).toBeGreaterThanOrEqual(3);
    for (const color of VIRIDIS_5) {
      // A label on a swatch reads at 4.5:1 in black or white.
      expect(contrast(textOn(color), color)).toBeGreaterThanOrEqual(4.5);
      // A dead zone (black, white edge) stands 3:1 from every class by its fill or its edge.
      expect(
        Math.max(contrast(DEAD_ZONE_COLORS.fill, color), contrast(DEAD_ZONE_COLORS.edge, color)),
      ).toBeGreaterThanOrEqual(3);
    }
    // Neighbouring classes differ in lightness, so they part in grey print and for colour-blind readers.
    for (let k = 1; k < VIRIDIS_5.length; k++)
      expect(contrast(VIRIDIS_5[k - 1], VIRIDIS_5[k])).toBeGreaterThan(1.3);
  });
});

describe('display simplification', () => {
  it('keeps no vertex farther than the tolerance from the kept ring, and the ring closed', () => {
    // A 1 km square with a 30 m bump and a 300 m spike on its top edge.
    const ring = new Float64Array([
      0, 0, 1000, 0, 1000, 1000, 700, 1000, 650, 1030, 600, 1000, 300, 1000, 250, 1300, 200, 1000, 0, 1000, 0,
      0,
    ]);
    const kept = simplifyRing(ring, 100);
    const points = Array.from({ length: kept.length / 2 }, (_, k) => [kept[2 * k], kept[2 * k + 1]]);
    expect(points).toContainEqual([250, 1300]);
    expect(points).not.toContainEqual([650, 1030]);
    expect(points[0]).toEqual(points.at(-1));
    expect(simplifyRing(new Float64Array([0, 0, 1, 0, 1, 1, 0, 0]), 100)).toHaveLength(8);
  });
});
