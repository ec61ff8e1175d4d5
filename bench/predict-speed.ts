/**
 * `funkatlas predict` on 3,000 seeded synthetic sites over NRW at 50 m: the prediction alone (one thread,
 * no I/O) and the whole command (read, predict, write GeoJSON + FlatGeobuf), median of 3 after a warm-up.
 * `node --import tsx bench/predict-speed.ts [SITES] [RESOLUTION] [--dem]`: with `--dem`, over a synthetic
 * hilly DEM (bench/predict-dem.ts), the prediction alone, median of 3 after a warm-up.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSites } from '../src/io/sites-read.js';
import { runPredict } from '../src/pipeline/predict-run.js';
import { PREDICT_DEFAULTS, predictCoverage } from '../src/planning/predict.js';
import { checkSites } from '../src/planning/site.js';
import { nrwSitesCsv } from './generate-sites.js';
import { measure } from './measure.js';
import { nrwSyntheticDem } from './predict-dem.js';

const args = process.argv.slice(2).filter((a) => a !== '--dem');
const terrain = process.argv.includes('--dem');
const count = Number(args[0] ?? 3000);
const resolutionM = Number(args[1] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'funkatlas-predict-bench-'));
try {
  const path = join(dir, 'nrw-sites.csv');
  writeFileSync(path, nrwSitesCsv(count, 16));
  const sites = checkSites(readSites(path).sites);
  const options = { ...PREDICT_DEFAULTS, resolutionM };
  if (terrain) {
    const dem = nrwSyntheticDem();
    const cpu = process.cpuUsage();
    const predicted = await measure(() => predictCoverage(sites, { ...options, dem }), 3);
    const used = process.cpuUsage(cpu);
    process.stdout.write(
      `${count} sites at ${resolutionM} m over a synthetic DEM: prediction median ${predicted.median.toFixed(0)} ms, ` +
        `min ${predicted.min.toFixed(0)} ms (CPU ${((used.user + used.system) / 4000).toFixed(0)} ms a run)\n`,
    );
  } else {
    const cpu = process.cpuUsage();
    const predicted = await measure(() => predictCoverage(sites, options), 3);
    const predictCpu = process.cpuUsage(cpu);
    const command = await measure(
      () => runPredict({ sites: path, out: join(dir, 'out'), force: true, options }),
      3,
    );
    const ms = (t: { median: number; min: number }) =>
      `median ${t.median.toFixed(0)} ms, min ${t.min.toFixed(0)} ms`;
    process.stdout.write(
      `${count} sites at ${resolutionM} m: prediction ${ms(predicted)} (CPU ${((predictCpu.user + predictCpu.system) / 4000).toFixed(0)} ms a run); ` +
        `predict command ${ms(command)}\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
