import { join } from 'node:path';
import { serve } from './scripts/serve.mjs';
import { launchChromium } from './tests/e2e/chromium.mjs';
const server = await serve('/work/main', 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${base}www/index.html`);
await page.waitForFunction(() => document.getElementById('version').textContent.startsWith('aigc-label'));
await page.waitForTimeout(1500);
for (const f of ['sdxl-marked-1024.png', 'unmarked-1024.png']) {
  const rows = [];
  for (let i = 0; i < 9; i++) {
    await page.evaluate(() => document.getElementById('result').removeAttribute('data-verdict'));
    await page.setInputFiles('#file', join('/work/main/target/bench', f));
    await page.waitForSelector('#result[data-verdict]');
    const meta = await page.locator('#result .meta').textContent();
    rows.push((await page.locator("#result .errors").textContent()).slice(-40)); rows.push(`${await page.getAttribute('#result', 'data-elapsed-ms')}/${/Time: ([\d.]+)/.exec(meta)[1]}`);
  }
  console.log(f, rows.join(' '));
}
await browser.close(); server.close();
