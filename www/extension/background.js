// The extension's service worker: fetches the images the content script names, verifies them
// with the WebAssembly build of aigc-label, and checks selected text from the context menu.
// Nothing leaves the browser: the only requests are the image fetches themselves.
import init, { loadModels, modelsLoaded, verify, verifyText, version } from './pkg/aigc_label.js';
import { evidenceNames } from './pkg/names.js';

/** Images larger than this are not verified (checked against Content-Length and while reading). */
const MAX_BYTES = 64 * 1024 * 1024;
/** A fetch, body included, that takes longer than this is abandoned. */
const FETCH_TIMEOUT_MS = 30_000;
/** Image fetches in flight at once, over all tabs. */
const MAX_FETCHES = 3;
/** Reports kept per URL, so the same image on several pages is fetched once. */
const CACHE_SIZE = 256;
/** Selected text beyond this many UTF-16 units is cut before it is checked. */
const MAX_TEXT = 1_000_000;
/** Long strings from a report are cut to this length before they go to a page. */
const MAX_STRING = 400;
const FETCHABLE = new Set(['http:', 'https:', 'data:']);
const MENU_ID = 'aigc-label-check-selection';

let ready;
/** Set when the module trapped: its state can no longer be trusted, so it is not used again. */
let broken = null;

/**
 * The visible-label setting (the options page; off by default, since reading text costs far
 * more than metadata): read once, then kept current.
 */
let visibleLabels = false;
const settingsRead = chrome.storage.local.get({ visibleLabels: false })
  .then((stored) => { visibleLabels = stored.visibleLabels === true; })
  .catch(() => {});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.visibleLabels) visibleLabels = changes.visibleLabels.newValue === true;
});

let modelsLoading;
/** Loads the OCR models the extension ships (pkg/models/) into the module, once. */
function ensureModels() {
  if (modelsLoaded()) return Promise.resolve();
  const base = chrome.runtime.getURL('pkg/models/ppocrv6-tiny/');
  modelsLoading ||= Promise.all(['det.onnx', 'rec.onnx', 'dict.txt'].map(async (file) => {
    const response = await fetch(base + file);
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }))
    .then(([det, rec, dict]) => guarded(() => loadModels(det, rec, new TextDecoder().decode(dict))))
    .catch((err) => { modelsLoading = undefined; throw err; });
  return modelsLoading;
}

/** Instantiates the wasm module on first use only. */
function ensureReady() {
  if (!ready) {
    ready = init({ module_or_path: chrome.runtime.getURL('pkg/aigc_label_bg.wasm') });
    ready.catch(() => { ready = undefined; });
  }
  return ready;
}

/** Runs one call into the module; a trap (a Rust panic) retires the instance for good. */
function guarded(call) {
  if (broken) throw new Error(broken);
  try {
    return call();
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      broken = `the verifier stopped after an internal error (${err.message}); reload the extension to restart it`;
    }
    throw err;
  }
}

const cut = (value) => {
  const text = String(value ?? '');
  return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
};
const pair = (summary) => (summary ? { en: cut(summary.en), zh: cut(summary.zh) } : undefined);

/**
 * The part of a report a page needs to show a badge and its panel. Field values, thumbnails
 * and ingredient trees stay in the service worker.
 */
function slim(report) {
  return {
    verdict: report.verdict,
    format: report.format,
    media: report.media,
    summary: pair(report.summary),
    evidence: (report.evidence || []).slice(0, 12).map((evidence) => {
      const names = evidenceNames(evidence);
      return {
        kind: evidence.kind,
        claim: evidence.claim,
        kindName: names.kind,
        claimName: names.claim,
        valid: evidence.valid,
        location: cut(evidence.location),
        explanation: pair(evidence.explanation),
        problems: (evidence.checks || []).filter((check) => !check.ok && !check.advisory)
          .slice(0, 3).map((check) => cut(check.message_zh ? `${check.message_zh} / ${check.message}` : check.message)),
      };
    }),
    errors: (report.errors || []).slice(0, 5).map(cut),
  };
}

/** A report for an input that could not be checked at all. */
function failure(message) {
  return {
    verdict: 'error',
    format: 'unknown',
    media: 'unknown',
    summary: { en: `Could not check: ${cut(message)}`, zh: `无法检查：${cut(message)}` },
    evidence: [],
    errors: [cut(message)],
  };
}

let fetchesInFlight = 0;
const fetchQueue = [];

async function withFetchSlot(task) {
  while (fetchesInFlight >= MAX_FETCHES) await new Promise((resolve) => fetchQueue.push(resolve));
  fetchesInFlight++;
  try {
    return await task();
  } finally {
    fetchesInFlight--;
    fetchQueue.shift()?.();
  }
}

/**
 * Fetches `url` without cookies or referrer, refusing other schemes, bodies over MAX_BYTES and
 * fetches slower than FETCH_TIMEOUT_MS.
 */
async function fetchBytes(url) {
  const parsed = new URL(url);
  if (!FETCHABLE.has(parsed.protocol)) throw new Error(`${parsed.protocol} addresses are not fetched`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('the download timed out')), FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(parsed.href, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
      signal: controller.signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length'));
    const tooLarge = `the file is larger than ${MAX_BYTES / 1024 / 1024} MiB`;
    if (declared > MAX_BYTES) throw new Error(tooLarge);
    const reader = response.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_BYTES) {
        controller.abort();
        throw new Error(tooLarge);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  } finally {
    clearTimeout(timer);
  }
}

/** URL → Promise of a slim report; the most recently used entries are kept. */
const cache = new Map();

/** Fetches and verifies one image; resolves to a slim report (verdict `error` on failure). */
async function verifyUrl(url) {
  await settingsRead;
  const withLabels = visibleLabels;
  // A report made without the visible-label check is not reused once the setting is on.
  const key = `${withLabels ? 'v' : 'm'} ${url}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const job = (async () => {
    try {
      const bytes = await withFetchSlot(() => fetchBytes(url));
      await ensureReady();
      let modelError = null;
      if (withLabels) await ensureModels().catch((err) => { modelError = err?.message || String(err); });
      const options = { watermarks: true, visibleLabels: withLabels && !modelError };
      const report = guarded(() => verify(bytes, options));
      if (modelError) report.errors.push(`visible-label check: the OCR models could not be loaded (${modelError})`);
      return slim(report);
    } catch (err) {
      cache.delete(key); // A failed download may succeed next time.
      return failure(err?.message || String(err));
    }
  })();
  cache.set(key, job);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  return job;
}

/** Verifies a text; resolves to a slim report. */
async function verifySelectionText(text) {
  try {
    await ensureReady();
    return slim(guarded(() => verifyText(text.slice(0, MAX_TEXT))));
  } catch (err) {
    return failure(err?.message || String(err));
  }
}

/**
 * Asks the tab's content script for the selected text (getSelection() keeps invisible
 * characters; the context menu's selectionText is only a fallback), verifies it and sends the
 * report back to be shown next to the selection. Resolves to the report.
 */
async function checkSelection(tabId, frameId = 0, fallbackText = '') {
  let text = '';
  let target = frameId;
  try {
    text = await chrome.tabs.sendMessage(tabId, { type: 'get-selection' }, { frameId });
  } catch {
    // No content script in that frame (the extension only runs in top frames): use the menu's
    // copy of the text and show the answer in the top frame.
    target = 0;
  }
  if (typeof text !== 'string' || !text) text = fallbackText;
  const report = text
    ? await verifySelectionText(text)
    : failure('no text is selected');
  try {
    await chrome.tabs.sendMessage(tabId, { type: 'show-selection-report', report }, { frameId: target });
  } catch {
    // The page cannot show it (e.g. a browser page); the caller still gets the report.
  }
  return report;
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !sender.tab) return false;
  if (message?.type === 'verify-url' && typeof message.url === 'string') {
    verifyUrl(message.url).then((report) => sendResponse({ report }));
    return true; // The answer is sent asynchronously.
  }
  return false;
});

function createMenu() {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({
      id: MENU_ID,
      title: 'Check the selection for AI labels',
      contexts: ['selection'],
    });
  });
}

chrome.runtime.onInstalled.addListener(createMenu);
chrome.runtime.onStartup.addListener(createMenu);

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || !tab || tab.id === undefined || tab.id < 0) return;
  checkSelection(tab.id, info.frameId ?? 0, info.selectionText ?? '').catch((err) => {
    console.warn('aigc-label: selection check failed', err);
  });
});

// Named entry points, for tests and for debugging from the service worker's console.
self.verifyUrl = verifyUrl;
self.verifySelectionText = verifySelectionText;
self.checkSelection = checkSelection;
self.aigcVersion = async () => {
  await ensureReady();
  return version();
};
