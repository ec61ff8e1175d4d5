import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/** Whether GDAL's command-line tools are installed (`ogrinfo --version` runs). */
export const HAS_GDAL = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' }).status === 0;

// Once per test file that asks GDAL: the tests it skips are named by vitest, the reason is this line.
if (!HAS_GDAL) console.warn('GDAL (ogrinfo, ogr2ogr) not found: skipping the tests that use GDAL');

/** `it`, skipped when GDAL is not installed. */
export function itWithGdal(name: string, test: () => void | Promise<void>): void {
  it.skipIf(!HAS_GDAL)(name, test);
}

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
