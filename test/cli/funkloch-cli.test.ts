import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { handArgs, runCli } from './run-cli.js';

describe('--funkloch-cells', () => {
  it('counts the cells per region and in total, writes them as a layer, and a goal can name them', async () => {
    const dir = tempDir();
    const goals = join(dir, 'goals.json');
    writeFileSync(
      goals,
      JSON.stringify({
        goals: [
          {
            id: 'no-funkloch',
            title: 'No Funkloch cell',
            metric: 'funkloch_cells',
            comparison: '=',
            value: 0,
            deadline: '2024-12-31',
            scope: 'total',
          },
        ],
      }),
    );
    const out = join(dir, 'out');
    const r = await runCli([
      ...handArgs(out, '--funkloch-cells', '2000', '--goals', goals, '--as-of', '2024-01-01'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.funkloch_cells).toEqual({
      crs: 'EPSG:25832',
      cell_size: 2000,
      threshold: 0.5,
      technologies: ['lte'],
    });
    const perRegion = summary.regions.map(
      (g: { funkloch_cells: { count: number } }) => g.funkloch_cells.count,
    );
    expect(perRegion.reduce((a: number, b: number) => a + b, 0)).toBe(summary.totals.funkloch_cells.count);
    // The hand scenario's 8 households without LTE lie in region R2: its cells are Funklöcher.
    expect(summary.totals.funkloch_cells.households).toBeGreaterThanOrEqual(8);
    const layer = JSON.parse(readFileSync(join(out, 'funkloch-cells.geojson'), 'utf8'));
    expect(layer.features).toHaveLength(summary.totals.funkloch_cells.count);
    expect(summary.goals[0]).toMatchObject({ id: 'no-funkloch', status: 'off-track' });
    expect(r.stdout).toMatch(/Funkloch cells +\d+ +of \d+ inhabited 2000 m cells/);
  });

  it('refuses a cell size that is not a number of metres', async () => {
    const r = await runCli(handArgs(join(tempDir(), 'out'), '--funkloch-cells', 'big'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/field --funkloch-cells: --funkloch-cells takes the cells' edge in metres/);
  });
});
