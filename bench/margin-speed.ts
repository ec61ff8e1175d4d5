/**
 * What `--margin 3,6` costs: `predict` on seeded NRW sites with and without it, then `analyze` of the
 * embedded NRW households and Kreise against the predicted layers with and without it, alternating
 * A/B runs (minimum of N each, wall and CPU time of this process and its workers).
 * `node --import tsx bench/margin-speed.ts [SITES] [RUNS]`.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/pipeline/analyze.js';
import { runPredict } from '../src/pipeline/predict-run.js';
import { isMarginFile } from '../src/planning/margin-predict.js';
import { PREDICT_DEFAULTS } from '../src/planning/predict.js';
import { nrwSitesCsv } from './generate-sites.js';
import { sink } from './measure.js';

const count = Number(process.argv[2] ?? 3000);
const runs = Number(process.argv[3] ?? 3);
const DATA = new URL('../data/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'funkatlas-margin-bench-'));

/** Wall and CPU (user + system, all threads of this process) of one call, in ms. */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  sink(await fn());
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

/** A and B in turns after one warm-up each; the minimum of each. */
async function ab(a: () => Promise<unknown>, b: () => Promise<unknown>) {
  await a();
  await b();
  const best = { a: { wall: Infinity, cpu: Infinity }, b: { wall: Infinity, cpu: Infinity } };
  for (let k = 0; k < runs; k++)
    for (const [key, fn] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const t = await timed(fn);
      best[key] = { wall: Math.min(best[key].wall, t.wall), cpu: Math.min(best[key].cpu, t.cpu) };
    }
  return best;
}

const ms = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms CPU`;

try {
  const sites = join(dir, 'nrw-sites.csv');
  writeFileSync(sites, nrwSitesCsv(count, 16));
  const options = { ...PREDICT_DEFAULTS };
  const out = join(dir, 'predicted');
  const predicted = await ab(
    () => runPredict({ sites, out, force: true, options }),
    () => runPredict({ sites, out, force: true, options, margin: [3, 6] }),
  );
  process.stdout.write(`predict ${count} sites: ${ms(predicted.a)}; with --margin 3,6: ${ms(predicted.b)}\n`);
  const coverage = readdirSync(out)
    .filter((f) => f.endsWith('.fgb') && !isMarginFile(f))
    .map((f) => join(out, f));
  const run = (margin?: number[]) => () =>
    analyze({
      households: `${DATA}households.csv.gz`,
      coverage,
      regions: `${DATA}kreise.geojson`,
      regionId: 'AGS',
      ...(margin ? { margin } : {}),
    });
  const analysed = await ab(run(), run([3, 6]));
  process.stdout.write(
    `analyze NRW against ${coverage.length} predicted layers: ${ms(analysed.a)}; with --margin 3,6: ${ms(analysed.b)}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
