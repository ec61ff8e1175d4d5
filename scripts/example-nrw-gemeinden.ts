/**
 * The 396 Gemeinden of Nordrhein-Westfalen against the default synthetic coverage, with households
 * read straight from the real Zensus 2011 1 km grid CSV (no conversion: each cell is one point at its
 * centre, weighted by its `households_est_derived`). Writes out/nrw-gemeinden/.
 * Run: npm run example:nrw-gemeinden
 */
import { summaryText } from '../src/cli/summary-text.js';
import { analyze } from '../src/pipeline/analyze.js';
import { checkOutputs, writeOutputs } from '../src/pipeline/write-outputs.js';

const data = (name: string) => new URL(`../data/${name}`, import.meta.url).pathname;
const out = new URL('../out/nrw-gemeinden/', import.meta.url).pathname;

const NRW_GEMEINDEN = {
  households: data('zensus2011-grid-1km.csv.gz'),
  coverage: [data('coverage-synthetic.geojson.gz')],
  regions: data('gemeinden-dvg2-2022.geojson.gz'),
  regionId: 'AGS',
  regionName: 'GN',
} as const;

const inputs = [NRW_GEMEINDEN.households, ...NRW_GEMEINDEN.coverage, NRW_GEMEINDEN.regions];
checkOutputs(out, inputs, true);
const started = performance.now();
const result = await analyze(NRW_GEMEINDEN);
const written = writeOutputs(result, out, { force: true });
process.stdout.write(`${summaryText(result, out, written)}\n`);
const { households_balance: balance } = result.summary;
process.stdout.write(
  `households read ${balance.read}, in Gemeinden ${balance.in_regions}, outside ${balance.outside_regions}; ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
