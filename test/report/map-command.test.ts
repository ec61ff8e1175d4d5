import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { tempDir } from '../helpers.js';
import { handSnapshots } from './scenarios.js';
import { xmlProblem } from './xml-check.js';

/** resvg-js is optional: a prebuilt binary from npm that may not install everywhere. */
const HAS_RESVG = (() => {
  try {
    createRequire(import.meta.url).resolve('@resvg/resvg-js');
    return true;
  } catch {
    console.warn('funkatlas tests: @resvg/resvg-js not installed, skipping the PNG map test');
    return false;
  }
})();

describe('funkatlas map RUN_DIR --image', () => {
  let run: string;
  let summary: { regions: { id: string }[] };
  beforeAll(async () => {
    run = join(tempDir(), 'out');
    const r = await runCli(handSnapshots(run, '--no-report'));
    expect(r.code, r.stderr).toBe(0);
    summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
  });

  it('writes the choropleth as one SVG: a path per region, the dead zones, the legend', async () => {
    const image = join(tempDir(), 'map.svg');
    const r = await runCli(['map', run, '--image', image, '--metric', 'share_lte', '--lang', 'de']);
    const small = join(tempDir(), 'small.svg');
    expect((await runCli(['map', run, '--image', small, '--min-households', '1000000'])).code).toBe(0);
    expect(readFileSync(small, 'utf8')).not.toContain('class="dead-zone"');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Wrote ${image}\n`);
    const svg = readFileSync(image, 'utf8');
    expect(xmlProblem(svg)).toBeNull();
    expect(svg.match(/<path class="region"/g)).toHaveLength(summary.regions.length);
    const zones = JSON.parse(readFileSync(join(run, 'lte-dead-zones.geojson'), 'utf8')).features;
    expect(svg.match(/<path class="dead-zone"/g) ?? []).toHaveLength(zones.length);
    expect(svg).toContain('LTE-Haushaltsanteil');
    expect(svg).toContain('class="legend"');
  });

  it('refuses to overwrite without --force; one line for each mistake', async () => {
    const image = join(tempDir(), 'map.svg');
    writeFileSync(image, 'mine');
    const refused = await runCli(['map', run, '--image', image]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`funkatlas: ${image}: output exists already — use --force to overwrite\n`);
    expect(readFileSync(image, 'utf8')).toBe('mine');
    expect((await runCli(['map', run, '--image', image, '--force'])).code).toBe(0);
    for (const args of [
      ['map', run, '--image', join(tempDir(), 'map.jpg')],
      ['map', run, '--image', join(tempDir(), 'map.svg'), '--metric', 'share_6g'],
      ['map', join(tempDir(), 'nowhere'), '--image', join(tempDir(), 'map.svg')],
      ['map', run],
      ['map', run, '--image', join(tempDir(), 'map.svg'), '--lang', 'fr'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    }
  });

  it.skipIf(!HAS_RESVG)('writes a PNG through resvg-js', async () => {
    const image = join(tempDir(), 'map.png');
    const r = await runCli(['map', run, '--image', image]);
    expect(r.code, r.stderr).toBe(0);
    const png = readFileSync(image);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 2000 px wide: the width resvg was asked for.
    expect(png.readUInt32BE(16)).toBe(2000);
    expect(existsSync(image)).toBe(true);
  });
});
