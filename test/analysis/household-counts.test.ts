import { describe, expect, it } from 'vitest';
import {
  addCounts,
  COL_HOUSEHOLDS,
  COL_NO_LTE,
  COL_POINTS,
  COL_SINGLE_LTE,
  countLayout,
  countRange,
  emptyCounts,
  layerColumn,
  technologyColumn,
} from '../../src/analysis/household-counts.js';
import type { Layer } from '../../src/model/coverage.js';
import { allocateHouseholds } from '../../src/model/households.js';

/** Operators A, B, … each with lte and 5g, plus one 3g layer: `operators` × 2 + 1 layers. */
function layersOf(operators: number): Layer[] {
  const layers: Layer[] = [{ operator: 'Z', technology: '3g' }];
  for (let o = 0; o < operators; o++) {
    const operator = String.fromCharCode(65 + o);
    layers.push({ operator, technology: 'lte' }, { operator, technology: '5g' });
  }
  return layers;
}

/** Seeded points over 3 regions and outside, with random layer masks and weights. */
function classified(count: number, layerCount: number) {
  let seed = 11;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const households = allocateHouseholds(count);
  const mask = new Uint32Array(count);
  const region = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    households.weight[i] = next(5) === 0 ? 2 ** 32 - 1 : next(40);
    mask[i] = next(2 ** layerCount);
    region[i] = next(4) - 1;
  }
  return { households, classification: { mask, region } };
}

describe('countRange', () => {
  it.each([
    ['tallied per (region, mask)', 3, 5000],
    ['point by point (more layers than the tally takes)', 5, 5000],
    ['point by point (more slots than points)', 3, 400],
  ])('adds the columns by their definitions: %s', (_, operators, count) => {
    const layers = layersOf(operators);
    const layout = countLayout(layers, 3);
    const { households, classification } = classified(count, layers.length);
    const counts = emptyCounts(layout);
    countRange(layout, layers, households, classification, counts, 0, count);

    const expected = emptyCounts(layout);
    for (let i = 0; i < count; i++) {
      const r = classification.region[i];
      const w = households.weight[i];
      const row = (r < 0 ? 3 : r) * layout.stride;
      expected[row + COL_POINTS] += 1;
      expected[row + COL_HOUSEHOLDS] += w;
      if (r < 0) continue;
      const m = classification.mask[i];
      const lte = layers.filter((l, k) => l.technology === 'lte' && (m & (1 << k)) !== 0).length;
      if (lte === 0) expected[row + COL_NO_LTE] += w;
      if (lte === 1) expected[row + COL_SINGLE_LTE] += w;
      layout.technologies.forEach((t, k) => {
        if (layers.some((l, j) => l.technology === t && (m & (1 << j)) !== 0))
          expected[row + technologyColumn(k)] += w;
      });
      layers.forEach((_, j) => {
        if ((m & (1 << j)) !== 0) expected[row + layerColumn(layout, j)] += w;
      });
    }
    expect(counts).toEqual(expected);

    // Any split of the points adds up to the same counts.
    const split = emptyCounts(layout);
    for (const [start, end] of [
      [0, 123],
      [123, 124],
      [124, count],
    ]) {
      const part = emptyCounts(layout);
      countRange(layout, layers, households, classification, part, start, end);
      addCounts(split, part);
    }
    expect(split).toEqual(counts);
  });
});
