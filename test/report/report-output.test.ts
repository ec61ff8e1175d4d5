import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, writeOutputs } from '../../src/index.js';
import { formatNumber, formatPercent } from '../../src/report/number-format.js';
import { runCli } from '../cli/run-cli.js';
import { HAND, tempDir } from '../helpers.js';
import { handSnapshots, nrwSnapshots } from './scenarios.js';
import { xmlProblem } from './xml-check.js';

/** The `data-sort` values of a table's rows, by column, as written. */
function tableCells(html: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td[^>]*?(?: data-sort="([^"]*)")?>([^<]*)<\/td>/g)].map((c) => c[1] ?? c[2]),
  );
}

describe('report.html and the QGIS styles beside the outputs', () => {
  let out: string;
  let html: string;
  let summary: {
    regions: Record<string, number | string | null>[];
    totals: { operators: Record<string, Record<string, number>> };
  };
  beforeAll(async () => {
    out = join(tempDir(), 'out');
    const r = await runCli(handSnapshots(out));
    expect(r.code, r.stderr).toBe(0);
    html = readFileSync(join(out, 'report.html'), 'utf8');
    summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  });

  it('is one file that asks for nothing: no src, no href, no url() but its own pattern', () => {
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html.match(/url\([^)]*\)/g)?.every((u) => u === 'url(#new-dead-zone)') ?? true).toBe(true);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain("default-src 'none'");
  });

  it('draws one path per region and one chart per goal', () => {
    const ids = [...html.matchAll(/<path class="region" data-region-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.sort()).toEqual(summary.regions.map((r) => r.id).sort());
    const goals = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).goals;
    expect(html.match(/<svg [^>]*class="goal-chart"/g)).toHaveLength(goals.length);
  });

  it('the region and operator tables hold summary.json’s numbers', () => {
    const rows = tableCells(html, 'regions');
    const fields = [
      'id',
      'name',
      'households',
      'share_5g',
      'share_lte',
      'share_area_5g',
      'households_no_lte',
      'lte_dead_zone_area_km2',
    ];
    expect(rows).toHaveLength(summary.regions.length);
    rows.forEach((row, k) => {
      const region = summary.regions[k];
      expect(row).toEqual(fields.map((f) => (region[f] === null ? '–' : String(region[f]))));
    });
    const operators = tableCells(html, 'operators');
    expect(operators.map((row) => row[0])).toEqual(Object.keys(summary.totals.operators));
    operators.forEach((row) => {
      const o = summary.totals.operators[row[0]];
      expect(row.slice(1).map(Number)).toEqual([o.households_5g, o.share_5g, o.households_lte, o.share_lte]);
    });
  });

  it('writes regions.qml (graduated on share_5g, the report’s classes) and lte-dead-zones.qml, well-formed', () => {
    const regions = readFileSync(join(out, 'regions.qml'), 'utf8');
    const zones = readFileSync(join(out, 'lte-dead-zones.qml'), 'utf8');
    expect(xmlProblem(regions)).toBeNull();
    expect(xmlProblem(zones)).toBeNull();
    expect(xmlProblem('<a><b></a></b>')).not.toBeNull();
    const field = /attr="([^"]+)"/.exec(regions)?.[1] as string;
    const properties = JSON.parse(readFileSync(join(out, 'regions.geojson'), 'utf8')).features[0].properties;
    expect(Object.keys(properties)).toContain(field);
    expect([...regions.matchAll(/name="color" type="QString" value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '68,1,84,255',
      '59,82,139,255',
      '33,145,140,255',
      '94,201,98,255',
      '253,231,37,255',
    ]);
    expect(zones).toContain('type="singleSymbol"');
  });

  it('--lang de: German labels and numbers; --min-households hides small dead zones, not their totals', async () => {
    const de = join(tempDir(), 'out');
    const r = await runCli(handSnapshots(de, '--lang', 'de', '--min-households', '2'));
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(join(de, 'report.html'), 'utf8');
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('Haushalte');
    const totals = JSON.parse(readFileSync(join(de, 'summary.json'), 'utf8')).totals;
    expect(page).toContain(`<strong>${formatPercent(totals.share_5g, 'de')}</strong>`);
    expect(page).toContain(`<strong>${formatNumber(totals.households, 'de')}</strong>`);
    const zones = JSON.parse(readFileSync(join(de, 'lte-dead-zones.geojson'), 'utf8')).features;
    const kept = zones.filter((f: { properties: { households: number } }) => f.properties.households >= 2);
    expect(kept.length).toBeLessThan(zones.length);
    expect(page.match(/<path class="dead-zone"/g) ?? []).toHaveLength(kept.length);
    expect(tableCells(page, 'dead-zones')).toHaveLength(kept.length);
    expect(page).toContain('weniger als 2 Haushalten');
  });

  it('--no-report writes no report.html (the styles still); bad report flags fail in one line', async () => {
    const none = join(tempDir(), 'out');
    expect((await runCli(handSnapshots(none, '--no-report'))).code).toBe(0);
    expect(existsSync(join(none, 'report.html'))).toBe(false);
    expect(existsSync(join(none, 'regions.qml'))).toBe(true);
    const bad = await runCli(handSnapshots(join(tempDir(), 'out'), '--min-households', 'many'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--min-households');
    const both = await runCli(handSnapshots(join(tempDir(), 'out'), '--no-report', '--lang', 'de'));
    expect(both.code).toBe(2);
  });

  it('the library: report: false, or { lang, minHouseholds } checked by name', async () => {
    const result = await analyze({
      households: `${HAND}households.geojson`,
      coverage: [`${HAND}coverage.geojson`],
      regions: `${HAND}regions.geojson`,
      workers: 0,
    });
    const dir = tempDir();
    expect(() => writeOutputs(result, dir, { report: { lang: 'fr' as 'en' } })).toThrow(
      /report\.lang must be one of en, de/,
    );
    expect(existsSync(join(dir, 'summary.json'))).toBe(false);
    writeOutputs(result, dir, { report: false });
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});

describe('report.html for the embedded NRW scenario (npm start)', () => {
  it('stays under 5 MB, marks the coverage synthetic, the new dead zone hatched', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(nrwSnapshots(out));
    expect(r.code, r.stderr).toBe(0);
    const page = join(out, 'report.html');
    expect(statSync(page).size).toBeLessThan(5 * 1024 * 1024);
    const html = readFileSync(page, 'utf8');
    expect(html).toMatch(/<title>[^<]*synthetic[^<]*<\/title>/);
    expect(html).toContain('class="map-note"');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const newZones =
      html.match(/<path class="dead-zone" data-status="new"[^>]*fill="url\(#new-dead-zone\)"/g) ?? [];
    expect(newZones).toHaveLength(summary.dead_zone_changes.counts.new);
    expect(html.match(/<path class="dead-zone"/g)).toHaveLength(
      summary.snapshots.at(-1).lte_dead_zones.count,
    );
    expect(html).toContain('Verwaltungsgrenzen: © GeoBasis-DE / Geobasis NRW 2022, dl-de/zero-2-0');
    expect(html).toContain('Zensus 2011');
  });
});
