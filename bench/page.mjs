// Shared by the browser benchmarks: serves the repository on 127.0.0.1 and opens the page in
// headless Chromium, ready once the wasm module has reported its version.
import { serve } from '../scripts/serve.mjs';
import { launchChromium } from '../tests/e2e/chromium.mjs';

/**
 * { server, browser, page, base } with www/index.html loaded and its worker done warming up
 * (www/worker.js). Close browser and server after.
 */
export async function openPage(root) {
  const server = await serve(root, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${base}www/index.html`);
  await page.waitForFunction(() => document.getElementById('version').textContent.startsWith('aigc-label'));
  await page.waitForFunction(() => document.body.dataset.workerWarm === 'true', null, { timeout: 60000 });
  return { server, browser, page, base };
}
