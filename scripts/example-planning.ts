/**
 * Planning on the embedded NRW scenario: the 53 Kreise against the latest synthetic coverage
 * (2024-06-30), then 20 new LTE masts (800 MHz, 30 m, omnidirectional, predicted, not measured)
 * placed from a 1 km candidate grid where they close the most white spots of the five Kreise with
 * the largest share of households without LTE. Writes out/planning/ (base/ and placement/).
 * Run: npm run example:planning
 */
import { analyze } from '../src/pipeline/analyze.js';
import { runPlace } from '../src/pipeline/place-run.js';
import { checkOutputs, writeOutputs } from '../src/pipeline/write-outputs.js';
import { PREDICT_DEFAULTS } from '../src/planning/predict.js';

const data = (name: string) => new URL(`../data/${name}`, import.meta.url).pathname;
const out = (name: string) => new URL(`../out/planning/${name}`, import.meta.url).pathname;

const inputs = {
  households: data('households.csv.gz'),
  coverage: [data('coverage-synthetic-2024-06-30.geojson.gz')],
  regions: data('kreise.geojson'),
  regionId: 'AGS',
  regionName: 'GN',
} as const;

const started = performance.now();
checkOutputs(out('base/'), [inputs.households, ...inputs.coverage, inputs.regions], true);
const base = await analyze(inputs);
writeOutputs(base, out('base/'), { force: true, report: false });
const worst = [...base.summary.regions]
  .filter((r) => r.households > 0)
  .sort(
    (a, b) =>
      b.households_no_lte / b.households - a.households_no_lte / a.households || a.id.localeCompare(b.id),
  )
  .slice(0, 5);
const placed = await runPlace({
  base: out('base'),
  candidates: 'grid:1000m',
  k: 20,
  objective: 'white',
  regions: worst.map((r) => r.id),
  out: out('placement'),
  force: true,
  options: { ...PREDICT_DEFAULTS },
  rankResolutionM: 200,
});

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;
const lines = [
  'The five Kreise with the largest share of households without LTE (synthetic coverage, 2024-06-30):',
  ...worst.map((r) => {
    const closed = placed.byRegion.find((b) => b.id === r.id)?.households ?? 0;
    return `  ${r.id} ${r.name.padEnd(26)} ${String(r.households_no_lte).padStart(6)} of ${String(r.households).padStart(7)} without LTE (${pct(r.households_no_lte, r.households)}); the masts bring LTE to ${closed}`;
  }),
  `${placed.result.sites.length} of the 20 masts asked for chosen from ${placed.result.candidates} grid candidates (greedy, CELF; at least 63.2 % of the best)${placed.result.sites.length < 20 ? ': more would close nothing more' : ''}`,
  `  ${placed.result.sites.at(-1)?.cumulative ?? 0} of ${placed.result.objectiveHouseholds} households in white spots of these Kreise get LTE (predicted, not measured)`,
  '  rank  site                     households  cumulative',
  ...placed.result.sites.map(
    (s) =>
      `  ${String(s.rank).padStart(4)}  ${s.predicted.site.id.padEnd(24)} ${String(s.marginal).padStart(10)}  ${String(s.cumulative).padStart(10)}`,
  ),
  ...placed.files.map((f) => `wrote ${f}`),
  `${((performance.now() - started) / 1000).toFixed(1)} s`,
];
process.stdout.write(`${lines.join('\n')}\n`);
