import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricScale } from '../../src/report/metrics.js';
import { formatNumber, formatPercent } from '../../src/report/number-format.js';
import { classIndex } from '../../src/report/palette.js';
import { runCli } from '../cli/run-cli.js';
import { tempDir } from '../helpers.js';
import { browserXmlProblem, guardedPage, HAS_CHROMIUM, launch, pixelVariance } from './browser.js';
import { handSnapshots } from './scenarios.js';

interface Region {
  id: string;
  name: string;
  households: number;
  share_5g: number | null;
  share_lte: number | null;
}

describe.skipIf(!HAS_CHROMIUM)('report.html in Chromium (offline, from disk)', () => {
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let errors: string[];
  let out: string;
  let summary: { regions: Region[]; goals: { id: string }[] };

  beforeAll(async () => {
    out = join(tempDir(), 'out');
    const r = await runCli(handSnapshots(out));
    expect(r.code, r.stderr).toBe(0);
    summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    browser = await launch();
    ({ page, requests, errors } = await guardedPage(browser));
    await page.goto(`file://${join(out, 'report.html')}`);
    await page.waitForLoadState('load');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and asks for nothing over the network', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('draws one path per region and each goal’s chart', async () => {
    const ids = await page
      .locator('path.region')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-region-id')));
    expect(ids.sort()).toEqual(summary.regions.map((r) => r.id).sort());
    for (const goal of summary.goals) {
      const series = page.locator(`svg.goal-chart[data-goal-id="${goal.id}"] path.series`);
      const box = await series.boundingBox();
      expect(box, goal.id).not.toBeNull();
      expect((box?.width ?? 0) + (box?.height ?? 0)).toBeGreaterThan(10);
      await expect
        .poll(() => page.locator(`svg.goal-chart[data-goal-id="${goal.id}"] line.goal-line`).count())
        .toBe(1);
    }
  });

  it('sorts the region table by a header, and back; the filter box hides rows', async () => {
    const households = () =>
      page
        .locator('#regions tbody tr:not([hidden]) td:nth-child(3)')
        .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-sort'))));
    const all = summary.regions.map((r) => r.households);
    await page.locator('#regions th[data-col="2"] button').click();
    expect(await households()).toEqual([...all].sort((a, b) => a - b));
    expect(await page.locator('#regions th[data-col="2"]').getAttribute('aria-sort')).toBe('ascending');
    // From the keyboard: the header is a button.
    await page.locator('#regions th[data-col="2"] button').focus();
    await page.keyboard.press('Enter');
    expect(await households()).toEqual([...all].sort((a, b) => b - a));
    const name = summary.regions[0].name;
    await page.fill('#region-filter', name);
    const shown = await page.locator('#regions tbody tr:not([hidden])').count();
    expect(shown).toBe(
      summary.regions.filter((r) => `${r.id} ${r.name}`.toLowerCase().includes(name.toLowerCase())).length,
    );
    await page.fill('#region-filter', '');
  });

  it('the metric selector recolours the map by the chosen metric’s classes', async () => {
    const fills = () =>
      page
        .locator('path.region')
        .evaluateAll((ps) =>
          ps.map((p) => [p.getAttribute('data-region-id'), p.getAttribute('fill')] as [string, string]),
        );
    const expected = (metric: 'share_5g' | 'share_lte') => {
      const scale = metricScale(metric, summary.goals as never);
      return new Map(
        summary.regions.map((r) => [
          r.id,
          r[metric] === null ? '#cccccc' : scale.colors[classIndex(r[metric] as number, scale.breaks)],
        ]),
      );
    };
    expect(new Map(await fills())).toEqual(expected('share_5g'));
    await page.selectOption('#metric', 'share_lte');
    expect(new Map(await fills())).toEqual(expected('share_lte'));
    expect(await page.locator('.legend[data-metric="share_lte"]').isVisible()).toBe(true);
    expect(await page.locator('.legend[data-metric="share_5g"]').isVisible()).toBe(false);
    // From the keyboard: the selector is a native <select>.
    await page.selectOption('#metric', 'share_5g');
    await page.locator('#metric').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#metric').inputValue()).toBe('share_lte');
    expect(new Map(await fills())).toEqual(expected('share_lte'));
    await page.selectOption('#metric', 'share_5g');
  });

  it('prints without its controls (A4 landscape)', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#metric').isVisible()).toBe(false);
    expect(await page.locator('#regions').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('#metric').isVisible()).toBe(true);
  });

  it('hovering or focusing a region shows its figures, equal to summary.json', async () => {
    const region = summary.regions.find((r) => r.households > 0) as Region;
    await page.locator(`path.region[data-region-id="${region.id}"]`).hover({ force: true });
    const tip = page.locator('#tooltip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain(region.name);
    const field = (name: string) => tip.locator(`dd[data-field="${name}"]`);
    expect(await field('households').getAttribute('data-value')).toBe(String(region.households));
    expect(await field('households').textContent()).toBe(formatNumber(region.households, 'en'));
    expect(await field('share_5g').getAttribute('data-value')).toBe(String(region.share_5g));
    expect(await field('share_5g').textContent()).toBe(formatPercent(region.share_5g, 'en'));
    // From the keyboard: each region takes the focus.
    const other = summary.regions.at(-1) as Region;
    await page.mouse.move(0, 0);
    await page.locator(`path.region[data-region-id="${other.id}"]`).focus();
    expect(await tip.textContent()).toContain(other.name);
  });

  it('a screenshot is not blank; the QGIS styles parse as XML', async () => {
    const shot = await page.screenshot();
    const blank = await browser.newPage();
    expect(await pixelVariance(blank, shot)).toBeGreaterThan(100);
    for (const name of ['regions.qml', 'lte-dead-zones.qml'])
      expect(await browserXmlProblem(blank, readFileSync(join(out, name), 'utf8')), name).toBeNull();
    await blank.close();
  });
});
