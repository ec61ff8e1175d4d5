import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAND, tempDir, validateSummary } from '../helpers.js';
import { runCliAsync } from './run-cli.js';

const BAD = new URL('../fixtures/bad/', import.meta.url).pathname;

/** Which input each refused corpus file is given as; the other two inputs are the hand-built ones. */
const refused: [string, 'households' | 'coverage' | 'regions'][] = [
  ['invalid-json.geojson', 'households'],
  ['truncated.geojson', 'coverage'],
  ['empty-file.geojson', 'regions'],
  ['not-a-feature-collection.geojson', 'regions'],
  ['corrupt.geojson.gz', 'households'],
  ['linestring-household.geojson', 'households'],
  ['null-geometry.geojson', 'households'],
  ['empty-point.geojson', 'households'],
  ['string-coordinates.geojson', 'households'],
  ['infinity-coordinate.geojson', 'households'],
  ['huge-coordinate.geojson', 'households'],
  ['out-of-range.geojson', 'households'],
  ['metres-as-degrees.geojson', 'households'],
  ['swapped-axes.geojson', 'households'],
  ['households-negative.geojson', 'households'],
  ['households-fractional.geojson', 'households'],
  ['households-string.geojson', 'households'],
  ['households-huge.geojson', 'households'],
  ['csv-missing-columns.csv', 'households'],
  ['csv-bad-row.csv', 'households'],
  ['csv-cr-only.csv', 'households'],
  ['csv-mixed-line-ends.csv', 'households'],
  ['csv-quoted-newline.csv', 'households'],
  ['csv-unclosed-quote.csv', 'households'],
  ['csv-ogr2ogr-xy-metres.csv', 'households'],
  ['households-string-number.geojson', 'households'],
  ['point-coverage.geojson', 'coverage'],
  ['missing-operator.geojson', 'coverage'],
  ['missing-technology.geojson', 'coverage'],
  ['empty-polygon.geojson', 'coverage'],
  ['unclosed-ring.geojson', 'coverage'],
  ['short-ring.geojson', 'coverage'],
  ['bowtie.geojson', 'coverage'],
  ['spike.geojson', 'coverage'],
  ['hole-outside-shell.geojson', 'coverage'],
  ['duplicate-region-ids.geojson', 'regions'],
  ['region-without-id.geojson', 'regions'],
  ['empty-regions.geojson', 'regions'],
  ['column-technology-no-lte.geojson', 'coverage'],
  ['column-operator-technology.geojson', 'coverage'],
];

function args(file: string, role: string, out: string, extra: string[] = []): string[] {
  const path = (r: string, hand: string) => (r === role ? BAD + file : HAND + hand);
  return [
    'analyze',
    '--households',
    path('households', 'households.geojson'),
    '--coverage',
    path('coverage', 'coverage.geojson'),
    '--regions',
    path('regions', 'regions.geojson'),
    '--out',
    out,
    '--workers',
    '0',
    '--quiet',
    ...extra,
  ];
}

/** Runs at most `limit` at once: each is a Node process. */
async function inBatches<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit)
    results.push(...(await Promise.all(items.slice(i, i + limit).map(run))));
  return results;
}

describe('the CLI on the bad-input corpus', () => {
  it('refuses each broken file with one line naming it, exit code 2, no stack trace, no output', async () => {
    const dir = tempDir();
    const runs = await inBatches(refused, 4, async ([file, role]) => {
      const out = join(dir, file);
      return { file, out, ...(await runCliAsync(args(file, role, out))) };
    });
    for (const { file, out, code, stdout, stderr } of runs) {
      expect({ file, code }).toEqual({ file, code: 2 });
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines, file).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^funkatlas: .*${file.replace(/\./g, '\\.')}`));
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out), `${file}: the --out folder it made`).toBe(false);
    }
  }, 120_000);

  it('--invalid=skip runs through and counts what it dropped; the households balance', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCliAsync(args('csv-bad-row.csv', 'households', out, ['--invalid', 'skip']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
    expect(summary.skipped).toEqual({ 'bad-coordinates': 4 });
    expect(summary.invalid.skipped).toEqual([
      {
        role: 'households',
        path: `${BAD}csv-bad-row.csv`,
        reason: 'bad-coordinates',
        features: 1,
        households: 4,
      },
    ]);
    const b = summary.households_balance;
    expect(b).toMatchObject({ read: 9, skipped: 4, balanced: true });
    expect(b.in_regions + b.outside_regions + b.skipped).toBe(b.read);
  });

  it('--invalid=repair lists each repair with its area before and after', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCliAsync(args('bowtie.geojson', 'coverage', out, ['--invalid', 'repair']));
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
    expect(summary.invalid).toMatchObject({ policy: 'repair', repaired_total: 1 });
    expect(summary.invalid.repaired[0]).toMatchObject({
      role: 'coverage',
      feature: 0,
      reason: 'self-intersection',
    });
    expect(summary.invalid.repaired[0].area_after_km2).toBeCloseTo(38.9, 0);
  });
});
