// End-to-end: loads the unpacked extension (www/extension) into headless Chromium, opens a
// page of fixture images served on 127.0.0.1 and reads the badges the extension puts on them.
// Run after `npm run build` (it copies the wasm build into www/extension/pkg).
//
// Service-worker network events are off in playwright by default; with them on, the image
// fetches of the extension's service worker pass through context.route and are logged too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_FLAGS } from './chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const extension = join(root, 'www/extension');
const shots = join(root, 'tests/e2e/screenshots');

/** Page images and the badge each should get (no_label: none). */
const EXPECTED = {
  'corpus/doubao_black_1x1_1.png': 'ai_labeled',
  'corpus/mj-1.png': 'ai_labeled',
  'corpus/chatgpt-1.png': 'ai_labeled',
  'corpus/grok-1.jpg': 'suspected_ai',
  'corpus/adobe-20220124-XCA.jpg': 'invalid_label',
  'corpus/adobe-20220124-A.jpg': 'no_label',
  'labels/exif-usercomment-label2.jpg': 'possibly_ai',
  'watermark/unmarked/skimage-chelsea.jpg': 'no_label',
  'watermark/unmarked/skimage-coffee.jpg': 'no_label',
  'watermark/unmarked/mate-Aqua.jpg': 'no_label',
  'hostile/markup-in-fields.png': 'ai_labeled',
};
/** mj-1.png is shown twice and the 1×1 tracking pixel is too small to check. */
const IMAGES_ON_PAGE = Object.keys(EXPECTED).length + 2;
const BADGES_ON_PAGE = Object.values(EXPECTED).filter((verdict) => verdict !== 'no_label').length + 1;

let server; let bigServer; let bigBase; let context; let page; let worker; let base; let pageUrl; let profile;
const requests = [];
const workerRequests = [];
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(join(extension, 'pkg/aigc_label_bg.wasm')),
    'www/extension/pkg is empty: run `npm run build` first');
  // tests/ is served so that the page (tests/e2e/extension-page/) can name the fixtures.
  server = await serve(join(root, 'tests'), 0);
  base = `http://127.0.0.1:${server.address().port}/`;
  pageUrl = `${base}e2e/extension-page/`;
  bigServer = await serveOversized();
  bigBase = `http://127.0.0.1:${bigServer.address().port}/`;
  profile = mkdtempSync(join(tmpdir(), 'aigc-label-extension-'));
  // Plain `headless: true` is enough: playwright adds --headless, which in Chromium 156 is the
  // new headless mode (the full browser, extensions included), and --disable-extensions, which
  // --disable-extensions-except overrides for the one folder named.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 1000 },
    args: [
      ...CHROMIUM_FLAGS.filter((flag) => flag !== '--headless'),
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  });
  // Every request of the page and of the extension's service worker passes through here;
  // anything not ours is blocked (and then reported by the last test).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith(base) || url.startsWith(bigBase) ? route.continue() : route.abort();
  });
  context.on('request', (request) => {
    requests.push(request.url());
    if (request.serviceWorker()) workerRequests.push(request.url());
  });
  const isOurs = (w) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
  worker = context.serviceWorkers().find(isOurs)
    ?? await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 15000 });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.setDefaultTimeout(10000);
  await page.goto(pageUrl);
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await context?.close();
  server?.close();
  bigServer?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/**
 * A server of responses over the extension's 64 MiB limit: /declared says so in its
 * Content-Length (and sends nothing), /streamed sends 65 MiB without a length.
 */
function serveOversized() {
  const server = createServer((req, res) => {
    if (req.url === '/declared') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(100 * 1024 * 1024) });
      res.flushHeaders();
      req.on('close', () => res.destroy());
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png' });
    const chunk = Buffer.alloc(1024 * 1024);
    let sent = 0;
    const more = () => {
      while (sent < 65 && !res.destroyed) {
        sent++;
        if (!res.write(chunk)) return res.once('drain', more);
      }
      res.end();
    };
    res.on('error', () => {});
    more();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Waits until the content script has checked every image and has nothing in flight. */
async function settled() {
  await page.waitForFunction((count) => {
    const images = [...document.images];
    return images.length === count && images.every((img) => img.complete)
      && document.documentElement.dataset.aigcPending === '0'
      && Number(document.documentElement.dataset.aigcChecked) >= count - 2;
  }, IMAGES_ON_PAGE, { timeout: 30000 });
}

/**
 * For each image: the verdicts of the badges that name its URL and sit on its top-left
 * corner; plus the badges that belong to no image.
 */
function badgeMap() {
  return page.evaluate(() => {
    const badges = [...document.querySelectorAll('[data-aigc-verdict]')];
    const claimed = new Set();
    const onCorner = (badge, img) => {
      const b = badge.getBoundingClientRect();
      const i = img.getBoundingClientRect();
      return b.left >= i.left && b.top >= i.top && b.left <= i.left + 12 && b.top <= i.top + 12
        && b.right <= i.right && b.bottom <= i.bottom;
    };
    const images = [...document.images].map((img) => {
      const mine = badges.filter((badge) => badge.dataset.aigcSrc === img.currentSrc && onCorner(badge, img));
      for (const badge of mine) claimed.add(badge);
      const file = decodeURIComponent(new URL(img.currentSrc).pathname.replace(/^\/fixtures\//, ''));
      return { file: img.currentSrc.startsWith('data:') ? 'pixel' : file, verdicts: mine.map((b) => b.dataset.aigcVerdict) };
    });
    return { images, orphans: badges.filter((badge) => !claimed.has(badge)).map((b) => b.outerHTML) };
  });
}

test('the service worker runs the wasm verifier', async () => {
  assert.match(await worker.evaluate(() => self.aigcVersion()), /^\d+\.\d+\.\d+/);
});

test('every labelled image gets one badge with its verdict; the others get none', async () => {
  await settled();
  // Each distinct URL was checked once: mj-1.png once for its two copies, the pixel not at all.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.aigcChecked),
    String(Object.keys(EXPECTED).length));
  const { images, orphans } = await badgeMap();
  assert.deepEqual(orphans, []);
  assert.equal(images.length, IMAGES_ON_PAGE);
  for (const { file, verdicts } of images) {
    const expected = file === 'pixel' ? 'no_label' : EXPECTED[file];
    assert.ok(expected, `unexpected image ${file}`);
    assert.deepEqual(verdicts, expected === 'no_label' ? [] : [expected], file);
  }
  assert.equal(await page.locator('[data-aigc-verdict]').count(), BADGES_ON_PAGE);
  const badge = page.locator('[data-aigc-verdict="ai_labeled"]').first();
  assert.equal(await badge.getAttribute('role'), 'button');
  assert.equal(await badge.getAttribute('tabindex'), '0');
  assert.match(await badge.getAttribute('aria-label'), /Valid AI-generated label \/ 含有效AI生成标识/);
  // Page rules for [role="button"] and * do not reach the badge.
  assert.equal(await badge.evaluate((b) => getComputedStyle(b).textTransform), 'none');
  assert.equal(await badge.evaluate((b) => getComputedStyle(b).fontSize), '12px');
  await page.screenshot({ path: join(shots, 'extension.png'), fullPage: true });
});

test('badges follow their images when the layout changes', async () => {
  await page.setViewportSize({ width: 760, height: 1000 });
  try {
    await page.waitForFunction(() => {
      const badge = document.querySelector('[data-aigc-src$="grok-1.jpg"]');
      const img = [...document.images].find((i) => i.currentSrc.endsWith('grok-1.jpg'));
      const b = badge.getBoundingClientRect();
      const r = img.getBoundingClientRect();
      return Math.abs(b.left - r.left - 4) < 1 && Math.abs(b.top - r.top - 4) < 1;
    }, null, { timeout: 5000 });
    const { images, orphans } = await badgeMap();
    assert.deepEqual(orphans, []);
    assert.equal(images.filter((image) => image.verdicts.length === 1).length, BADGES_ON_PAGE);
  } finally {
    await page.setViewportSize({ width: 1100, height: 1000 });
  }
  // Scrolling the box that holds an image moves its badge to the corner of what still shows;
  // scrolled back, the badge is on the image's corner again.
  const corner = () => page.evaluate(() => {
    const badge = document.querySelector('[data-aigc-verdict="invalid_label"]').getBoundingClientRect();
    const box = document.querySelector('.scroller').getBoundingClientRect();
    const img = document.querySelector('.scroller img').getBoundingClientRect();
    return { badge: [badge.left, badge.top], box: [box.left, box.top], img: [img.left, img.top] };
  });
  await page.evaluate(() => document.querySelector('.scroller').scrollTo(60, 40));
  await page.waitForFunction(() => {
    const badge = document.querySelector('[data-aigc-verdict="invalid_label"]').getBoundingClientRect();
    const box = document.querySelector('.scroller').getBoundingClientRect();
    return Math.abs(badge.left - box.left - 4) < 1 && Math.abs(badge.top - box.top - 4) < 1;
  }, null, { timeout: 5000 }).catch(async (err) => assert.fail(`${err.message}: ${JSON.stringify(await corner())}`));
  await page.evaluate(() => document.querySelector('.scroller').scrollTo(0, 0));
  await page.waitForFunction(() => {
    const badge = document.querySelector('[data-aigc-verdict="invalid_label"]').getBoundingClientRect();
    const img = document.querySelector('.scroller img').getBoundingClientRect();
    return Math.abs(badge.left - img.left - 4) < 1 && Math.abs(badge.top - img.top - 4) < 1;
  }, null, { timeout: 5000 });
});

test('a badge opens its report by click and by keyboard', async () => {
  const badge = page.locator('[data-aigc-verdict="ai_labeled"][data-aigc-src$="chatgpt-1.png"]');
  await badge.click();
  const panel = page.locator('aigc-label-panel[role="dialog"]');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await panel.count(), 1);
  const text = await panel.textContent();
  assert.match(text, /含有效AI生成标识 \/ Valid AI-generated label/);
  assert.match(text, /Carries a valid AI-generated label/);
  assert.match(text, /C2PA 内容凭证 \/ C2PA Content Credentials/);
  assert.equal(await panel.locator('[data-aigc-kind="c2pa_manifest"]').count(), 1);
  // The panel is not a badge.
  assert.equal(await panel.getAttribute('data-aigc-verdict'), null);
  await page.screenshot({ path: join(shots, 'extension-panel.png') });
  // A click elsewhere closes it.
  await page.mouse.click(5, 5);
  await panel.waitFor({ state: 'detached' });

  const invalid = page.locator('[data-aigc-verdict="invalid_label"]');
  await invalid.focus();
  await page.keyboard.press('Enter');
  await panel.waitFor({ state: 'visible' });
  assert.match(await panel.textContent(), /标识无效 \/ A label is present but invalid/);
  assert.match(await panel.textContent(), /changed after signing/);
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.aigcVerdict), 'invalid_label');
});

test('markup from a label is shown as text, never run', async () => {
  const dialogs = [];
  const onDialog = (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); };
  page.on('dialog', onDialog);
  try {
    await page.locator('[data-aigc-src$="markup-in-fields.png"]').click();
    const panel = page.locator('aigc-label-panel[role="dialog"]');
    await panel.waitFor({ state: 'visible' });
    assert.ok((await panel.textContent()).includes('producer: <script>alert(1)</script>'));
    // Only the extension's own elements are inside the panel.
    const tags = await panel.evaluate((p) => [...new Set([...p.querySelectorAll('*')].map((e) => e.localName))]);
    assert.deepEqual(tags.filter((tag) => !tag.startsWith('aigc-label-')), []);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.deepEqual(dialogs, []);
  } finally {
    page.off('dialog', onDialog);
  }
});

async function checkSelectionOf(id) {
  await page.evaluate((paragraph) => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById(paragraph));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }, id);
  // What the context menu item does, called directly (headless Chromium has no menus to click).
  const report = await worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return self.checkSelection(tab.id);
  }, pageUrl);
  const panel = page.locator('[data-aigc-selection-verdict]');
  await panel.waitFor({ state: 'visible' });
  return { report, panel };
}

test('selected text is checked from the service worker and answered next to it', async () => {
  const badges = await page.locator('[data-aigc-verdict]').count();
  const { report, panel } = await checkSelectionOf('labelled-text');
  assert.equal(report.verdict, 'ai_labeled');
  assert.equal(await panel.getAttribute('data-aigc-selection-verdict'), 'ai_labeled');
  assert.match(await panel.textContent(), /Carries a valid AI-generated label \(explicit text label\)/);
  assert.equal(await panel.locator('[data-aigc-kind="explicit_text_label"]').count(), 1);
  // It sits just under the selected paragraph, and it is not counted as a badge.
  const [box, text] = await Promise.all([panel.boundingBox(), page.locator('#labelled-text').boundingBox()]);
  assert.ok(box.y >= text.y && box.y <= text.y + text.height + 40, `panel at ${box.y}, text at ${text.y}`);
  assert.equal(await page.locator('[data-aigc-verdict]').count(), badges);
  await page.screenshot({ path: join(shots, 'extension-selection.png') });

  // Invisible Unicode tag characters survive the trip from the page to the verifier.
  const hidden = await checkSelectionOf('hidden-text');
  assert.equal(hidden.report.verdict, 'suspected_ai');
  assert.equal(await hidden.panel.getAttribute('data-aigc-selection-verdict'), 'suspected_ai');
  assert.equal(await hidden.panel.locator('[data-aigc-kind="hidden_text_payload"]').count(), 1);

  const plain = await checkSelectionOf('plain-text');
  assert.equal(plain.report.verdict, 'no_label');
  assert.match(await plain.panel.textContent(), /未发现AI标识 \/ No AI label found/);
  assert.equal(await page.locator('[data-aigc-selection-verdict]').count(), 1, 'one panel at a time');
});

test('the service worker fetches only http, https and data URLs, up to 64 MiB', async () => {
  const answers = await worker.evaluate(async ([dataUrl, big]) => Promise.all([
    self.verifyUrl(dataUrl),
    self.verifyUrl('file:///etc/passwd'),
    self.verifyUrl(chrome.runtime.getURL('manifest.json')),
    self.verifyUrl(`${big}declared`),
    self.verifyUrl(`${big}streamed`),
  ]), [`data:image/jpeg;base64,${readFileSync(join(root, 'tests/fixtures/labels/exif-usercomment-label2.jpg')).toString('base64')}`, bigBase]);
  const [data, file, own, declared, streamed] = answers;
  assert.equal(data.verdict, 'possibly_ai');
  assert.equal(file.verdict, 'error');
  assert.match(file.errors[0], /file: addresses are not fetched/);
  assert.equal(own.verdict, 'error');
  assert.match(own.errors[0], /chrome-extension: addresses are not fetched/);
  assert.equal(declared.verdict, 'error');
  assert.match(declared.errors[0], /larger than 64 MiB/);
  assert.equal(streamed.verdict, 'error');
  assert.match(streamed.errors[0], /larger than 64 MiB/);
});

test('the visible-label setting reads the label drawn in an image, with the shipped models', async () => {
  const url = `${base}fixtures/visible/labelled/tune/000-top-left-3pct-notosans.jpg`;
  const [on, off] = await worker.evaluate(async (imageUrl) => {
    const setting = (value) => new Promise((resolve) => {
      chrome.storage.onChanged.addListener(function changed() {
        chrome.storage.onChanged.removeListener(changed);
        resolve();
      });
      chrome.storage.local.set({ visibleLabels: value });
    });
    await setting(true);
    const withLabels = await self.verifyUrl(imageUrl);
    await setting(false);
    return [withLabels, await self.verifyUrl(imageUrl)];
  }, url);
  assert.equal(on.verdict, 'ai_labeled', JSON.stringify(on));
  assert.deepEqual(on.evidence.map((e) => e.kind), ['explicit_image_label']);
  assert.match(on.evidence[0].explanation.en, /“AI生成”, in its top-left corner/);
  assert.equal(off.verdict, 'no_label');
  // The models came from the extension's own package, not from the network.
  assert.ok(!requests.some((u) => u.includes('.onnx') && !u.startsWith('chrome-extension://')));
});

test('no request left 127.0.0.1 and the extension', () => {
  assert.deepEqual(pageErrors, []);
  const foreign = requests.filter((url) => !url.startsWith(base) && !url.startsWith(bigBase)
    && !url.startsWith('chrome-extension://')
    && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
  // The service worker's image fetches were seen (so the check above covers them).
  assert.ok(workerRequests.some((url) => url.endsWith('/fixtures/corpus/chatgpt-1.png')),
    `service-worker requests: ${JSON.stringify(workerRequests)}`);
  // mj-1.png is on the page twice and was fetched by the extension once.
  assert.equal(workerRequests.filter((url) => url.endsWith('/fixtures/corpus/mj-1.png')).length, 1);
});
