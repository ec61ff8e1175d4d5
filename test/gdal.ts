import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/** Whether GDAL's tools run here: the tests that ask them are skipped without, with one line saying so. */
export const HAS_GDAL = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' }).status === 0;
if (!HAS_GDAL) console.warn('funkatlas tests: ogrinfo (GDAL) not found, skipping the tests that need it');

/** `it` for a test that runs GDAL's ogrinfo or ogr2ogr. */
export const itWithGdal: ReturnType<typeof it.skipIf> = it.skipIf(!HAS_GDAL);

/** `ogrinfo -ro …` with its exit code, stdout and stderr (GDAL prints warnings and errors there). */
export function ogrinfo(...args: string[]) {
  const run = spawnSync('ogrinfo', ['-ro', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** GDAL's view of a file: its feature count over all layers, and everything it said on stderr. */
export function ogrSummary(path: string): { features: number; stderr: string } {
  const { stdout, stderr } = ogrinfo('-al', '-so', path);
  const counts = [...stdout.matchAll(/Feature Count: (\d+)/g)].map((m) => Number(m[1]));
  return { features: counts.reduce((a, b) => a + b, 0), stderr };
}
