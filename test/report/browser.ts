import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium; .ci/run installs it): no browser download. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM)
  console.warn(`funkatlas tests: ${CHROMIUM} not found, skipping the browser tests of report.html`);

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A page that aborts every request but file: ones and records them, and records console errors. */
export async function guardedPage(browser: Browser, viewport = { width: 1280, height: 900 }) {
  const page: Page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  return { page, requests, errors };
}

/** The variance of a PNG's grey levels, measured in a blank page (no image library in Node). */
export async function pixelVariance(page: Page, png: Buffer): Promise<number> {
  // Browser code as text: the tests are typed without the DOM's types.
  return page.evaluate(`(async () => {
    const image = new Image();
    image.src = 'data:image/png;base64,${png.toString('base64')}';
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    let sum = 0, sum2 = 0;
    const n = data.length / 4;
    for (let k = 0; k < data.length; k += 4) {
      const grey = (data[k] + data[k + 1] + data[k + 2]) / 3;
      sum += grey;
      sum2 += grey * grey;
    }
    return sum2 / n - (sum / n) ** 2;
  })()`);
}

/** The browser's XML parser's complaint about `text`, or null when it is well-formed. */
export async function browserXmlProblem(page: Page, text: string): Promise<string | null> {
  return page.evaluate(`(() => {
    const doc = new DOMParser().parseFromString(${JSON.stringify(text)}, 'application/xml');
    const error = doc.querySelector('parsererror');
    return error ? error.textContent : null;
  })()`);
}
