import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { handArgsWithCoverage, handSnapshot, runCli } from './run-cli.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
const q4 = handSnapshot;
const args = handArgsWithCoverage;

describe('dated coverage snapshots from the CLI', () => {
  it('--coverage DATE=PATH: the snapshots, the goals as of the latest, the dead zones followed', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(args(out, [q4(2024), q4(2023)]));
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.schema).toBe('funkatlas/summary@2');
    expect(summary.snapshots.map((s: { date: string }) => s.date)).toEqual(['2023-12-31', '2024-12-31']);
    expect(summary.as_of).toBe('2024-12-31');
    // The latest snapshot's figures stay where summary@1 had them.
    expect(summary.totals).toEqual(summary.snapshots[1].totals);
    expect(summary.dead_zone_changes.counts).toMatchObject({ closed: 1, shrunk: 1, unchanged: 2 });
    expect(r.stdout).toContain(
      'LTE dead zones from 2023-12-31 to 2024-12-31: 1 closed, 1 shrunk, 2 unchanged',
    );
    expect(r.stdout).toContain('Goals as of 2024-12-31:');
    // 8 → 2 households without LTE in a year: the line reaches 0 on 2025-05-02, after the deadline.
    expect(r.stdout).toMatch(/every region +2\/3 met += 0 +2024-12-31 +off-track +2 hh +2025-05-02/);
    const csv = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(1 + 2 * 4);
    expect(csv[1]).toMatch(/^2023-12-31,,all regions,31,/);
    expect(readFileSync(join(out, 'dead-zone-changes.geojson'), 'utf8')).toContain('"status":"closed"');
  });

  it('diff of two dated runs takes their snapshot dates, without --dates', async () => {
    const dir = tempDir();
    expect((await runCli(args(join(dir, 'a'), [q4(2023)]))).code).toBe(0);
    expect((await runCli(args(join(dir, 'b'), [q4(2024)]))).code).toBe(0);
    const r = await runCli(['diff', join(dir, 'a'), join(dir, 'b'), '--out', join(dir, 'diff')]);
    expect(r.code, r.stderr).toBe(0);
    const diff = JSON.parse(readFileSync(join(dir, 'diff', 'diff.json'), 'utf8'));
    expect([diff.old.date, diff.new.date]).toEqual(['2023-12-31', '2024-12-31']);
  });

  it('--as-of judges the goals as of another day, with the snapshots up to it', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(args(out, [q4(2023), q4(2024)], '--as-of', '2024-06-30'));
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.as_of).toBe('2024-06-30');
    const noLte = summary.goals.find((g: { id: string }) => g.id === 'nrw-no-lte-gaps-2024');
    expect(noLte.results[0].values).toHaveLength(1);
  });

  it('--goals replaces the NRW set', async () => {
    const dir = tempDir();
    const goals = join(dir, 'goals.json');
    writeFileSync(
      goals,
      JSON.stringify({
        goals: [
          {
            id: 'lte-70',
            title: 'LTE for 70 % of households',
            metric: 'share_lte',
            comparison: '>=',
            value: 0.7,
            deadline: '2024-12-31',
            scope: 'total',
          },
        ],
      }),
    );
    const r = await runCli(args(join(dir, 'out'), [q4(2023), q4(2024)], '--goals', goals));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/LTE for 70 % of households\n.*total +93\.5 % +>= 70 % +2024-12-31 +met/);
  });

  it.each([
    [[q4(2023), `${SNAPSHOTS}coverage-2024q4.geojson`], /dated and undated --coverage do not mix/],
    [
      [`2023-02-30=${SNAPSHOTS}coverage-2023q4.geojson`],
      /field --coverage: the date before = is not a calendar date/,
    ],
    [['2023-12-31='], /no file after the date/],
  ])('refuses %j with one line, exit 2', async (coverage, message) => {
    const r = await runCli(args(join(tempDir(), 'out'), coverage));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses --as-of that is not a date, and a goals file with a bad goal, naming the field', async () => {
    const bad = await runCli(args(join(tempDir(), 'out'), [q4(2023)], '--as-of', '2024-13-01'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--as-of.*2024-13-01/);
    const dir = tempDir();
    const goals = join(dir, 'goals.json');
    writeFileSync(
      goals,
      JSON.stringify({
        goals: [
          {
            id: 'x',
            title: 't',
            metric: 'share_6g',
            comparison: '>',
            value: 1,
            deadline: '2024-12-31',
            scope: 'total',
          },
        ],
      }),
    );
    const r = await runCli(args(join(dir, 'out'), [q4(2023)], '--goals', goals));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/goals\.json.*metric.*share_6g/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
