import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAND, tempDir, validateSummary } from '../helpers.js';
import { handArgs, handArgsWith, runCliAsync } from './run-cli.js';

/** The CLI with user strings as names and keys: prototype names, clashing columns, --region, region names. */
const dir = tempDir();

/** The hand-built coverage with operator A named `__proto__` and technology 3G named `constructor`. */
function prototypeCoverage(): string {
  const doc = JSON.parse(readFileSync(`${HAND}coverage.geojson`, 'utf8'));
  for (const f of doc.features) {
    if (f.properties.operator === 'A') f.properties.operator = '__proto__';
    if (f.properties.technology === '3G') f.properties.technology = 'constructor';
  }
  const path = join(dir, 'coverage-prototype.geojson');
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/** Regions keyed by AGS, without any name property. */
function regionsWithoutNames(): string {
  const doc = JSON.parse(readFileSync(`${HAND}regions.geojson`, 'utf8'));
  for (const f of doc.features) f.properties = { AGS: `0576${f.properties.id.slice(1)}000` };
  const path = join(dir, 'regions-ags.geojson');
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const oneLine = (stderr: string) => {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0];
};

describe('the CLI with user strings as names', () => {
  it('operator __proto__ and technology constructor, with workers and without: exit 0, in every output', async () => {
    const coverage = prototypeCoverage();
    const runs = await Promise.all(
      ['0', '2'].map(async (workers) => {
        const out = join(dir, `proto-${workers}`);
        return { out, ...(await runCliAsync(handArgsWith({ coverage }, out, '--workers', workers))) };
      }),
    );
    for (const { out, code, stderr } of runs) {
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(validateSummary(summary)).toBe(true);
      expect(Object.keys(summary.totals.operators)).toEqual(['B', 'C', '__proto__']);
      expect(Object.keys(summary.totals.other_technologies)).toEqual(['constructor']);
      const header = readFileSync(join(out, 'regions.csv'), 'utf8').split('\n')[0];
      expect(header).toContain('__proto___households_5g,__proto___households_lte');
      expect(header).toContain('households_constructor,share_constructor');
    }
  }, 60_000);

  it('refuses a clashing name, --region ids no region has, and --region-name constructor: one line, exit 2, no outputs', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--coverage', `${HAND}../bad/column-technology-no-lte.geojson`],
        /column-technology-no-lte.geojson, feature 1, field properties.technology: technology "no_lte" would write the column households_no_lte/,
      ],
      [
        ['--region', 'R2,R9'],
        /regions.geojson, field --region: no region has this id \(value: "R9"\) — ids \(property id\) are e.g. "R1", "R2", "R3"$/,
      ],
      [
        ['--region', 'R1,,R2'],
        /field --region: --region must list region ids separated by commas \(value: "R1,,R2"\)/,
      ],
      [
        ['--region-name', 'constructor'],
        /field properties.constructor: no region has this property — .*\(properties: id, name\)$/,
      ],
      [
        ['--region-id', '__proto__'],
        /field properties.__proto__: no region has this property — .*--region-id \(properties: id, name\)$/,
      ],
    ];
    const runs = await Promise.all(
      cases.map(async ([extra], k) => {
        const out = join(dir, `refused-${k}`);
        const coverageAt = extra.indexOf('--coverage');
        const given =
          coverageAt >= 0 ? handArgsWith({ coverage: extra[coverageAt + 1] }, out) : handArgs(out, ...extra);
        return { out, ...(await runCliAsync(given)) };
      }),
    );
    runs.forEach(({ out, code, stdout, stderr }, k) => {
      expect({ k, code }).toEqual({ k, code: 2 });
      expect(stdout).toBe('');
      expect(oneLine(stderr)).toMatch(cases[k][1]);
      expect(existsSync(join(out, 'summary.json'))).toBe(false);
    });
  }, 60_000);

  it('--region R1 --region R3 analyses those two; regions without names are named by id, said once', async () => {
    const regions = regionsWithoutNames();
    const selected = join(dir, 'selected');
    const named = join(dir, 'named');
    const quiet = join(dir, 'quiet');
    const [a, b, c] = await Promise.all([
      runCliAsync([...handArgs(selected), '--region', 'R1', '--region', 'R3']),
      runCliAsync(handArgsWith({ regions }, named, '--region-id', 'AGS').filter((x) => x !== '--quiet')),
      runCliAsync(handArgsWith({ regions }, quiet, '--region-id', 'AGS')),
    ]);
    expect(a.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(selected, 'summary.json'), 'utf8'));
    expect(summary.options).toEqual({ region_id: 'id', region_name: 'name', region_filter: ['R1', 'R3'] });
    expect(summary.regions.map((r: { id: string }) => r.id)).toEqual(['R1', 'R3']);
    expect(validateSummary(summary)).toBe(true);
    // The outputs hold the selected regions only, each with its own polygon and dead zones.
    const features = (file: string) => JSON.parse(readFileSync(join(selected, file), 'utf8')).features;
    const outputRegions = features('regions.geojson');
    expect(outputRegions.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(['R1', 'R3']);
    expect(JSON.stringify(outputRegions[1].geometry)).toContain('[7.625,51.625]');
    const zoneRegions = features('lte-dead-zones.geojson').map(
      (f: { properties: { region_id: string } }) => f.properties.region_id,
    );
    expect(new Set(zoneRegions)).toEqual(new Set(['R1', 'R3']));
    expect(b.code).toBe(0);
    const notices = b.stderr.split('\n').filter((l) => l.includes('used as names'));
    expect(notices).toEqual([
      `funkatlas: warning: ${regions}: the regions have no name, GN, GEN, NAME property, so their ids (AGS) are used as names; name the property with --region-name`,
    ]);
    expect(c.code).toBe(0);
    expect(c.stderr).toBe('');
  }, 60_000);
});
