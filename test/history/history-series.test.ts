import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handArgsWithCoverage, handSnapshot, runCli } from '../cli/run-cli.js';
import { tempDir } from '../helpers.js';

describe('a history continues the series', () => {
  it('a run of the new quarter alone judges the goals over the stored quarters and follows their dead zones on', async () => {
    const dir = tempDir();
    const history = join(dir, 'history.gpkg');
    const first = await runCli(
      handArgsWithCoverage(join(dir, 'q1'), [handSnapshot(2023)], '--history', history),
    );
    expect(first.code, first.stderr).toBe(0);
    const out = join(dir, 'q2');
    const second = await runCli(handArgsWithCoverage(out, [handSnapshot(2024)], '--history', history));
    expect(second.code, second.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    // This run analysed one snapshot; its goals see both, as a run of both would.
    expect(summary.snapshots.map((s: { date: string }) => s.date)).toEqual(['2024-12-31']);
    const both = join(dir, 'both');
    expect((await runCli(handArgsWithCoverage(both, [handSnapshot(2023), handSnapshot(2024)]))).code).toBe(0);
    const reference = JSON.parse(readFileSync(join(both, 'summary.json'), 'utf8'));
    expect(summary.goals).toEqual(reference.goals);
    expect(summary.goals[2].projected_date).toBe('2025-05-02');
    // The dead zones are followed on from the stored quarter, with its ids, as in the run of both.
    expect(summary.dead_zone_changes).toEqual(reference.dead_zone_changes);
    const zones = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'dead-zone-changes.geojson'), 'utf8')).features.map(
        (f: { properties: { id: string; status: string; changes: unknown } }) => [
          f.properties.id,
          f.properties.status,
          f.properties.changes,
        ],
      );
    expect(zones(out)).toEqual(zones(both));
  });
});
