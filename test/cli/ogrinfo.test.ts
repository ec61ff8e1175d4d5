import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAND, tempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

/** GDAL's view of a file: its feature count, and everything it said on stderr. */
export function ogrinfo(path: string): { features: number; stderr: string } {
  const stdout = execFileSync('ogrinfo', ['-ro', '-al', '-so', path], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const counts = [...stdout.matchAll(/Feature Count: (\d+)/g)].map((m) => Number(m[1]));
  const stderr = execFileSync('sh', ['-c', `ogrinfo -ro -al -so "$1" 2>&1 >/dev/null`, 'sh', path], {
    encoding: 'utf8',
  });
  return { features: counts.reduce((a, b) => a + b, 0), stderr };
}

describe('GDAL reads every output', () => {
  it('regions.geojson and lte-dead-zones.geojson: no error or warning, the same feature count', () => {
    const out = join(tempDir(), 'out');
    const r = runCli([
      'analyze',
      '--households',
      `${HAND}households.geojson`,
      '--coverage',
      `${HAND}coverage.geojson`,
      '--regions',
      `${HAND}regions.geojson`,
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    for (const name of ['regions.geojson', 'lte-dead-zones.geojson']) {
      const path = join(out, name);
      const expected = JSON.parse(readFileSync(path, 'utf8')).features.length;
      expect(expected).toBeGreaterThan(0);
      expect(ogrinfo(path)).toEqual({ features: expected, stderr: '' });
    }
  });
});
