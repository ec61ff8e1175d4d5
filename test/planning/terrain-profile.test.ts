import { describe, expect, it } from 'vitest';
import { bullingtonLoss } from '../../src/planning/terrain.js';
import { ProfileDiffraction } from '../../src/planning/terrain-profile.js';

/** Seeded uniform numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('ProfileDiffraction', () => {
  it('equals bullingtonLoss of the profile so far at every receiver position (differential)', () => {
    const seen = { none: 0, lineOfSight: 0, beyond: 0 };
    for (const [seed, kind] of [
      [1, 'hills'],
      [2, 'flat'],
      [3, 'ridge'],
      [4, 'valley'],
      [5, 'hills'],
    ] as const) {
      const rnd = random(seed);
      const n = 300;
      const step = 0.05;
      const d = Float64Array.from({ length: n }, (_, i) => i * step);
      const h = Float64Array.from(d, (x) =>
        kind === 'flat'
          ? 100
          : kind === 'ridge'
            ? 100 + (Math.abs(x - 4) < 0.1 ? 80 : 0) + 5 * rnd()
            : kind === 'valley'
              ? 100 + 8 * (x - 7.5) ** 2 * 0.1 + 3 * rnd()
              : 100 + 40 * Math.sin(x * 1.3 + seed) + 15 * Math.sin(x * 4.1) + 5 * rnd(),
      );
      const tx = h[0] + 20 + 20 * rnd();
      const f = [800, 1800, 3600][seed % 3];
      const engine = new ProfileDiffraction(n, f);
      engine.reset(tx);
      for (let j = 1; j < n; j++) {
        const rx = h[j] + 1.5;
        const expected = bullingtonLoss(d.subarray(0, j + 1), h.subarray(0, j + 1), tx, rx, f);
        expect(engine.loss(d[j], rx), `${kind} seed ${seed} at ${j}`).toBeCloseTo(expected, 8);
        // 0: clear; below 10 dB: a line-of-sight path grazing the ground; above: past the Bullington point.
        seen[expected === 0 ? 'none' : expected < 10 ? 'lineOfSight' : 'beyond']++;
        engine.push(d[j], h[j]);
      }
    }
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(50);
  });
});
