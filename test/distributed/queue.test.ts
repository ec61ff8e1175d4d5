import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeOnQueue } from '../../src/distributed/coordinator.js';
import { QUEUE_NAME } from '../../src/distributed/queue-connection.js';
import { startQueueWorker } from '../../src/distributed/worker.js';
import { InputError, UNREADABLE_FILE } from '../../src/errors.js';
import { analyze } from '../../src/pipeline/analyze.js';
import type { AnalysisResult } from '../../src/pipeline/result.js';
import { outcome, spawnCli } from '../cli/run-cli.js';
import { DATA, HAND, tempDir } from '../helpers.js';
import { randomScenario, writeScenario } from '../random-scenario.js';
import { findRedis, type RedisServer, startRedis } from './redis-server.js';

const REDIS = findRedis();
if (!REDIS) console.warn('funkatlas tests: redis-server not found, skipping the queue (BullMQ) tests');

/** The embedded NRW scenario as `npm start` runs it: three snapshots, Funkloch cells, dead zones followed. */
const nrwArgs = (out: string, ...extra: string[]) => [
  'analyze',
  '--households',
  `${DATA}households.csv.gz`,
  ...[
    '2023-06-30=coverage-synthetic-2023-06-30',
    '2023-12-31=coverage-synthetic',
    '2024-06-30=coverage-synthetic-2024-06-30',
  ]
    .map((c) => c.replace('=', `=${DATA}`))
    .flatMap((c) => ['--coverage', `${c}.geojson.gz`]),
  '--regions',
  `${DATA}kreise.geojson`,
  ...['--region-id', 'AGS', '--region-name', 'GN', '--funkloch-cells', '100', '--workers', '1'],
  '--out',
  out,
  ...extra,
];

const handArgs = (out: string, households: string, ...extra: string[]) => [
  'analyze',
  ...['--households', households, '--coverage', `${HAND}coverage.geojson`],
  ...['--regions', `${HAND}regions.geojson`, '--out', out, '--quiet', '--workers', '1'],
  ...extra,
];

/** A worker process and what it has said so far. */
interface Worker {
  child: ChildProcess;
  log: () => string;
}

const started: ChildProcess[] = [];

async function startWorker(url: string): Promise<Worker> {
  const child = spawnCli(['worker', '--queue', url, '--workers', '1', '--lock-seconds', '3']);
  started.push(child);
  let log = '';
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  await until(() => log.includes('waiting for jobs'), 20_000);
  return { child, log: () => log };
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every output of `dir`, the run's time stamp blanked (it is in summary.json and report.html); no manifest (it hashes them). */
function outputs(dir: string): Record<string, string> {
  const stamp = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).generated_at as string;
  const files = readdirSync(dir).filter((f) => f !== 'manifest.json' && !f.startsWith('.'));
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8').replaceAll(stamp, 'T')]));
}

describe.skipIf(!REDIS)('the analysis as jobs on Redis (BullMQ)', () => {
  let redis: RedisServer;
  let single: Record<string, string>;

  beforeAll(async () => {
    redis = await startRedis(REDIS as string);
    const out = tempDir();
    const run = await outcome(spawnCli(nrwArgs(out, '--quiet')));
    expect(run.code, run.stderr).toBe(0);
    single = outputs(out);
  }, 120_000);

  afterEach(() => {
    for (const child of started.splice(0)) child.kill('SIGKILL');
  });
  afterAll(() => redis?.stop());

  it('gives a single-process run’s outputs, byte for byte, from a coordinator and three workers', async () => {
    const workers = await Promise.all([1, 2, 3].map(() => startWorker(redis.url)));
    const out = tempDir();
    const run = await outcome(spawnCli(nrwArgs(out, '--queue', redis.url, '--job-regions', '18')));
    expect(run.code, run.stderr).toBe(0);
    // The households gunzipped beside the three snapshots' coverage; then one byte range (4.8 MB)
    // beside three culling stripes per coverage; then three shares.
    expect(run.stderr).toMatch(/jobs: 17\/17 done/);
    expect(run.stderr).not.toMatch(/read again/);
    expect(outputs(out)).toEqual(single);
    expect(existsSync(join(out, '.funkatlas-jobs'))).toBe(false);
    // The jobs went to the three workers, or some to fewer: each was done once.
    const done = workers.map((w) => (w.log().match(/: done in/g) ?? []).length);
    expect(done.reduce((a, b) => a + b, 0)).toBe(17);
  }, 180_000);

  it('survives a worker killed with SIGKILL mid-job: its job goes to another, the outputs are the same', async () => {
    const workers = await Promise.all([1, 2, 3].map(() => startWorker(redis.url)));
    const out = tempDir();
    const coordinator = spawnCli(nrwArgs(out, '--queue', redis.url, '--job-regions', '18'));
    const running = outcome(coordinator);
    await until(() => workers[0].log().includes(': started'), 60_000);
    workers[0].child.kill('SIGKILL');
    const run = await running;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/its worker stopped; retried/);
    const retried = workers.slice(1).map((w) => w.log());
    expect(retried.join('')).toMatch(/started \(attempt 2\)/);
    expect(outputs(out)).toEqual(single);
  }, 180_000);

  it('fails at once with the one-line error when a job meets bad input, unretried', async () => {
    const workers = await Promise.all([1, 2].map(() => startWorker(redis.url)));
    const out = tempDir();
    const bad = new URL('../fixtures/bad/households-negative.geojson', import.meta.url).pathname;
    const run = await outcome(spawnCli(handArgs(out, bad, '--queue', redis.url, '--job-regions', '1')));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^funkatlas: .*households-negative\.geojson.*households/);
    const logs = workers.map((w) => w.log()).join('');
    expect(logs).toMatch(/not retried/);
    expect(logs).not.toMatch(/attempt 2/);
  }, 60_000);

  it('merges exactly for any job size: the hand-built scenario in one, two and three jobs', async () => {
    await Promise.all([1, 2].map(() => startWorker(redis.url)));
    const reference = tempDir();
    expect((await outcome(spawnCli(handArgs(reference, `${HAND}households.geojson`)))).code).toBe(0);
    for (const size of ['1', '2', '3']) {
      const out = tempDir();
      const run = await outcome(
        spawnCli(handArgs(out, `${HAND}households.geojson`, '--queue', redis.url, '--job-regions', size)),
      );
      expect(run.code, run.stderr).toBe(0);
      expect(outputs(out)).toEqual(outputs(reference));
    }
  }, 120_000);

  it('merges exactly where regions overlap and points lie on shared edges (first region in file order)', async () => {
    await Promise.all([1, 2].map(() => startWorker(redis.url)));
    const paths = writeScenario(randomScenario(3), tempDir());
    const args = (out: string, ...extra: string[]) => [
      'analyze',
      ...['--households', paths.households, '--coverage', paths.coverage, '--regions', paths.regions],
      ...['--out', out, '--workers', '1', '--funkloch-cells', '500', ...extra],
    ];
    const reference = tempDir();
    expect((await outcome(spawnCli(args(reference, '--quiet')))).code).toBe(0);
    for (const size of ['1', '4']) {
      const out = tempDir();
      const run = await outcome(spawnCli(args(out, '--queue', redis.url, '--job-regions', size)));
      expect(run.code, run.stderr).toBe(0);
      expect(outputs(out)).toEqual(outputs(reference));
    }
  }, 120_000);

  it('reads a CSV household file in byte ranges beside the coverage, with a single run’s outputs', async () => {
    await Promise.all([1, 2].map(() => startWorker(redis.url)));
    const dir = tempDir();
    const households = join(dir, 'households.csv');
    writeFileSync(households, gunzipSync(readFileSync(`${DATA}households.csv.gz`)));
    const args = (out: string, ...extra: string[]) => [
      'analyze',
      ...['--households', households, '--regions', `${DATA}kreise.geojson`, '--region-id', 'AGS'],
      ...['2023-06-30', '2024-06-30'].flatMap((d) => [
        '--coverage',
        `${d}=${DATA}coverage-synthetic-${d}.geojson.gz`,
      ]),
      ...['--out', out, '--workers', '1', '--funkloch-cells', '100', ...extra],
    ];
    const reference = tempDir();
    expect((await outcome(spawnCli(args(reference, '--quiet')))).code).toBe(0);
    const out = tempDir();
    const run = await outcome(
      spawnCli(args(out, '--queue', redis.url, '--job-regions', '10', '--job-mb', '1')),
    );
    expect(run.code, run.stderr).toBe(0);
    // Two coverage jobs and five of the households' 4.8 MB beside them, six culling stripes per
    // coverage, then six shares.
    expect(run.stderr).toMatch(/jobs: 25\/25 done/);
    expect(run.stderr).not.toMatch(/read again/);
    expect(outputs(out)).toEqual(outputs(reference));
  }, 120_000);

  it('reads CSV byte ranges where regions overlap and Funkloch cells cross regions, any share size', async () => {
    await Promise.all([1, 2].map(() => startWorker(redis.url)));
    const dir = tempDir();
    const scenario = randomScenario(3);
    const paths = writeScenario(scenario, dir);
    const households = join(dir, 'households.csv');
    writeFileSync(households, `lon,lat,households\n${scenario.points.map((p) => p.join(',')).join('\n')}\n`);
    const args = (out: string, ...extra: string[]) => [
      'analyze',
      ...['--households', households, '--coverage', paths.coverage, '--regions', paths.regions],
      ...['--out', out, '--workers', '1', '--funkloch-cells', '500', ...extra],
    ];
    const reference = tempDir();
    expect((await outcome(spawnCli(args(reference, '--quiet')))).code).toBe(0);
    for (const size of ['1', '4']) {
      const out = tempDir();
      const run = await outcome(
        spawnCli(args(out, '--queue', redis.url, '--job-regions', size, '--job-mb', '0.01')),
      );
      expect(run.code, run.stderr).toBe(0);
      // Through the reading jobs, not the stage.
      expect(run.stderr).not.toMatch(/read again/);
      expect(outputs(out)).toEqual(outputs(reference));
    }
    // The library's result too, where the cells outside every region (in no output file) are counted.
    const options = {
      households,
      coverage: [paths.coverage],
      regions: paths.regions,
      funklochCells: { cellSize: 500 },
      workers: 1,
    };
    const single = await analyze(options);
    const queued = await analyzeOnQueue(options, {
      url: redis.url,
      dir: join(tempDir(), 'jobs'),
      cwd: process.cwd(),
      jobRegions: 2,
      rangeBytes: 10_000,
    });
    const cells = (result: AnalysisResult) => result.snapshots.map((s) => s.funklochCells?.outside);
    expect(cells(single)[0]?.inhabited_cells).toBeGreaterThan(0);
    expect(cells(queued)).toEqual(cells(single));
  }, 120_000);

  it('reads the households whole again for a quoted field or bad input: a single run’s outputs or error', async () => {
    await Promise.all([1, 2].map(() => startWorker(redis.url)));
    const dir = tempDir();
    const paths = writeScenario(randomScenario(5), dir);
    const rows = randomScenario(5).points.map(([x, y, w]) => `${x},${y},${w}`);
    const csv = (name: string, lines: string[]) => {
      writeFileSync(join(dir, name), `lon,lat,households\n${lines.join('\n')}\n`);
      return join(dir, name);
    };
    const gzipped = (from: string, name: string, keep = 1) => {
      const bytes = gzipSync(readFileSync(join(dir, from)));
      writeFileSync(join(dir, name), bytes.subarray(0, Math.floor(bytes.length * keep)));
      return join(dir, name);
    };
    const cases = [
      { file: csv('good.csv', rows), extra: [], rangesRead: true },
      {
        file: csv(
          'skip.csv',
          rows.map((r, k) => (k % 500 === 7 ? '7.1,x,3' : r)),
        ),
        extra: ['--invalid', 'skip'],
        rangesRead: true,
      },
      {
        file: csv(
          'quoted.csv',
          rows.map((r, k) => (k === 3000 ? `${r.split(',')[0]},"${r.split(',')[1]}",1` : r)),
        ),
        extra: [],
        rangesRead: false,
      },
      {
        file: csv(
          'bad.csv',
          rows.map((r, k) => (k === 3500 ? '7.1,x,3' : r)),
        ),
        extra: [],
        rangesRead: false,
      },
      {
        file: csv(
          'swapped.csv',
          rows.map((r) => r.split(',').slice(0, 2).reverse().join(',')),
        ),
        extra: [],
        rangesRead: true,
      },
      // Each byte range's households stay below 2^53, all of them do not: the single run's line.
      { file: csv('total.csv', new Array(2_097_154).fill('7,51,4294967295')), extra: [], rangesRead: false },
      // Gzipped: gunzipped by a job first, then cut; cut short, the stage names the broken file.
      { file: gzipped('good.csv', 'good.csv.gz'), extra: [], rangesRead: true },
      { file: gzipped('good.csv', 'short.csv.gz', 0.5), extra: [], rangesRead: false },
    ];
    for (const { file, extra, rangesRead } of cases) {
      const args = (out: string, ...more: string[]) => [
        'analyze',
        ...['--households', file, '--coverage', paths.coverage, '--regions', paths.regions],
        ...['--out', out, '--workers', '1', ...extra, ...more],
      ];
      const reference = tempDir();
      const single = await outcome(spawnCli(args(reference, '--quiet')));
      const out = tempDir();
      const run = await outcome(
        spawnCli(args(out, '--queue', redis.url, '--job-regions', '3', '--job-mb', '0.01')),
      );
      expect(run.code, file).toBe(single.code);
      if (single.code !== 0) {
        expect(run.stderr.trim().split('\n').at(-1)).toBe(single.stderr.trim());
        continue;
      }
      expect(run.stderr.includes('read again'), file).toBe(!rangesRead);
      expect(outputs(out)).toEqual(outputs(reference));
    }
  }, 180_000);

  it('runs a scenario file’s analyses as jobs too (run --queue): two snapshots, a region filter', async () => {
    await Promise.all([1, 2].map(() => startWorker(redis.url)));
    const dir = tempDir();
    const snapshots = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
    const analysis = (out: string) => ({
      households: `${HAND}households.geojson`,
      regions: `${HAND}regions.geojson`,
      snapshots: [2023, 2024].map((y) => ({
        date: `${y}-12-31`,
        coverage: `${snapshots}coverage-${y}q4.geojson`,
      })),
      regions_filter: ['R1', 'R3'],
      out: join(dir, out),
      workers: 1,
    });
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ analyses: [analysis('one')] }));
    writeFileSync(join(dir, 'queued.json'), JSON.stringify({ analyses: [analysis('queued')] }));
    expect((await outcome(spawnCli(['run', join(dir, 'scenario.json'), '--quiet']))).code).toBe(0);
    const run = await outcome(spawnCli(['run', join(dir, 'queued.json'), '--quiet', '--queue', redis.url]));
    expect(run.code, run.stderr).toBe(0);
    expect(outputs(join(dir, 'queued'))).toEqual(outputs(join(dir, 'one')));
  }, 60_000);

  it('waits for a worker, and when interrupted leaves no jobs folder in the output folder', async () => {
    const out = tempDir();
    const child = spawnCli(
      handArgs(out, `${HAND}households.geojson`, '--queue', redis.url).filter((a) => a !== '--quiet'),
    );
    const running = outcome(child);
    let said = '';
    child.stderr?.on('data', (chunk) => {
      said += chunk;
    });
    await until(() => said.includes('jobs: 0/1 done'), 20_000);
    expect(existsSync(join(out, '.funkatlas-jobs'))).toBe(true);
    child.kill('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it('retries elsewhere a job whose input this worker cannot read (a machine not sharing the folder)', async () => {
    // Another Redis database: no worker process of the other tests takes this job.
    const url = `${redis.url.replace(/\/\d+$/, '')}/5`;
    const dir = tempDir();
    const lines: string[] = [];
    let tries = 0;
    const worker = await startQueueWorker(
      { url, lockMs: 3000 },
      {
        run: async (spec) => {
          if (spec.label === 'never')
            throw new InputError('file not found', { file: 'h.csv', code: UNREADABLE_FILE });
          tries++;
          if (tries === 1) throw new InputError('file not found', { file: 'h.csv', code: UNREADABLE_FILE });
          return { key: 'k', seconds: 0 };
        },
        log: (line) => lines.push(line),
      },
    );
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      const spec = {
        kind: 'whole',
        run: 'r',
        index: 0,
        of: 1,
        regions: [],
        label: 'x',
        options: {},
        cwd: dir,
        dir,
      };
      const job = await queue.add('whole', spec, { attempts: 3 });
      await until(() => tries >= 2 && lines.some((l) => l.includes('done in')), 20_000);
      // BullMQ counts the attempt once the job is completed, just after the processor returns.
      for (let k = 0; k < 100 && (await job.getState()) !== 'completed'; k++)
        await new Promise((r) => setTimeout(r, 50));
      expect(lines.join('\n')).toMatch(/on .+: h\.csv: file not found .*mounted at the same path.*; retried/);
      // Two attempts: the failed one and the one that did it.
      expect((await queue.getJob(job.id as string))?.attemptsMade).toBe(2);
      // No machine can read it: the last try fails the run with the input's one line, naming the host.
      const never = await queue.add('whole', { ...spec, label: 'never' }, { attempts: 2 });
      for (let k = 0; k < 100 && (await never.getState()) !== 'failed'; k++)
        await new Promise((r) => setTimeout(r, 50));
      const failed = await queue.getJob(never.id as string);
      expect(failed?.failedReason).toMatch(/^input error: on .+: h\.csv: file not found$/);
      expect(failed?.attemptsMade).toBe(2);
    } finally {
      await worker.close();
      await queue.close();
      connection.disconnect();
    }
  }, 60_000);

  it('fails with a one-line error within 10 s when Redis stops mid-run', async () => {
    const own = await startRedis(REDIS as string);
    try {
      const worker = await startWorker(own.url);
      const out = tempDir();
      const running = outcome(spawnCli(nrwArgs(out, '--queue', own.url, '--quiet')));
      await until(() => worker.log().includes(': started'), 60_000);
      const stopped = Date.now();
      own.kill();
      const run = await running;
      expect(Date.now() - stopped).toBeLessThan(10_000);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^funkatlas: lost the queue at redis:\/\/127\.0\.0\.1:\d+\/0 \(/);
      expect(existsSync(join(out, 'summary.json'))).toBe(false);
    } finally {
      own.stop();
    }
  }, 120_000);
});
