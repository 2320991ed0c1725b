// End-to-end: loads the unpacked extension (www/extension) into headless Chromium, opens a
// page of fixture images served on 127.0.0.1 and reads the badges the extension puts on them.
// Run after `npm run build` (it copies the wasm build into www/extension/pkg).
//
// Badges and panels live in closed shadow roots that the page cannot open, so the tests read
// them the way DevTools would: through the content script's isolated world (CDP), where the
// extension keeps `aigcLabelDebug`. Clicks and keys are real input events (trusted).
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
let ext;
const requests = [];
/** Requests the fixture server saw; the extension's carry neither cookie nor referer. */
const served = [];
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(join(extension, 'pkg/aigc_label_bg.wasm')),
    'www/extension/pkg is empty: run `npm run build` first');
  // tests/ is served so that the page (tests/e2e/extension-page/) can name the fixtures.
  server = await serve(join(root, 'tests'), 0, {
    onRequest: (req) => served.push({ url: req.url, cookie: Boolean(req.headers.cookie), referer: req.headers.referer }),
  });
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
      // A public-looking name for a hostile page, answered by a server on this machine.
      '--host-resolver-rules=MAP evil.test 127.0.0.1',
    ],
  });
  // Every request of the page and of the extension's service worker passes through here;
  // anything not ours is blocked (and then reported by the last test).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith(base) || url.startsWith(bigBase) || url.startsWith('http://evil.test:')
      || url.startsWith(base.replace('127.0.0.1', 'localhost')) || url.startsWith('chrome-extension://')
      ? route.continue() : route.abort();
  });
  context.on('request', (request) => requests.push(request.url()));
  const isOurs = (w) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
  worker = context.serviceWorkers().find(isOurs)
    ?? await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 15000 });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.setDefaultTimeout(10000);
  ext = await contentWorld(page);
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

/**
 * Evaluates `fn(arg)` in the content script's isolated world of `tab`'s main frame (the world
 * the page cannot reach), through a CDP session; waits for the content script to be there.
 */
async function contentWorld(tab) {
  const cdp = await context.newCDPSession(tab);
  const contexts = new Map();
  cdp.on('Runtime.executionContextCreated', ({ context: created }) => contexts.set(created.id, created));
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
  cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
  await cdp.send('Runtime.enable');
  return async (fn, arg = null) => {
    const deadline = Date.now() + 15000;
    for (;;) {
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const candidates = [...contexts.values()].filter((c) => c.origin.startsWith('chrome-extension://')
        && c.auxData?.frameId === frameTree.frame.id);
      for (const candidate of candidates.reverse()) {
        const ready = await cdp.send('Runtime.evaluate', {
          contextId: candidate.id, expression: 'typeof aigcLabelDebug', returnByValue: true,
        }).catch(() => null);
        if (ready?.result?.value !== 'object') continue;
        const answer = await cdp.send('Runtime.evaluate', {
          contextId: candidate.id,
          expression: `(${fn})(aigcLabelDebug, ${JSON.stringify(arg)})`,
          awaitPromise: true,
          returnByValue: true,
        });
        if (answer.exceptionDetails) throw new Error(JSON.stringify(answer.exceptionDetails));
        return answer.result.value;
      }
      if (Date.now() > deadline) throw new Error('the content script never appeared in this tab');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
}

/** Polls `check()` (async) until it returns a truthy value. */
async function until(check, what, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the content script has checked every image and has nothing in flight. */
async function settled() {
  await page.waitForFunction((count) => {
    const images = [...document.images];
    return images.length === count && images.every((img) => img.complete);
  }, IMAGES_ON_PAGE, { timeout: 30000 });
  await until(() => ext(({ progress }, count) => progress().pending === 0 && progress().checked >= count - 2, IMAGES_ON_PAGE),
    'the content script to check every image');
}

/**
 * For each image: the verdicts of the badges that name its URL and sit on its top-left
 * corner; plus the badges that belong to no image. Read in the content script's world.
 */
async function badgeMap() {
  const marks = await ext(({ marks }) => marks());
  const images = await page.evaluate(() => [...document.images].map((img) => {
    const rect = img.getBoundingClientRect();
    return { src: img.currentSrc, rect: { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom } };
  }));
  const claimed = new Set();
  const onCorner = (b, i) => b.left >= i.left && b.top >= i.top && b.left <= i.left + 12 && b.top <= i.top + 12
    && b.right <= i.right && b.bottom <= i.bottom;
  const result = images.map(({ src, rect }) => {
    const mine = marks.filter((mark) => !mark.hidden && mark.src === src && onCorner(mark.rect, rect));
    for (const mark of mine) claimed.add(mark);
    const file = decodeURIComponent(new URL(src).pathname.replace(/^\/fixtures\//, ''));
    return { file: src.startsWith('data:') ? 'pixel' : file, verdicts: mine.map((mark) => mark.verdict) };
  });
  return { images: result, orphans: marks.filter((mark) => !mark.hidden && !claimed.has(mark)) };
}

/** The centre of a rectangle, for a real (trusted) mouse click. */
const centre = (rect) => [(rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2];
/** The badge of the image at `src`, scrolled into view (to be clicked). */
const markOf = (src) => ext(({ reveal }, want) => reveal(want), src);

test('the service worker runs the wasm verifier', async () => {
  assert.match(await worker.evaluate(() => self.aigcVersion()), /^\d+\.\d+\.\d+/);
});

test('every labelled image gets one badge with its verdict; the others get none', async () => {
  await settled();
  // Each distinct URL was checked once: mj-1.png once for its two copies, the pixel not at all.
  assert.equal((await ext(({ progress }) => progress())).checked, Object.keys(EXPECTED).length);
  // The progress counter is not on the page's DOM (it told a page how long each fetch took).
  assert.deepEqual(await page.evaluate(() => Object.keys(document.documentElement.dataset)), []);
  const { images, orphans } = await badgeMap();
  assert.deepEqual(orphans, []);
  assert.equal(images.length, IMAGES_ON_PAGE);
  for (const { file, verdicts } of images) {
    const expected = file === 'pixel' ? 'no_label' : EXPECTED[file];
    assert.ok(expected, `unexpected image ${file}`);
    assert.deepEqual(verdicts, expected === 'no_label' ? [] : [expected], file);
  }
  // The contract's attribute is on the page's DOM, one per badge; the rest is in closed shadow.
  assert.equal(await page.locator('[data-aigc-verdict]').count(), BADGES_ON_PAGE);
  const badge = await markOf('chatgpt-1.png');
  assert.equal(badge.role, 'button');
  assert.match(badge.label, /Valid AI-generated label \/ 含有效AI生成标识/);
  // Page rules for span, [role="button"] and * do not reach the badge.
  assert.equal(badge.fontSize, '12px');
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
  const badge = await markOf('chatgpt-1.png');
  await page.mouse.click(...centre(badge.rect));
  const panel = await until(() => ext(({ panel: open }) => open()), 'the panel');
  assert.equal(panel.verdict, 'ai_labeled');
  assert.match(panel.text, /含有效AI生成标识 \/ Valid AI-generated label/);
  assert.match(panel.text, /Carries a valid AI-generated label/);
  assert.match(panel.text, /C2PA 内容凭证 \/ C2PA Content Credentials/);
  assert.deepEqual(panel.kinds, ['c2pa_manifest']);
  await page.screenshot({ path: join(shots, 'extension-panel.png') });
  // A click elsewhere closes it.
  await page.mouse.click(5, 5);
  await until(async () => (await ext(({ panel: open }) => open())) === null, 'the panel to close');

  assert.equal(await ext(({ focus }) => focus('adobe-20220124-XCA.jpg')), true);
  await page.keyboard.press('Enter');
  const invalid = await until(() => ext(({ panel: open }) => open()), 'the panel');
  assert.match(invalid.text, /标识无效 \/ A label is present but invalid/);
  assert.match(invalid.text, /changed after signing/);
  await page.keyboard.press('Escape');
  await until(async () => (await ext(({ panel: open }) => open())) === null, 'the panel to close');
  assert.equal(await ext(({ focused }) => focused()), 'invalid_label');
});

test('a page script can neither read a badge or panel nor click one', async () => {
  const badge = await markOf('chatgpt-1.png');
  const seen = await page.evaluate(([x, y]) => {
    const host = document.querySelector('[data-aigc-verdict="ai_labeled"][data-aigc-src$="chatgpt-1.png"]');
    const hit = document.elementFromPoint(x, y);
    // Everything a script can try: click(), synthetic mouse and key events, on the host and on
    // whatever is under the badge's centre.
    host.click();
    hit.click();
    for (const target of [host, hit]) {
      target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }));
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
    return {
      shadowRoot: host.shadowRoot,
      text: host.textContent,
      children: host.childElementCount,
      hitIsHost: hit === host,
      attributes: host.getAttributeNames().sort(),
    };
  }, centre(badge.rect));
  assert.deepEqual(seen, {
    shadowRoot: null, text: '', children: 0, hitIsHost: true, attributes: ['data-aigc-src', 'data-aigc-verdict', 'style'],
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(await ext(({ panel: open }) => open()), null, 'a synthetic event opened the panel');
  // A real click does open it, and its text stays out of the page's reach.
  await page.mouse.click(...centre(badge.rect));
  await until(() => ext(({ panel: open }) => open()), 'the panel');
  assert.equal(await page.evaluate(() => document.body.innerText.includes('Carries a valid')), false);
  assert.equal(await page.evaluate(() => document.documentElement.innerHTML.includes('C2PA Content Credentials')), false);
  await page.keyboard.press('Escape');
  await until(async () => (await ext(({ panel: open }) => open())) === null, 'the panel to close');
});

test('the full report opens in an extension window the page cannot script', async () => {
  const badge = await markOf('chatgpt-1.png');
  await page.mouse.click(...centre(badge.rect));
  const panel = await until(() => ext(({ panel: open }) => open()), 'the panel');
  assert.ok(panel.more, 'the panel offers the full report');
  const [win] = await Promise.all([
    context.waitForEvent('page', { predicate: (p) => p.url().includes('/report.html#') }),
    (async () => {
      assert.equal(await ext(({ focusFullReport }) => focusFullReport()), true);
      await page.keyboard.press('Enter');
    })(),
  ]);
  await win.waitForSelector('main[data-verdict]', { timeout: 10000 })
    .catch(async (err) => assert.fail(`${err.message}: ${await win.textContent('body')}`));
  assert.match(win.url(), /^chrome-extension:\/\/[a-p]{32}\/report\.html#[0-9a-f]{64}$/);
  assert.equal(await win.getAttribute('main', 'data-verdict'), 'ai_labeled');
  const text = await win.textContent('main');
  assert.match(text, /chatgpt-1\.png/);
  assert.match(text, /c2pa\.signature/);
  assert.equal(await win.locator('section[data-kind="c2pa_manifest"] table tr').count() > 0, true);
  await win.screenshot({ path: join(shots, 'extension-report.png') });
  await win.close();
  await page.keyboard.press('Escape');
});

test('markup from a label is shown as text, never run', async () => {
  const dialogs = [];
  const onDialog = (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); };
  page.on('dialog', onDialog);
  try {
    await page.mouse.click(...centre((await markOf('markup-in-fields.png')).rect));
    const panel = await until(() => ext(({ panel: open }) => open()), 'the panel');
    assert.ok(panel.text.includes('producer: <script>alert(1)</script>'), panel.text);
    // Only the extension's own elements are inside the panel.
    assert.deepEqual(panel.tags.filter((tag) => tag !== 'div'), []);
    await page.keyboard.press('Escape');
    await until(async () => (await ext(({ panel: open }) => open())) === null, 'the panel to close');
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
  const panel = await until(async () => {
    const open = await ext(({ panel: shown }) => shown());
    return open?.selection && open.verdict === report.verdict ? open : null;
  }, 'the selection panel');
  return { report, panel };
}

test('selected text is checked from the service worker and answered next to it', async () => {
  const badges = await page.locator('[data-aigc-verdict]').count();
  const { report, panel } = await checkSelectionOf('labelled-text');
  assert.equal(report.verdict, 'ai_labeled');
  assert.match(panel.text, /Carries a valid AI-generated label \(explicit text label\)/);
  assert.deepEqual(panel.kinds, ['explicit_text_label']);
  // It sits just under the selected paragraph, and it is not counted as a badge.
  const text = await page.locator('#labelled-text').boundingBox();
  assert.ok(panel.rect.top >= text.y && panel.rect.top <= text.y + text.height + 40, `panel at ${panel.rect.top}, text at ${text.y}`);
  assert.equal(await page.locator('[data-aigc-verdict]').count(), badges);
  await page.screenshot({ path: join(shots, 'extension-selection.png') });

  // Invisible Unicode tag characters survive the trip from the page to the verifier.
  const hidden = await checkSelectionOf('hidden-text');
  assert.equal(hidden.report.verdict, 'suspected_ai');
  assert.deepEqual(hidden.panel.kinds, ['hidden_text_payload']);

  const plain = await checkSelectionOf('plain-text');
  assert.equal(plain.report.verdict, 'no_label');
  assert.match(plain.panel.text, /未发现AI标识 \/ No AI label found/);
  await page.keyboard.press('Escape');
});

test('the service worker fetches only http, https and data URLs, up to 64 MiB', async () => {
  const answers = await worker.evaluate(async ([dataUrl, big, from]) => Promise.all([
    self.verifyUrl(dataUrl, from),
    self.verifyUrl('file:///etc/passwd', from),
    self.verifyUrl(chrome.runtime.getURL('manifest.json'), from),
    self.verifyUrl(`${big}declared`, from),
    self.verifyUrl(`${big}streamed`, from),
  ]), [`data:image/jpeg;base64,${readFileSync(join(root, 'tests/fixtures/labels/exif-usercomment-label2.jpg')).toString('base64')}`, bigBase, pageUrl]);
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
  const [on, off] = await worker.evaluate(async ([imageUrl, from]) => {
    const setting = (value) => new Promise((resolve) => {
      chrome.storage.onChanged.addListener(function changed() {
        chrome.storage.onChanged.removeListener(changed);
        resolve();
      });
      chrome.storage.local.set({ visibleLabels: value });
    });
    await setting(true);
    const withLabels = await self.verifyUrl(imageUrl, from);
    await setting(false);
    return [withLabels, await self.verifyUrl(imageUrl, from)];
  }, [url, pageUrl]);
  assert.equal(on.verdict, 'ai_labeled', JSON.stringify(on));
  assert.deepEqual(on.evidence.map((e) => e.kind), ['explicit_image_label']);
  assert.match(on.evidence[0].explanation.en, /“AI生成”, in its top-left corner/);
  assert.equal(off.verdict, 'no_label');
  // The models came from the extension's own package, not from the network.
  assert.ok(!requests.some((u) => u.includes('.onnx') && !u.startsWith('chrome-extension://')));
});

/**
 * The hostile site evil.test (mapped to 127.0.0.1 by the browser's resolver rules). Its page
 * shows an image that it serves to the page, which has its cookie, and redirects for the
 * extension, which has none, to a labelled file on the user's "intranet" (the fixture server on
 * loopback); it also names loopback and localhost images outright, and one 5 MB data: URL.
 */
function serveEvil(intranet) {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push({ url: req.url, cookie: Boolean(req.headers.cookie) });
    if (req.url === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'session=1; Path=/' });
      res.end(`<!doctype html><meta charset="utf-8"><title>evil</title>
<img id="redirected" src="/x.png" width="180" height="180">
<img id="loopback" src="${intranet}fixtures/corpus/mj-1.png?evil=1" width="180" height="180">
<img id="localhost" src="${intranet.replace('127.0.0.1', 'localhost')}fixtures/corpus/grok-1.jpg?evil=1" width="180" height="180">
<img id="huge" width="180" height="180">
<script>
  // Noise does not compress: about 5 MB of PNG, over 6 million characters as a data: URL.
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1200;
  const context = canvas.getContext('2d');
  const pixels = context.createImageData(1200, 1200);
  for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = (i % 4 === 3) ? 255 : (Math.random() * 256) | 0;
  context.putImageData(pixels, 0, 0);
  document.getElementById('huge').src = canvas.toDataURL('image/png');
</script>`);
      return;
    }
    if (req.url === '/x.png' && req.headers.cookie) {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(readFileSync(join(root, 'tests/fixtures/corpus/chatgpt-1.png')));
      return;
    }
    if (req.url === '/x.png') {
      res.writeHead(302, { location: `${intranet}fixtures/corpus/doubao_black_1x1_1.png?secret=1` });
      res.end();
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, hits })));
}

test('a hostile page cannot make the extension fetch from the user\'s own network', async () => {
  const { server: evil, hits } = await serveEvil(base);
  const tab = await context.newPage();
  tab.on('pageerror', (err) => pageErrors.push(err.message));
  try {
    const world = await contentWorld(tab);
    await tab.goto(`http://evil.test:${evil.address().port}/page.html`);
    await tab.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
    const marks = await until(async () => {
      const shown = await world(({ marks: all }) => all());
      return shown.length === 4 ? shown : null;
    }, 'a mark on each of the four images');
    const bySource = Object.fromEntries(marks.map((mark) => [
      mark.src.startsWith('data:') ? 'data' : new URL(mark.src).pathname.split('/').pop(), mark]));
    // Every image got the neutral mark, with the reason, and none a badge.
    assert.deepEqual(marks.map((mark) => mark.verdict), Array(4).fill('not_checked'));
    assert.match(bySource['x.png'].reason, /redirect, which the extension does not follow/);
    assert.match(bySource['mj-1.png'].reason, /127\.0\.0\.1 is on your own network/);
    assert.match(bySource['grok-1.jpg'].reason, /localhost is on your own network/);
    assert.match(bySource.data.reason, /too long to check/);
    assert.equal(await tab.locator('[data-aigc-verdict]').count(), 0);
    assert.equal(await tab.locator('[data-aigc-mark="not_checked"]').count(), 4);
    assert.deepEqual(await tab.evaluate(() => Object.keys(document.documentElement.dataset)), []);
    // The extension asked evil.test once, without the cookie, and never followed the redirect;
    // the loopback images were loaded by the page only (with a referrer), never by the extension.
    assert.deepEqual(hits.filter((hit) => hit.url === '/x.png').map((hit) => hit.cookie).sort(), [false, true]);
    assert.deepEqual(served.filter((request) => request.url.includes('secret')), []);
    assert.deepEqual(served.filter((request) => request.url.includes('evil=1') && !request.referer), []);
    await tab.screenshot({ path: join(shots, 'extension-hostile.png') });
  } finally {
    await tab.close();
    evil.close();
  }
});

/** Sets extension settings from the service worker and waits until it has seen them. */
function setSettings(values) {
  return worker.evaluate((wanted) => new Promise((resolve) => {
    chrome.storage.onChanged.addListener(function changed() {
      chrome.storage.onChanged.removeListener(changed);
      resolve();
    });
    chrome.storage.local.set(wanted);
  }), values);
}

test('the verifier recovers from a check past its time limit and from losing its document', async () => {
  const slow = `${base}fixtures/visible/labelled/tune/000-top-left-3pct-notosans.jpg?time-limit`;
  const fast = `${base}fixtures/labels/exif-usercomment-label2.jpg`;
  await setSettings({ visibleLabels: true, timeLimitMs: 150 });
  try {
    const stopped = await worker.evaluate(([url, from]) => self.verifyUrl(url, from), [slow, pageUrl]);
    assert.equal(stopped.verdict, 'error', JSON.stringify(stopped));
    assert.equal(stopped.errors[0], 'stopped after 150 ms: this input took longer than the time limit');
    // The next check runs in a fresh worker, and the stopped one is not cached as an error.
    await setSettings({ visibleLabels: false });
    const next = await worker.evaluate(([url, from]) => self.verifyUrl(`${url}?after-limit`, from), [fast, pageUrl]);
    assert.equal(next.verdict, 'possibly_ai');
  } finally {
    await setSettings({ visibleLabels: false, timeLimitMs: 60000 });
  }
  // The offscreen document gone (the browser closed it, or it crashed): the next check makes
  // a new one.
  const recovered = await worker.evaluate(async ([url, from]) => {
    await chrome.offscreen.closeDocument();
    const report = await self.verifyUrl(`${url}?after-close`, from);
    const documents = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
    return { verdict: report.verdict, documents: documents.length };
  }, [fast, pageUrl]);
  assert.deepEqual(recovered, { verdict: 'possibly_ai', documents: 1 });
});

test('reports are kept by digest within a byte bound, and overlong URLs are refused', async () => {
  const jpeg = readFileSync(join(root, 'tests/fixtures/labels/exif-usercomment-label2.jpg'));
  // About 3 MB of data: URL (the image plus padding after its end).
  const padded = `data:image/jpeg;base64,${Buffer.concat([jpeg, Buffer.alloc(2_200_000)]).toString('base64')}`;
  const tooLong = `data:image/jpeg;base64,${'A'.repeat(4 * 1024 * 1024)}`;
  const outcome = await worker.evaluate(async ([url, overlong, from]) => {
    const before = self.cacheStats();
    const report = await self.verifyUrl(url, from);
    const after = self.cacheStats();
    const refused = await self.verifyUrl(overlong, from);
    return {
      verdict: report.verdict,
      entries: after.entries - before.entries,
      bytes: after.bytes - before.bytes,
      total: after.bytes,
      refused: refused.errors[0],
      unchanged: self.cacheStats().entries === after.entries,
    };
  }, [padded, tooLong, pageUrl]);
  assert.equal(outcome.verdict, 'possibly_ai');
  assert.equal(outcome.entries, 1);
  assert.ok(outcome.bytes > 0 && outcome.bytes < 64 * 1024, `a 3 MB URL cost ${outcome.bytes} bytes of cache`);
  assert.ok(outcome.total <= 24 * 1024 * 1024);
  assert.equal(outcome.refused, 'the address is longer than 4,194,304 characters');
  assert.equal(outcome.unchanged, true);
});

test('no request left 127.0.0.1 and the extension', () => {
  assert.deepEqual(pageErrors, []);
  const foreign = requests.filter((url) => !url.startsWith(base) && !url.startsWith(bigBase)
    && !url.startsWith('http://evil.test:') && !url.startsWith(base.replace('127.0.0.1', 'localhost'))
    && !url.startsWith('chrome-extension://')
    && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
  // The extension's downloads (no referrer, no cookie) were seen by the fixture server: mj-1.png,
  // on the page twice, was fetched by the extension once.
  const byExtension = served.filter((request) => !request.referer && !request.cookie).map((request) => request.url);
  assert.ok(byExtension.includes('/fixtures/corpus/chatgpt-1.png'), JSON.stringify(byExtension));
  assert.equal(byExtension.filter((url) => url === '/fixtures/corpus/mj-1.png').length, 1);
});
