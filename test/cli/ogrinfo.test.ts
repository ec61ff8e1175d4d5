import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { itWithGdal, ogrSummary } from '../gdal.js';
import { tempDir } from '../helpers.js';
import { handArgs, runCli } from './run-cli.js';

describe('GDAL reads every output', () => {
  itWithGdal(
    'regions.geojson and lte-dead-zones.geojson: no error or warning, the same feature count',
    async () => {
      const out = join(tempDir(), 'out');
      const r = await runCli(handArgs(out));
      expect(r.code).toBe(0);
      for (const name of ['regions.geojson', 'lte-dead-zones.geojson']) {
        const path = join(out, name);
        const expected = JSON.parse(readFileSync(path, 'utf8')).features.length;
        expect(expected).toBeGreaterThan(0);
        expect(ogrSummary(path)).toEqual({ features: expected, stderr: '' });
      }
    },
  );
});
