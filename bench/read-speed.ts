/**
 * Each input read alone, on one thread, as the pipeline reads it (checks included): MB/s of the file
 * as given and of its text (gunzipped), so a reader's speed can be set against JSON.parse's floor.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readCoverage } from '../src/io/coverage.js';
import { readHouseholds } from '../src/io/households.js';
import { readOptionsFor } from '../src/io/read-options.js';
import type { PreparedOptions } from '../src/pipeline/options.js';
import { measure, type Timing } from './measure.js';

export interface ReadSpeed {
  input: 'households' | 'coverage';
  /** Bytes of the files as given, and of their text (gunzipped). */
  bytes: number;
  textBytes: number;
  timing: Timing;
  /** MB/s of the text (10^6 bytes), by the median. */
  textMBps: number;
}

export async function readSpeeds(options: PreparedOptions, runs: number): Promise<ReadSpeed[]> {
  const households = await measure(
    () =>
      readHouseholds(
        options.households,
        readOptionsFor(options.read, 'households'),
        options.householdsFormat,
      ),
    runs,
  );
  const coverage = await measure(
    () => readCoverage(options.coverage, readOptionsFor(options.read, 'coverage'), options.coverageFormat),
    runs,
  );
  return [
    speed('households', [options.households], households),
    speed('coverage', options.coverage, coverage),
  ];
}

function speed(input: ReadSpeed['input'], paths: readonly string[], timing: Timing): ReadSpeed {
  const bytes = paths.reduce((sum, p) => sum + statSync(p).size, 0);
  const textBytes = paths.reduce((sum, p) => sum + textSize(p), 0);
  return { input, bytes, textBytes, timing, textMBps: textBytes / 1e6 / (timing.median / 1000) };
}

function textSize(path: string): number {
  return path.toLowerCase().endsWith('.gz') ? gunzipSync(readFileSync(path)).length : statSync(path).size;
}

/** The floor a GeoJSON reader is measured against: JSON.parse of the same text, on one thread. */
export async function jsonParseMBps(path: string, runs: number): Promise<number | undefined> {
  if (!/\.geojson(\.gz)?$|\.json(\.gz)?$/i.test(path)) return undefined;
  const bytes = readFileSync(path);
  const text = (path.toLowerCase().endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const t = await measure(() => JSON.parse(text), runs);
  return text.length / 1e6 / (t.median / 1000);
}
