// The README's picture of the report: `npm start`, then this, writes docs/report.png from out/report.html
// in Debian's Chromium (offline: every request but file: is refused), hovering one region for its figures.
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [page = 'out/report.html', image = 'docs/report.png', region = '05958000'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await tab.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  await tab.goto(`file://${resolve(page)}`);
  await tab.locator(`path.region[data-region-id="${region}"]`).hover({ force: true });
  await tab.screenshot({ path: image });
  console.log(`Wrote ${image}`);
} finally {
  await browser.close();
}
