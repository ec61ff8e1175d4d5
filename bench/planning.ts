/**
 * Issue 16's speed figures on the embedded NRW scenario (data/: households.csv.gz, the synthetic
 * coverage, the 53 Kreise): `funkatlas predict` on 3,000 seeded sites at 50 m; one candidate site's
 * evaluation in what-if and placement (its footprint, and the households the objective counts inside
 * it), per site, against a full re-run as the baseline; `place` choosing 20 of 2,000 candidates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSites } from '../src/io/sites-read.js';
import { loadPlanningBase } from '../src/pipeline/planning-base.js';
import { runPredict } from '../src/pipeline/predict-run.js';
import { HOUSEHOLD_GRID_DEG } from '../src/pipeline/whatif-run.js';
import { withDensityEnvironment } from '../src/planning/environment.js';
import { footprintPolygons } from '../src/planning/footprint-polygons.js';
import { objectiveHouseholds } from '../src/planning/objective.js';
import { closedElements, placeSites } from '../src/planning/place.js';
import { PREDICT_DEFAULTS, predictCoverage, predictSite } from '../src/planning/predict.js';
import { checkSites } from '../src/planning/site.js';
import { whatIf } from '../src/planning/whatif.js';
import { PointGrid } from '../src/spatial/point-grid.js';
import { nrwSitesCsv } from './generate-sites.js';
import { measure, type Timing } from './measure.js';
import { nrwSyntheticDem } from './predict-dem.js';

export interface PlanningFigures {
  households_points: number;
  predict: {
    sites: number;
    resolution_m: number;
    prediction_ms: number;
    command_ms: number;
    dem_prediction_ms: number;
  };
  /** One candidate's evaluation, per site over `sites` sites: median and 90th percentile (ms). */
  candidate: {
    sites: number;
    objective: string;
    objective_households: number;
    median_ms: number;
    p90_ms: number;
  };
  /** What if of one site with every household near it re-classified (not only the objective's). */
  whatif_site: { median_ms: number; p90_ms: number };
  /** The baseline: a full re-run of the base (analyze, read to figures). */
  full_rerun_ms: number;
  /** The slower of the white- and grey-spot objectives. */
  place: {
    candidates: number;
    k: number;
    objective: string;
    ms: number;
    evaluations: number;
    plain_greedy_evaluations: number;
    closed: number;
  };
}

type RowFn = (stage: string, t: Timing, throughput?: string, note?: string) => Timing;

const SITES_SEED = 16;

/**
 * The rows on one base: `inputs` are analyze's input flags (the NRW scenario of data/, or the bench's
 * M: 2 M household points and 100,000 coverage polygons over Germany; the sites stand in NRW).
 */
export async function planningBench(
  root: string,
  runs: number,
  row: RowFn,
  inputs: readonly string[],
): Promise<PlanningFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'funkatlas-bench-planning-'));
  const baseDir = join(dir, 'base');
  const analyzeArgs = [
    join(root, 'dist/cli/main.js'),
    'analyze',
    ...inputs,
    '--quiet',
    '--no-report',
    '--force',
    '--out',
  ];
  const analyzeOnce = (out: string) => {
    const r = spawnSync(process.execPath, [...analyzeArgs, out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`analyze failed: ${r.stderr}`);
  };
  analyzeOnce(baseDir);
  const rerun = row(
    'baseline: full re-run (funkatlas analyze, end to end)',
    await measure(() => analyzeOnce(join(dir, 'rerun')), runs),
  );
  const base = await loadPlanningBase(baseDir);
  const n = base.households.count;

  // Predict: 3,000 sites at 50 m, the prediction alone (one thread) and the command (read, write).
  const sitesPath = join(dir, 'sites.csv');
  writeFileSync(sitesPath, nrwSitesCsv(3000, SITES_SEED));
  const sites = checkSites(readSites(sitesPath).sites);
  const options = { ...PREDICT_DEFAULTS };
  const prediction = row(
    'predict 3,000 sites at 50 m, prediction (one thread)',
    await measure(() => predictCoverage(sites, options), runs),
  );
  const command = row(
    'predict 3,000 sites at 50 m, command (read, predict, write)',
    await measure(
      () => runPredict({ sites: sitesPath, out: join(dir, 'predicted'), force: true, options }),
      runs,
    ),
  );
  const dem = nrwSyntheticDem();
  const overTerrain = row(
    '  the same over a DEM (synthetic hills, 100 m cells; one thread)',
    await measure(() => predictCoverage(sites, { ...options, dem }), Math.min(runs, 3)),
  );

  // One candidate: its footprint at 50 m and the grey spots (the objective's larger set) inside it.
  const candidates = withDensityEnvironment(checkSites(readSites(sitesPath).sites), base.households).filter(
    (s) => s.technology === 'lte',
  );
  const sample = candidates.slice(0, 300);
  const objective = objectiveHouseholds('grey', base.layers, base.mask, (i) => base.region[i] >= 0);
  const objectiveGrid = new PointGrid(base.households.lon, base.households.lat, 0.01, objective.households);
  const element = new Map<number, number>();
  objective.households.forEach((i, e) => {
    element.set(i, e);
  });
  const perSite = (fn: (k: number) => unknown) => {
    for (let k = 0; k < sample.length; k++) fn(k); // warm-up
    const times = sample.map((_, k) => {
      const start = performance.now();
      fn(k);
      return performance.now() - start;
    });
    const sorted = [...times].sort((a, b) => a - b);
    return {
      runs: times,
      median: sorted[sorted.length >> 1],
      min: sorted[0],
      p90: sorted[Math.floor(0.9 * sorted.length)],
    };
  };
  const candidate = perSite((k) =>
    closedElements(predictSite(sample[k], options), objectiveGrid, base.households, objective, element),
  );
  row(
    `one candidate evaluated (footprint + grey spots in it), per site of ${sample.length}`,
    candidate,
    undefined,
    `p90 ${candidate.p90.toFixed(2)} ms`,
  );
  const grid = new PointGrid(base.households.lon, base.households.lat, HOUSEHOLD_GRID_DEG);
  const whatIfBase = { ...base, grid };
  const oneSite = perSite((k) => {
    const p = predictSite(sample[k], options);
    return whatIf(whatIfBase, {
      add: [{ operator: p.site.operator, technology: p.site.technology, polygons: footprintPolygons(p) }],
      remove: [],
    });
  });
  row(
    `what if of one site (all its households, figures, dead zones), per site of ${sample.length}`,
    oneSite,
    undefined,
    `p90 ${oneSite.p90.toFixed(2)} ms`,
  );

  // Place: 20 of 2,000 candidates against the white spots, ranked at 200 m.
  const placePath = join(dir, 'candidates.csv');
  writeFileSync(placePath, nrwSitesCsv(2000, SITES_SEED + 1));
  const placeCandidates = withDensityEnvironment(checkSites(readSites(placePath).sites), base.households);
  const placeWith = (name: 'white' | 'grey') => ({
    households: base.households,
    objective: objectiveHouseholds(name, base.layers, base.mask, (i) => base.region[i] >= 0),
    candidates: placeCandidates,
    k: 20,
    rank: { ...options, resolutionM: 200, radials: 90 },
    exact: options,
  });
  const place = async (name: 'white' | 'grey') => {
    const input = placeWith(name);
    const t = row(
      `place 20 of 2,000 candidates (${name === 'white' ? 'white' : 'grey'} spots, ${input.objective.households.length} points)`,
      await measure(() => placeSites(input), Math.min(runs, 3)),
    );
    return { t, result: placeSites(input) };
  };
  const white = await place('white');
  const grey = await place('grey');
  const slower = white.t.median >= grey.t.median ? white : grey;
  return {
    households_points: n,
    predict: {
      sites: sites.length,
      resolution_m: 50,
      prediction_ms: prediction.median,
      command_ms: command.median,
      dem_prediction_ms: overTerrain.median,
    },
    candidate: {
      sites: sample.length,
      objective: 'grey',
      objective_households: objective.households.length,
      median_ms: candidate.median,
      p90_ms: candidate.p90,
    },
    whatif_site: { median_ms: oneSite.median, p90_ms: oneSite.p90 },
    full_rerun_ms: rerun.median,
    place: {
      candidates: placeCandidates.length,
      k: 20,
      objective: slower === white ? 'white' : 'grey',
      ms: slower.t.median,
      evaluations: slower.result.greedy.evaluations,
      plain_greedy_evaluations: slower.result.greedy.chosen.length * placeCandidates.length,
      closed: slower.result.sites.at(-1)?.cumulative ?? 0,
    },
  };
}
