import { describe, expect, it } from 'vitest';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';
import type { Task } from '../../src/parallel/messages.js';
import { createScheduler } from '../../src/parallel/scheduler.js';

const empty = new PolygonSetBuilder().finish();
const index: Task = { kind: 'index', set: empty, cellsAcross: 4, groups: [] };

describe('the scheduler', () => {
  it.each([0, 1])('runs tasks on the pool, helped, and here alike (%i workers)', async (workers) => {
    const scheduler = createScheduler(workers);
    try {
      const results = await Promise.all([
        scheduler.onPool(index),
        scheduler.helpingHere(index),
        scheduler.here(index),
      ]);
      expect(results.map((r) => r.kind)).toEqual(['index', 'index', 'index']);
    } finally {
      await scheduler.close();
    }
  });

  it('fails every task after close(), wherever it was to run', async () => {
    const scheduler = createScheduler(1);
    await scheduler.close();
    for (const run of [scheduler.onPool, scheduler.helpingHere, scheduler.here])
      await expect(run(index)).rejects.toThrow(/closed/);
  });
});
