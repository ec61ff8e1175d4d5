/**
 * npm run bench [-- --large] [--runs N] [--only S,M] [--peers postgis[=S,S-geojson]] [--planning] [--distributed]
 * (`--planning`, or `planning` in `--only`: issue 16's rows, see planning.ts)
 * Per scenario and stage: the median of N runs (default 5) after one warm-up, throughput, peak RSS,
 * and baselines run in the same process: the naive R-tree + point-in-polygon loop, turf's
 * booleanPointInPolygon, and rbush against flatbush. Prints a table; writes bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { classifyRange } from '../src/analysis/classify.js';
import { countRange, emptyCounts } from '../src/analysis/household-counts.js';
import { whiteSpotsByRegion } from '../src/analysis/white-spots.js';
import { LTE, technologyMask } from '../src/model/coverage.js';
import { defaultWorkerCount } from '../src/parallel/pool.js';
import { createScheduler, type Scheduler } from '../src/parallel/scheduler.js';
import { analyze } from '../src/pipeline/analyze.js';
import { prepareBase } from '../src/pipeline/base.js';
import { classify, classifyContext } from '../src/pipeline/classify.js';
import { estimatedPoints, planCoverage } from '../src/pipeline/coverage-plan.js';
import { prepareOptions } from '../src/pipeline/options.js';
import { type CoverageIndex, prepareCoverage } from '../src/pipeline/prepare-coverage.js';
import { readInputs } from '../src/pipeline/read-inputs.js';
import { regionGeometry } from '../src/pipeline/region-geometry.js';
import { snapshotResult } from '../src/pipeline/result.js';
import { combinedResult } from '../src/pipeline/snapshots-result.js';
import { refinedWithUnions, startTileUnions } from '../src/pipeline/tile-unions.js';
import { writeOutputs } from '../src/pipeline/write-outputs.js';
import { revivePolygonIndex } from '../src/spatial/polygon-index.js';
import { flatbushBuild, naiveClassify, rbushLoad, turfClassify, turfPolygons } from './baselines.js';
import { busyProfile } from './busy.js';
import { distributedBench } from './distributed.js';
import { classifyFloor } from './floor/classify-floor.js';
import { measure, type Timing } from './measure.js';
import { type PlanningFigures, planningBench } from './planning.js';
import { peerStages, postgisPeer } from './postgis-peer.js';
import { jsonParseMBps, readSpeeds } from './read-speed.js';
import { fmt, printResults, type Row, type ScenarioSummary, writeResults } from './report.js';
import { benchScenarios, type Scenario } from './scenarios.js';

const { values } = parseArgs({
  options: {
    large: { type: 'boolean' },
    runs: { type: 'string' },
    only: { type: 'string' },
    peers: { type: 'string' },
    planning: { type: 'boolean' },
    distributed: { type: 'boolean' },
  },
});
const only = values.only?.split(',');
const PLANNING = values.planning === true || only?.includes('planning') === true;
const RUNS = Number(values.runs ?? 5);
const ROOT = new URL('..', import.meta.url).pathname;
const CACHE = join(ROOT, 'bench', '.cache');

// --distributed: the queue's bench alone (bench/distributed.ts), then done.
if (values.distributed) {
  const only = values.only?.split(',');
  await distributedBench({
    root: ROOT,
    cache: CACHE,
    runs: Number(values.runs ?? 1),
    ...(only ? { only } : {}),
  });
  process.exit(0);
}

/**
 * `--peers postgis` runs PostGIS on every scenario of the run; `--peers postgis=S,S-geojson` on those
 * only (its plain join takes hours on M and L), so one run can hold every scenario.
 */
const peerScenarios = ((peers) => {
  if (peers === undefined) return undefined;
  const match = /^postgis(?:=(.+))?$/.exec(peers);
  if (!match) throw new Error(`--peers: postgis or postgis=SCENARIO,… (got ${peers})`);
  return new Set(match[1]?.split(',') ?? []);
})(values.peers);

/** data/'s synthetic coverage snapshots, for the tracker's row on S. */
const SNAPSHOT_FILES = [
  { date: '2023-06-30', file: 'data/coverage-synthetic-2023-06-30.geojson.gz' },
  { date: '2023-12-31', file: 'data/coverage-synthetic.geojson.gz' },
  { date: '2024-06-30', file: 'data/coverage-synthetic-2024-06-30.geojson.gz' },
];

const scenarios = benchScenarios(
  ROOT,
  CACHE,
  only?.filter((name) => name !== 'planning'),
  values.large === true,
);

const rows: Row[] = [];
const results: Record<string, ScenarioSummary> = {};
const row = (scenario: string, stage: string, t: Timing, throughput?: string, note?: string) => {
  rows.push({ scenario, stage, median_ms: t.median, min_ms: t.min, runs: t.runs.length, throughput, note });
  return t;
};
const silent = () => {};
const perSecond = (items: number, ms: number, unit: string) => `${fmt(items / (ms / 1000))} ${unit}/s`;

for (const s of scenarios) {
  const options = {
    households: s.households,
    coverage: s.coverage,
    regions: s.regions,
    regionId: s.regionId,
    regionName: s.regionName,
  };
  const prepared = prepareOptions(options);
  const points = estimatedPoints(s.households);
  const schedulers = { 1: createScheduler(1), 2: createScheduler(2) };
  // As analyze() runs it: the coverage read and indexed on the pool while this thread reads regions and households.
  const readAndIndex = async (scheduler: Scheduler) => {
    let indexing: Promise<CoverageIndex> | undefined;
    const inputs = await readInputs(prepared, silent, scheduler.onPool, (coverage) => {
      const plan = planCoverage(points, coverage.polygons.polygonCount);
      indexing = prepareCoverage(scheduler.onPool, coverage, plan);
    });
    return { inputs, index: await (indexing as Promise<CoverageIndex>) };
  };
  log(`scenario ${s.name}: reading`);
  const parse = row(
    s.name,
    'read inputs, coverage read and indexed on 2 workers',
    await measure(() => readAndIndex(schedulers[2]), RUNS),
  );
  const { inputs, index: coverageIndex } = await readAndIndex(schedulers[2]);
  const n = inputs.households.count;
  const polygons = inputs.coverage.polygons.polygonCount;
  log(`scenario ${s.name}: ${n} points, ${polygons} coverage polygons, ${inputs.regions.ids.length} regions`);

  const plan = planCoverage(points, polygons);
  row(
    s.name,
    '  coverage index (grid, R-tree, culling)',
    await measure(() => prepareCoverage(schedulers[2].here, inputs.coverage, plan), RUNS),
  );
  row(s.name, 'prepare base (region grid)', await measure(() => prepareBase(inputs), RUNS));
  const base = prepareBase(inputs);
  const flat = row(
    s.name,
    '  flatbush build',
    await measure(() => flatbushBuild(inputs.coverage.polygons), RUNS),
  );
  const rb = row(
    s.name,
    '  rbush load (baseline)',
    await measure(() => rbushLoad(inputs.coverage.polygons), RUNS),
  );

  const { perLayer } = plan;
  const tileUnions = () => {
    const job = startTileUnions(schedulers[2], coverageIndex, base, silent);
    return job.helpHere().then(() => job.done);
  };
  const tilesTiming = row(
    s.name,
    `tile unions${perLayer ? ' per layer' : ' (LTE, 5G)'}, 2 workers + main`,
    await measure(tileUnions, RUNS),
  );
  const unions = await tileUnions();
  let index = coverageIndex;
  if (perLayer) {
    row(s.name, 'refine grid with unions', await measure(() => refinedWithUnions(index, unions), RUNS));
    index = refinedWithUnions(index, unions);
  }

  const classify2 = row(
    s.name,
    'classify + count, 2 workers',
    await measure(() => classify(schedulers[2].onPool, base, index, silent), RUNS),
  );
  const countedBy2 = await classify(schedulers[2].onPool, base, index, silent);
  const classify1 = row(
    s.name,
    'classify + count, 1 worker',
    await measure(() => classify(schedulers[1].onPool, base, index, silent), RUNS),
  );
  const countedBy1 = await classify(schedulers[1].onPool, base, index, silent);
  const identical =
    countedBy1.counts.every((v, k) => v === countedBy2.counts[k]) &&
    countedBy1.mask.every((v, k) => v === countedBy2.mask[k]);

  const context = classifyContext(base, index);
  // The same scheme as a tight JS loop and in C: the floor beside the row above (S and M, M also sorted).
  const floor = ['S', 'M'].includes(s.name)
    ? await classifyFloor(context, RUNS, s.name === 'M', (...r) => row(s.name, ...r))
    : undefined;
  const out = { mask: new Uint32Array(n), region: new Int32Array(n) };
  const inThread = row(
    s.name,
    'classify only, main thread',
    await measure(() => classifyRange(context, out, 0, n), RUNS),
  );
  row(
    s.name,
    'count only, main thread',
    await measure(
      () =>
        countRange(context.layout, context.layers, inputs.households, out, emptyCounts(context.layout), 0, n),
      RUNS,
    ),
  );

  // Baselines on the first points (all of S): the same R-tree, then exact tests (naive) or turf.
  const rtree = revivePolygonIndex(coverageIndex.rtree);
  const naiveN = Math.min(n, 250_000);
  const naive = row(
    s.name,
    `naive R-tree + PIP (${fmt(naiveN)} pts)`,
    await measure(
      () => naiveClassify(inputs.households, inputs.coverage.polygons, rtree, naiveN),
      Math.min(RUNS, 3),
    ),
  );
  const naiveMask = naiveClassify(inputs.households, inputs.coverage.polygons, rtree, naiveN);
  const agrees = naiveMask.every((m, i) => m === out.mask[i]);
  const turfN = Math.min(n, 25_000);
  const turfPolys = turfPolygons(inputs.coverage.polygons);
  const turf = row(
    s.name,
    `turf booleanPointInPolygon (${fmt(turfN)} pts)`,
    await measure(
      () => turfClassify(inputs.households, inputs.coverage.polygons, turfPolys, rtree, turfN),
      Math.min(RUNS, 3),
    ),
  );

  const whiteSpots = whiteSpotsByRegion(
    countedBy2,
    technologyMask(inputs.coverage.layers, LTE),
    inputs.regions.ids.length,
  );
  const regionTiming = row(
    s.name,
    'region clips (dead zones, 5G area), 2 workers + main',
    await measure(() => regionGeometry(schedulers[2].helpingHere, base, unions, whiteSpots, silent), RUNS),
  );
  const geometry = await regionGeometry(schedulers[2].helpingHere, base, unions, whiteSpots, silent);
  await schedulers[1].close();
  await schedulers[2].close();

  const outDir = mkdtempSync(join(tmpdir(), 'funkatlas-bench-'));
  row(
    s.name,
    'aggregate + write outputs',
    await measure(
      async () =>
        writeOutputs(
          await combinedResult(prepared, [snapshotResult(null, inputs, countedBy2, geometry, prepared)]),
          outDir,
          { force: true },
        ),
      RUNS,
    ),
  );
  const benchRss = process.resourceUsage().maxRSS / 1024;

  log(`scenario ${s.name}: end to end (CLI)`);
  let cliRss = 0;
  const cliOut = mkdtempSync(join(tmpdir(), 'funkatlas-bench-cli-'));
  const cli =
    (extra: string[], inputs = inputArgs(s)) =>
    () => {
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          join(ROOT, 'bench/report-rss.mjs'),
          join(ROOT, 'dist/cli/main.js'),
          'analyze',
          ...inputs,
          '--out',
          cliOut,
          '--force',
          '--quiet',
          ...extra,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
      cliRss = Math.max(cliRss, Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024);
    };
  const e2e = row(
    s.name,
    'end to end: funkatlas analyze',
    await measure(cli([]), Math.min(RUNS, s.name === 'L' ? 3 : RUNS)),
    undefined,
    `dist/ build, default workers (${defaultWorkerCount()}, the main thread working too), --quiet`,
  );
  // The default's alternative on this machine, for the README's choice of it (L: too long to repeat).
  if (s.name !== 'L')
    row(
      s.name,
      'end to end, --workers 2',
      await measure(cli(['--workers', '2']), RUNS),
      undefined,
      'dist/ build, --quiet',
    );

  // The tracker: the three dated snapshots of data/ against the same households and regions.
  let snapshotCost: ScenarioSummary['snapshots'];
  if (s.name === 'S') {
    const dated = inputArgs({ ...s, coverage: [] }).concat(
      SNAPSHOT_FILES.flatMap((c) => ['--coverage', `${c.date}=${join(ROOT, c.file)}`]),
    );
    const three = row(
      s.name,
      'end to end, 3 dated snapshots (data/)',
      await measure(cli([], dated), RUNS),
      undefined,
      'the same households and regions, read and indexed once',
    );
    snapshotCost = {
      count: SNAPSHOT_FILES.length,
      end_to_end_ms: three.median,
      extra_snapshot_share: (three.median - e2e.median) / (SNAPSHOT_FILES.length - 1) / e2e.median,
    };
  }

  log(`scenario ${s.name}: each input read alone, one thread`);
  const readRuns = s.name === 'L' ? 1 : RUNS;
  const read: ScenarioSummary['read'] = [];
  for (const r of await readSpeeds(prepared, readRuns)) {
    const path = r.input === 'households' ? s.households : s.coverage[0];
    const format = /\.geojson(\.gz)?$/i.test(path)
      ? 'geojson'
      : /\.csv(\.gz)?$/i.test(path)
        ? 'csv'
        : 'other';
    const floor = format === 'geojson' ? await jsonParseMBps(path, readRuns) : undefined;
    row(
      s.name,
      `  read ${r.input} alone, one thread (${(r.textBytes / 1e6).toFixed(1)} MB ${format})`,
      r.timing,
      `${r.textMBps.toFixed(0)} MB/s`,
      floor === undefined ? undefined : `JSON.parse alone: ${floor.toFixed(0)} MB/s`,
    );
    read.push({
      ms: r.timing.median,
      input: r.input,
      format,
      bytes: r.bytes,
      textBytes: r.textBytes,
      textMBps: r.textMBps,
      ...(floor === undefined ? {} : { jsonParseMBps: floor }),
    });
  }
  log(`scenario ${s.name}: where the time goes (analyze with profile)`);
  const busy = await busyProfile(options, s.name === 'L' ? 1 : Math.min(RUNS, 5));
  let unionsStart = Number.POSITIVE_INFINITY;
  let readEnd = Number.POSITIVE_INFINITY;
  await analyze({
    ...options,
    onProgress: (p) => {
      if (p.stage === 'tile-unions' && unionsStart === Number.POSITIVE_INFINITY)
        unionsStart = performance.now();
      if (p.stage === 'read' && p.done === p.total) readEnd = performance.now();
    },
  });

  const classifyRate = n / (classify2.median / 1000);
  const naiveRate = naiveN / (naive.median / 1000);
  const turfRate = turfN / (turf.median / 1000);
  rows.find((r) => r.scenario === s.name && r.stage.startsWith('classify + count, 2'))!.throughput =
    perSecond(n, classify2.median, 'pts');
  rows.find((r) => r.scenario === s.name && r.stage.startsWith('classify + count, 1'))!.throughput =
    perSecond(n, classify1.median, 'pts');
  rows.find((r) => r.scenario === s.name && r.stage.startsWith('classify only'))!.throughput = perSecond(
    n,
    inThread.median,
    'pts',
  );
  rows.find((r) => r.scenario === s.name && r.stage.startsWith('naive'))!.throughput = perSecond(
    naiveN,
    naive.median,
    'pts',
  );
  rows.find((r) => r.scenario === s.name && r.stage.startsWith('turf'))!.throughput = perSecond(
    turfN,
    turf.median,
    'pts',
  );
  rows.find((r) => r.scenario === s.name && r.stage.startsWith('read inputs'))!.throughput = perSecond(
    n,
    parse.median,
    'pts',
  );
  results[s.name] = {
    points: n,
    coverage_polygons: polygons,
    regions: inputs.regions.ids.length,
    classify_points_per_s_2_workers: classifyRate,
    classify_points_per_s_1_worker: n / (classify1.median / 1000),
    classify_speedup_vs_naive: classifyRate / naiveRate,
    classify_speedup_vs_turf: classifyRate / turfRate,
    flatbush_vs_rbush_build: rb.median / flat.median,
    dead_zones_and_areas_ms: tilesTiming.median + regionTiming.median,
    end_to_end_ms: e2e.median,
    peak_rss_mb: { bench_process: benchRss, cli: cliRss },
    exact: { engine_equals_naive_on_sample: agrees, workers_1_and_2_identical: identical },
    read,
    busy,
    tile_unions_started_before_households_read: unionsStart < readEnd,
    ...(snapshotCost ? { snapshots: snapshotCost } : {}),
    ...(floor ? { classify_floor_points_per_s: floor } : {}),
  };
  if (peerScenarios && (peerScenarios.size === 0 || peerScenarios.has(s.name))) {
    log(`scenario ${s.name}: PostGIS peer (scripts/postgis/check.sh --sequential, one run)`);
    const peer = postgisPeer(ROOT, inputArgs(s));
    const { stages, summary } = peerStages(peer, e2e.median);
    for (const p of stages) {
      const t = { runs: [p.ms], median: p.ms, min: p.ms };
      row(s.name, p.stage, t, p.points ? perSecond(n, p.ms, 'pts') : undefined, p.note);
    }
    results[s.name].postgis = summary;
  }
  log(`scenario ${s.name}: done`);
}

let planning: Record<string, PlanningFigures> | undefined;
if (PLANNING) {
  // Issue 16's figures on the embedded NRW scenario, and on M (ten times the household points).
  planning = {};
  const nrw = benchScenarios(ROOT, CACHE, ['S'], false)[0];
  const m = benchScenarios(ROOT, CACHE, ['M'], false)[0];
  for (const [name, s] of [
    ['NRW', nrw],
    ['M', m],
  ] as const) {
    log(`planning on ${name}: predict, what if, place`);
    planning[name] = await planningBench(ROOT, RUNS, (...r) => row(`plan-${name}`, ...r), inputArgs(s));
  }
}

writeResults(ROOT, rows, results, RUNS, planning);
printResults(rows, results, RUNS);

/** The scenario's inputs as flags, the same for `funkatlas analyze` and the PostGIS check. */
function inputArgs(s: Scenario): string[] {
  return [
    '--households',
    s.households,
    ...s.coverage.flatMap((c) => ['--coverage', c]),
    '--regions',
    s.regions,
    '--region-id',
    s.regionId,
    '--region-name',
    s.regionName,
  ];
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
