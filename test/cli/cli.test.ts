import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAND, tempDir, validateSummary } from '../helpers.js';
import { handArgs, runCli, runCliProcess } from './run-cli.js';

describe('funkatlas CLI as a process', () => {
  it('exits 0 after a run, 2 on bad usage, with the same lines as in process', () => {
    const out = join(tempDir(), 'out');
    const ok = runCliProcess(handArgs(out));
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toContain('3 regions, 31 households');
    const bad = runCliProcess(['analyze', '--households', 'x.csv']);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'funkatlas: missing --coverage — run funkatlas --help\n',
    });
  });
});

describe('funkatlas CLI', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('funkatlas analyze --households FILE');
  });

  it('writes the four outputs and a one-screen summary', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(handArgs(out));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 regions, 31 households');
    // Undated coverage: the NRW goals judged by the figures alone.
    expect(r.stdout).toContain('Goals (undated coverage: met or not by its figures, no deadline judged):');
    expect(r.stdout).toMatch(/total +22\.6 % +> 90 % +2022-12-31 +not-met +21 hh/);
    expect(r.stdout).toContain('Largest LTE dead zones by households:');
    expect(r.stdout.split('\n').length).toBeLessThan(40);
    for (const f of ['summary.json', 'regions.geojson', 'regions.csv', 'lte-dead-zones.geojson']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
  });

  it('writes a summary.json that validates against the shipped JSON Schema', async () => {
    const out = join(tempDir(), 'out');
    expect((await runCli(handArgs(out))).code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
    expect(summary.inputs.map((i: { role: string }) => i.role)).toEqual([
      'households',
      'coverage',
      'regions',
    ]);
    // The digest is of the bytes as read, equal to the file's sha256.
    const sha256 = createHash('sha256')
      .update(readFileSync(`${HAND}households.geojson`))
      .digest('hex');
    expect(summary.inputs[0]).toMatchObject({
      sha256,
      bytes: readFileSync(`${HAND}households.geojson`).length,
    });
  });

  it('writes RFC 7946 GeoJSON: no crs, 7 decimals, shells counter-clockwise, holes clockwise', async () => {
    const out = join(tempDir(), 'out');
    expect((await runCli(handArgs(out))).code).toBe(0);
    for (const name of ['regions.geojson', 'lte-dead-zones.geojson']) {
      const doc = JSON.parse(readFileSync(join(out, name), 'utf8'));
      expect(doc.crs).toBeUndefined();
      for (const f of doc.features) {
        const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const rings of polygons) {
          rings.forEach((ring: number[][], r: number) => {
            expect(signedArea(ring) > 0).toBe(r === 0);
            for (const [x, y] of ring) {
              expect(Math.round(x * 1e7) / 1e7).toBe(x);
              expect(Math.round(y * 1e7) / 1e7).toBe(y);
            }
          });
        }
      }
    }
    const zones = JSON.parse(readFileSync(join(out, 'lte-dead-zones.geojson'), 'utf8'));
    expect(zones.features[0].properties).toMatchObject({ region_id: 'R2', households: 8 });
  });

  it('writes regions.csv with a row per region keyed by id', async () => {
    const out = join(tempDir(), 'out');
    expect((await runCli(handArgs(out))).code).toBe(0);
    const lines = readFileSync(join(out, 'regions.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['id', 'name', 'households', 'households_5g']);
    expect(lines[0]).toContain('A_households_5g');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['R1', 'R2', 'R3']);
  });

  it('refuses to overwrite outputs without --force, and overwrites with it', async () => {
    const out = join(tempDir(), 'out');
    expect((await runCli(handArgs(out))).code).toBe(0);
    const again = await runCli(handArgs(out));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^funkatlas: .*regions\.geojson: output exists already — use --force/);
    expect((await runCli([...handArgs(out), '--force'])).code).toBe(0);
  });

  it('refuses an output that is an input', async () => {
    const dir = tempDir();
    const regions = join(dir, 'summary.json');
    writeFileSync(regions, readFileSync(`${HAND}regions.geojson`));
    const r = await runCli([...handArgs(dir).slice(0, 5), '--regions', regions, '--out', dir, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('an output would overwrite an input');
  });

  it.each([
    [['analyze', '--households', 'x.csv'], /missing --coverage/],
    [['analyze', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('rejects bad usage %j with one line and exit 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the file, feature, field and value of bad input, in one line, exit 2', async () => {
    const dir = tempDir();
    const bad = join(dir, 'households.geojson');
    writeFileSync(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [7, 51] } },
          {
            type: 'Feature',
            properties: { households: -3 },
            geometry: { type: 'Point', coordinates: [7, 51] },
          },
        ],
      }),
    );
    const r = await runCli(['analyze', '--households', bad, ...handArgs(join(dir, 'out')).slice(3)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `funkatlas: ${bad}, feature 1, field properties.households: households must be an integer from 0 to 4294967295 (value: -3)`,
    );
  });

  it('reports a missing file in one line', async () => {
    const r = await runCli([
      'analyze',
      '--households',
      '/nonexistent.csv',
      ...handArgs(join(tempDir(), 'out')).slice(3),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('funkatlas: /nonexistent.csv: file not found');
  });
});

function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let k = 0; k < ring.length - 1; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return sum / 2;
}

describe('funkatlas CLI: output folder and flag mistakes', () => {
  const run = (out: string, ...extra: string[]) => runCli([...handArgs(out), ...extra]);
  const oneLine = (r: { code: number | null; stderr: string }, message: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  };

  it('refuses an --out that is a file, before any work', async () => {
    const file = join(tempDir(), 'afile');
    writeFileSync(file, 'x');
    oneLine(await run(file), /afile: is a file, not a folder/);
  });

  it('refuses an --out that cannot be created, without hanging', async () => {
    oneLine(await run('/proc/funkatlas-out'), /cannot create or write the output folder/);
  });

  it('creates missing parent folders of --out', async () => {
    const out = join(tempDir(), 'a', 'b', 'c');
    expect((await run(out)).code).toBe(0);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('leaves no summary.json claiming a mixed set when a forced rewrite fails', async () => {
    const out = join(tempDir(), 'out');
    expect((await run(out)).code).toBe(0);
    rmSync(join(out, 'lte-dead-zones.geojson'));
    mkdirSync(join(out, 'lte-dead-zones.geojson', 'blocker'), { recursive: true });
    const r = await run(out, '--force');
    oneLine(r, /cannot write output \(E[A-Z]+\)/);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it.each([
    [['--workers', '-1'], /--workers must be an integer from 0 to 256 \(value: "-1"\)/],
    [['--workers', ''], /--workers must be an integer/],
    [['--workers', '1.5'], /--workers must be an integer/],
  ])('rejects %j in one line', async (extra, message) => {
    oneLine(await run(join(tempDir(), 'out'), ...extra), message);
  });

  it('refuses a folder given as the households CSV', async () => {
    const dir = join(tempDir(), 'households.csv');
    mkdirSync(dir);
    oneLine(
      await runCli(['analyze', '--households', dir, ...handArgs(join(tempDir(), 'out')).slice(3)]),
      /is a directory/,
    );
  });
});
