import { describe, expect, it } from 'vitest';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';
import type { Task } from '../../src/parallel/messages.js';
import { createTaskRunner, keepPools } from '../../src/parallel/pool.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

// Its own file: keepPools holds for the rest of the thread's life.
describe('pools kept between runs (a queue worker’s job thread)', () => {
  it('hand the next run the threads a closed one left, and runs give the same results', async () => {
    const set = new PolygonSetBuilder().finish();
    const task: Task = { kind: 'index', set, cellsAcross: 4, groups: [] };
    const paths = writeScenario(randomScenario(3, 300, 5000), tempDir());
    const run = async () => {
      const { generated_at: _, ...summary } = (
        await analyze({ ...paths, coverage: [paths.coverage], workers: 2 })
      ).summary;
      return summary;
    };
    const fresh = await run();
    keepPools();
    const first = createTaskRunner(2);
    await first.run(task);
    await first.close();
    await expect(first.run(task)).rejects.toThrow(/closed/);
    const second = createTaskRunner(2);
    // The same threads: the time they were busy carries over.
    expect(Math.max(...(second.busyMs?.() ?? [0]))).toBeGreaterThan(0);
    await second.run(task);
    await second.close();
    expect(await run()).toEqual(fresh);
    expect(await run()).toEqual(fresh);
  }, 60_000);
});
