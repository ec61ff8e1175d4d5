import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tileRects } from '../../src/analysis/coverage-tiles.js';
import type { Task, TileSource } from '../../src/parallel/messages.js';
import { createTaskRunner, type TaskRunner } from '../../src/parallel/pool.js';
import { shareTiles } from '../../src/parallel/shared-tiles.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { HAND, tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';

describe('worker threads', () => {
  it('give identical results for 0 (main thread), 1 and 4 workers', async () => {
    const paths = writeScenario(randomScenario(7, 400, 20_000), tempDir());
    const run = async (workers: number) => {
      const result = await analyze({ ...paths, coverage: [paths.coverage], workers });
      const { generated_at: _, ...summary } = result.summary;
      return { summary, deadZones: result.deadZones };
    };
    const [zero, one, four] = [await run(0), await run(1), await run(4)];
    expect(one).toEqual(zero);
    expect(four).toEqual(zero);
    expect(zero.summary.totals.households).toBeGreaterThan(0);
    expect(zero.deadZones.length).toBeGreaterThan(0);
  });

  it('report a coverage error before a regions or households error, for any worker count', async () => {
    const bad = new URL('../fixtures/bad/', import.meta.url).pathname;
    for (const workers of [0, 1]) {
      const run = analyze({
        households: `${bad}csv-missing-columns.csv`,
        coverage: [`${bad}missing-operator.geojson`],
        regions: `${bad}empty-regions.geojson`,
        workers,
      });
      await expect(run).rejects.toThrow(/missing-operator\.geojson/);
      // Without the coverage error, the regions error comes first, then the households'.
      await expect(
        analyze({
          households: `${bad}csv-missing-columns.csv`,
          coverage: [`${HAND}coverage.geojson`],
          regions: `${bad}empty-regions.geojson`,
          workers,
        }),
      ).rejects.toThrow(/empty-regions\.geojson/);
    }
  });

  it('carry an InputError from the data back as an InputError', async () => {
    await expect(
      analyze({
        households: '/nope.csv',
        coverage: ['/nope-coverage.geojson'],
        regions: '/nope.geojson',
        workers: 2,
      }),
    ).rejects.toThrow(/file not found/);
  });
});

describe('the coverage list given to analyze()', () => {
  it('refuses an empty list, and takes a single path given as a string as one file', async () => {
    const paths = writeScenario(randomScenario(3, 50, 2_000), tempDir());
    await expect(analyze({ ...paths, coverage: [], workers: 0 })).rejects.toThrow(/no coverage file given/);
    const one = await analyze({ ...paths, coverage: paths.coverage as unknown as string[], workers: 0 });
    const list = await analyze({ ...paths, coverage: [paths.coverage], workers: 0 });
    expect(one.summary.totals).toEqual(list.summary.totals);
  });
});

describe('a dying worker', () => {
  it('fails the run with a clear message instead of hanging', async () => {
    const dying = new URL('../fixtures/workers/dying-worker.mjs', import.meta.url).pathname;
    const runner = createTaskRunner(2, dying);
    const started = Date.now();
    try {
      const task = { kind: 'classify', context: {}, start: 0, end: 10 } as unknown as Task;
      await expect(runner.run(task)).rejects.toThrow(/^a worker thread failed: /);
    } finally {
      await runner.close();
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('a failing worker task', () => {
  it('fails the run with its message instead of hanging', async () => {
    const runner = createTaskRunner(2);
    try {
      // A context without columns: the task throws inside the worker thread.
      const task = { kind: 'classify', context: {}, start: 0, end: 10 } as unknown as Task;
      await expect(runner.run(task)).rejects.toThrow(/Cannot read properties of undefined/);
    } finally {
      await runner.close();
    }
  });
});

describe('an idle pool', () => {
  it('does not keep the process alive when nobody closes it', () => {
    // A library user who forgets close(): the process still ends once its tasks are done.
    const script = [
      "import { createTaskRunner } from './src/parallel/pool.js';",
      'const runner = createTaskRunner(1);',
      'const set = { polygonCount: 0, ringStart: new Uint32Array(1), ringOffset: new Uint32Array(1), coords: new Float64Array(0), owner: new Uint32Array(0), bbox: new Float64Array(0) };',
      "const result = await runner.run({ kind: 'index', set, cellsAcross: 4, groups: [] });",
      'console.log(result.kind);',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('index');
    expect(run.status).toBe(0);
  });
});

describe('closing the pool', () => {
  it('fails the tasks still pending, and any run after it, instead of leaving them unsettled', async () => {
    const runner = createTaskRunner(1);
    const set = {
      polygonCount: 0,
      ringStart: new Uint32Array(1),
      ringOffset: new Uint32Array(1),
      coords: new Float64Array(0),
      owner: new Uint32Array(0),
      bbox: new Float64Array(0),
    };
    const task = { kind: 'index', set, cellsAcross: 4, groups: [] } as unknown as Task;
    const pending = expect(runner.run(task)).rejects.toThrow(/closed/);
    await runner.close();
    await pending;
    await expect(runner.run(task)).rejects.toThrow(/closed/);
  });

  it('fails a task that cannot be copied to a thread, and leaves nothing pending', async () => {
    const runner = createTaskRunner(1);
    try {
      const task = { kind: 'classify', context: { f: () => 0 }, start: 0, end: 1 } as unknown as Task;
      await expect(runner.run(task)).rejects.toThrow(/could not be cloned/);
    } finally {
      await runner.close();
    }
  });
});

describe('the main thread runner, closed', () => {
  it('fails its queued tasks instead of running them', async () => {
    const here = createTaskRunner(0);
    const task = { kind: 'classify', context: {}, start: 0, end: 10 } as unknown as Task;
    const queued = expect(here.run(task)).rejects.toThrow(/closed/);
    await here.close();
    await queued;
  });
});

describe('tile unions shared out by a counter', () => {
  it('stop handing out tiles once a task failed, so no thread goes on with them', async () => {
    // A region 1° square: 16 tiles of 0.25°.
    const tiles = tileRects(7, 51, 8, 52);
    let calls = 0;
    const failing: TaskRunner = {
      run: () => Promise.reject(new Error('boom')),
      close: async () => {},
    };
    const counting: TaskRunner = {
      run: () => {
        calls++;
        return Promise.resolve({ kind: 'tiles', tiles: [], results: [] }) as never;
      },
      close: async () => {},
    };
    const job = shareTiles(failing, counting, {} as TileSource, tiles, () => {});
    await expect(job.done).rejects.toThrow('boom');
    await job.helpHere();
    expect(calls).toBe(0);
  });
});
