import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type OutputFormat, writeOutputs } from '../../src/index.js';
import { tempDir } from '../helpers.js';

// Golden files: test/fixtures/golden/<case>/in/ (inputs and case.json) → out/, compared byte for byte.
// After a deliberate change of the outputs: REGEN=1 npx vitest run test/pipeline/golden.test.ts, then read the diff.
const GOLDEN = new URL('../fixtures/golden/', import.meta.url).pathname;
const REGEN = process.env.REGEN === '1';

/** A case's inputs and options, as in/case.json names them (file names relative to in/). */
interface Case {
  households: string;
  coverage?: string[];
  /** Dated snapshots instead of `coverage`. */
  snapshots?: { date: string; coverage: string[] }[];
  regions: string;
  regionId?: string;
  regionName?: string;
  formats?: OutputFormat[];
}

/**
 * Left out: the manifest holds the summary's sha256, the time and the tool version of each run; the
 * report shows the time too, and it and the QGIS styles are drawn from the outputs here (test/report).
 */
const NOT_GOLDEN = new Set(['manifest.json', 'report.html', 'regions.qml', 'lte-dead-zones.qml']);
/** Stands for the run's time in the stored summary.json. */
const FIXED_TIME = '2026-01-01T00:00:00.000Z';

/** A written output as stored: summary.json with a fixed time and the input folder as `in/`. */
function comparable(name: string, bytes: Buffer, inDir: string): Buffer {
  if (name !== 'summary.json') return bytes;
  const time = /"generated_at": "\d{4}-\d\d-\d\dT[^"]+"/;
  const raw = bytes.toString('utf8');
  expect(raw).toMatch(time);
  const text = raw
    .replace(time, `"generated_at": "${FIXED_TIME}"`)
    .split(JSON.stringify(inDir).slice(1, -1))
    .join('in/');
  return Buffer.from(text, 'utf8');
}

async function run(caseDir: string, workers: number): Promise<Map<string, Buffer>> {
  const inDir = join(caseDir, 'in/');
  const c: Case = JSON.parse(readFileSync(join(inDir, 'case.json'), 'utf8'));
  const result = await analyze({
    households: join(inDir, c.households),
    ...(c.snapshots
      ? {
          snapshots: c.snapshots.map((s) => ({
            ...s,
            coverage: s.coverage.map((name) => join(inDir, name)),
          })),
        }
      : { coverage: (c.coverage ?? []).map((name) => join(inDir, name)) }),
    regions: join(inDir, c.regions),
    regionId: c.regionId,
    regionName: c.regionName,
    workers,
  });
  const out = join(tempDir(), 'out');
  const written = writeOutputs(result, out, { formats: c.formats });
  const files = new Map<string, Buffer>();
  for (const path of written) {
    const name = path.slice(out.length + 1);
    if (!NOT_GOLDEN.has(name)) files.set(name, comparable(name, readFileSync(join(out, name)), inDir));
  }
  return files;
}

const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.each(cases)('golden files: %s', (name) => {
  const caseDir = join(GOLDEN, name);
  const outDir = join(caseDir, 'out');

  it.each([0, 1, 3])('workers: %i writes exactly out/*', async (workers) => {
    const files = await run(caseDir, workers);
    if (REGEN && workers === 0) {
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir);
      for (const [file, bytes] of files) writeFileSync(join(outDir, file), bytes);
    }
    expect([...files.keys()].sort()).toEqual(readdirSync(outDir).sort());
    for (const [file, bytes] of files) {
      const golden = readFileSync(join(outDir, file));
      // Text outputs compared as text first, for a readable diff; then every byte.
      if (!file.endsWith('.fgb')) expect(bytes.toString('utf8'), file).toBe(golden.toString('utf8'));
      expect(bytes.equals(golden), `${file} differs from out/${file}`).toBe(true);
    }
  });
});
