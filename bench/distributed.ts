/**
 * npm run bench -- --distributed [--only L|M] [--runs N]: the run on a Redis queue (BullMQ) against the
 * single-process run of the same scenario (default L), on this machine: 1, 2 and 4 worker processes
 * (the default split: one share per worker, after the reading jobs), then one worker taking a run
 * of about 64 shares job by job, whose times schedule clusters of 8 to 64 workers on paper. Needs redis-server and a built CLI (npm run build).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileDigest } from '../src/io/files/source.js';
import { findRedis, startRedis } from '../test/distributed/redis-server.js';
import { benchScenarios, type Scenario } from './scenarios.js';
import { simulatedCluster } from './simulate-cluster.js';

interface Settings {
  root: string;
  cache: string;
  only?: string[];
  runs: number;
}

/** A finished CLI process: its wall time and what it said on stderr. */
interface Ran {
  ms: number;
  stderr: string;
}

export async function distributedBench({ root, cache, only, runs }: Settings): Promise<void> {
  const main = join(root, 'dist/cli/main.js');
  if (!existsSync(main)) throw new Error('no dist/cli/main.js: run npm run build first');
  const redisServer = findRedis();
  if (!redisServer) throw new Error('redis-server not found (Debian: apt-get install redis-server)');
  const [scenario] = benchScenarios(root, cache, only ?? ['L'], true).filter((s) => s.name !== 'S');
  const redis = await startRedis(redisServer);
  const out = mkdtempSync(join(tmpdir(), 'funkatlas-bench-queue-'));
  const cli = (args: string[]) => run(process.execPath, [main, ...args]);
  const analyze = (...extra: string[]) => cli([...scenarioArgs(scenario, join(out, 'o')), ...extra]);
  try {
    console.error(`distributed bench on ${scenario.name}, ${runs} run(s) each, interleaved`);
    const times: Record<string, number[]> = { single: [], 1: [], 2: [], 4: [] };
    for (let k = 0; k < runs; k++) {
      times.single.push((await analyze()).ms);
      for (const n of [1, 2, 4]) {
        const workers = await startWorkers(main, redis.url, n);
        times[n].push((await analyze('--queue', redis.url)).ms);
        stop(workers);
      }
    }
    const single = Math.min(...times.single);
    console.log(`\n${scenario.name}: wall time, min of ${runs}`);
    console.log(`  single process             ${(single / 1000).toFixed(1)} s`);
    for (const n of [1, 2, 4]) {
      const ms = Math.min(...times[n]);
      const over = ((ms / single - 1) * 100).toFixed(0);
      console.log(
        `  queue, ${n} worker process${n > 1 ? 'es' : '  '}  ${(ms / 1000).toFixed(1)} s  (${over} % over single)`,
      );
    }
    // A cluster on paper: a run cut into 64 shares, its jobs timed one by one on one worker.
    const ids = regionIds(scenario);
    const workers = await startWorkers(main, redis.url, 1);
    // A run of one region first, unmeasured: the worker's first jobs pay its cold start.
    await analyze('--queue', redis.url, '--region', ids[0]);
    const before = workers[0].log.length;
    const timed = await analyze('--queue', redis.url, '--job-regions', String(Math.ceil(ids.length / 64)));
    stop(workers);
    const done = [
      ...workers[0].log.slice(before).matchAll(/job (\d+) of (\d+) \((.+?)\): done in ([\d.]+) s/g),
    ]
      .sort((a, b) => Number(a[1]) - Number(b[1]))
      .map((m) => ({ label: m[3], seconds: Number(m[4]) }));
    const culling = (label: string) => / indexed, part /.test(label);
    const reading = (label: string) => !culling(label) && /^(coverage|households, part)/.test(label);
    const phase = (name: string, test: (label: string) => boolean) => ({
      name,
      seconds: done.filter((d) => test(d.label)).map((d) => d.seconds),
    });
    const digestStarted = performance.now();
    await fileDigest(scenario.households);
    console.log(
      simulatedCluster({
        singleMs: single,
        coordinatorLog: timed.stderr,
        coordinatorMs: timed.ms,
        phases: [
          phase('reading jobs', reading),
          phase('culling jobs', culling),
          phase('shares', (label) => !reading(label) && !culling(label)),
        ],
        digestSeconds: (performance.now() - digestStarted) / 1000,
        workers: [8, 16, 32, 64],
      }),
    );
  } finally {
    redis.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

function scenarioArgs(s: Scenario, out: string): string[] {
  return [
    'analyze',
    ...['--households', s.households, ...s.coverage.flatMap((c) => ['--coverage', c])],
    ...['--regions', s.regions, '--region-id', s.regionId, '--region-name', s.regionName],
    ...['--out', out, '--force', '--no-report'],
  ];
}

/** The scenario's region ids, in file order. */
function regionIds(s: Scenario): string[] {
  const { features } = JSON.parse(readFileSync(s.regions, 'utf8')) as {
    features: { properties: Record<string, string> }[];
  };
  return features.map((f) => f.properties[s.regionId]);
}

interface WorkerProcess {
  child: ChildProcess;
  log: string;
}

/** `n` workers, once each is connected (the coordinator splits the run among those it sees). */
async function startWorkers(main: string, url: string, n: number): Promise<WorkerProcess[]> {
  const workers = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, [main, 'worker', '--queue', url], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const worker = { child, log: '' };
    child.stderr?.on('data', (chunk) => {
      worker.log += chunk;
    });
    return worker;
  });
  while (!workers.every((w) => w.log.includes('waiting for jobs')))
    await new Promise((r) => setTimeout(r, 50));
  return workers;
}

function stop(workers: readonly WorkerProcess[]): void {
  for (const w of workers) w.child.kill('SIGTERM');
}

function run(command: string, args: string[]): Promise<Ran> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0
        ? resolve({ ms: performance.now() - started, stderr })
        : reject(new Error(`${args.slice(1, 3).join(' ')} … exited ${code}: ${stderr.slice(-2000)}`)),
    ),
  );
}
