// The extension's service worker: decides which image URLs may be checked, keeps the reports,
// answers the content scripts and the report window, and runs the context menu's text check.
// The checks themselves run in an offscreen document (offscreen.js) that hosts the package's
// `createVerifier`: a worker with a watchdog that is replaced after a trap or a timeout, so
// one hostile image cannot retire the verifier for every tab. Nothing leaves the browser: the
// only requests are the image downloads themselves (policy.js says which).
import { refusal } from './policy.js';
import { evidenceNames } from './pkg/names.js';

/** Image checks in flight at once, over all tabs. */
const MAX_CHECKS = 3;
/** Reports kept, over all tabs, so the same image on several pages is fetched once... */
const CACHE_ENTRIES = 256;
/** ...and no more than this many bytes of them (UTF-16 of their JSON). */
const CACHE_BYTES = 24 * 1024 * 1024;
/** A full report larger than this is not kept for the report window (its summary is). */
const MAX_FULL_REPORT_BYTES = 2 * 1024 * 1024;
/** Selected text beyond this many UTF-16 units is cut before it is checked. */
const MAX_TEXT = 1_000_000;
/** Long strings from a report are cut to this length before they go to a page. */
const MAX_STRING = 400;
/** The time limit of one check; `timeLimitMs` in chrome.storage.local overrides it. */
const DEFAULT_TIME_LIMIT_MS = 60_000;
const MENU_ID = 'aigc-label-check-selection';
const OFFSCREEN_URL = 'offscreen.html';

/**
 * The settings (the options page): `visibleLabels`, off by default since reading text costs
 * far more than metadata; `timeLimitMs`, not on the options page, for tests and slow machines.
 */
const settings = { visibleLabels: false, timeLimitMs: DEFAULT_TIME_LIMIT_MS };
const settingsRead = chrome.storage.local.get(settings)
  .then((stored) => Object.assign(settings, sanitise(stored)))
  .catch(() => {});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  const changed = {};
  for (const [name, { newValue }] of Object.entries(changes)) changed[name] = newValue;
  Object.assign(settings, sanitise({ ...settings, ...changed }));
});

function sanitise(stored) {
  const limit = Number(stored.timeLimitMs);
  return {
    visibleLabels: stored.visibleLabels === true,
    timeLimitMs: Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS,
  };
}

// ---- The offscreen document ---------------------------------------------------------------

let creating = null;

/** Makes sure the offscreen document exists (it may have been closed or have crashed). */
async function ensureOffscreen() {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [chrome.runtime.getURL(OFFSCREEN_URL)],
  });
  if (contexts.length > 0) return;
  creating ||= chrome.offscreen.createDocument({
    url: OFFSCREEN_URL,
    reasons: ['WORKERS'],
    justification: 'runs the WebAssembly verifier in a worker that can be restarted after a fault',
  }).finally(() => { creating = null; });
  await creating;
}

/** Sends one job to the offscreen document; resolves to its result or rejects with its error. */
async function offscreen(message) {
  await ensureOffscreen();
  const request = { target: 'offscreen', timeLimitMs: settings.timeLimitMs, ...message };
  let answer;
  // A document just made may not listen yet: "Receiving end does not exist" for a moment.
  for (let attempt = 0; ; attempt++) {
    try {
      answer = await chrome.runtime.sendMessage(request);
      break;
    } catch (err) {
      if (attempt >= 40 || !/Receiving end does not exist/.test(String(err?.message))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  if (!answer) throw new Error('the verifier did not answer');
  if (answer.error !== undefined) throw new Error(answer.error);
  return answer.result;
}

// ---- Reports --------------------------------------------------------------------------------

const cut = (value) => {
  const text = String(value ?? '');
  return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
};
const pair = (summary) => (summary ? { en: cut(summary.en), zh: cut(summary.zh) } : undefined);

/**
 * The part of a report a page needs to show a badge and its panel. Field values, checks and
 * ingredient trees stay in the extension; the report window shows them.
 */
function slim(report, reportKey) {
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
    ...(reportKey ? { reportKey } : {}),
  };
}

/** A report for an input that could not be checked at all. */
function failure(message) {
  return {
    verdict: 'error',
    format: 'unknown',
    media: 'unknown',
    summary: { en: `Not checked: ${cut(message)}`, zh: `未能检查：${cut(message)}` },
    evidence: [],
    errors: [cut(message)],
  };
}

/**
 * key → { job: Promise<slim report>, bytes, full?: { report, subject } }, most recently used
 * last. Keys are SHA-256 digests of the setting and the URL, so a 4 MB data: URL costs 64
 * bytes of key; entries and bytes are both bounded.
 */
const cache = new Map();
let cacheBytes = 0;

const sizeOf = (value) => 2 * JSON.stringify(value).length;

async function digest(text) {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function evict() {
  while (cache.size > CACHE_ENTRIES || cacheBytes > CACHE_BYTES) {
    const [oldest, entry] = cache.entries().next().value;
    cache.delete(oldest);
    cacheBytes -= entry.bytes;
  }
}

/** Stores what a finished check left: its slim report and, if small enough, the full one. */
function remember(key, entry, report, subject) {
  if (cache.get(key) !== entry) return; // evicted while it ran
  const full = { report, subject };
  const fullBytes = sizeOf(full);
  entry.full = fullBytes <= MAX_FULL_REPORT_BYTES ? full : null;
  const bytes = 512 + (entry.full ? fullBytes : 0);
  cacheBytes += bytes - entry.bytes;
  entry.bytes = bytes;
  evict();
}

function forget(key, entry) {
  if (cache.get(key) !== entry) return;
  cache.delete(key);
  cacheBytes -= entry.bytes;
}

function touch(key) {
  const entry = cache.get(key);
  cache.delete(key);
  cache.set(key, entry);
  return entry;
}

/** Runs `task` when fewer than MAX_CHECKS image checks are in flight. */
let checksInFlight = 0;
const checkQueue = [];
async function withCheckSlot(task) {
  while (checksInFlight >= MAX_CHECKS) await new Promise((resolve) => checkQueue.push(resolve));
  checksInFlight++;
  try {
    return await task();
  } finally {
    checksInFlight--;
    checkQueue.shift()?.();
  }
}

/**
 * Fetches and verifies one image for a page at `pageUrl`; resolves to a slim report (verdict
 * `error` when it was refused or failed: the page shows a "not checked" mark).
 */
async function verifyUrl(url, pageUrl) {
  await settingsRead;
  const refused = refusal(url, pageUrl);
  if (refused) return failure(refused);
  const visibleLabels = settings.visibleLabels;
  // A report made without the visible-label check is not reused once the setting is on.
  const key = await digest(`${visibleLabels ? 'v' : 'm'} ${url}`);
  if (cache.has(key)) return touch(key).job;
  const entry = { bytes: 512, full: null, job: null };
  entry.job = withCheckSlot(() => offscreen({
    type: 'verify-url',
    url,
    pageUrl: String(pageUrl ?? ''),
    options: { watermarks: true, visibleLabels },
  })).then((report) => {
    // A check that failed (a time limit, say) is not kept: it may succeed next time.
    if (report.verdict === 'error') {
      forget(key, entry);
      return slim(report);
    }
    remember(key, entry, report, url.startsWith('data:') ? `${url.slice(0, 64)}…` : url);
    return slim(report, entry.full ? key : undefined);
  }, (err) => {
    forget(key, entry); // A failed download may succeed next time.
    return failure(err?.message || String(err));
  });
  cache.set(key, entry);
  cacheBytes += entry.bytes;
  evict();
  return entry.job;
}

/** Verifies a text; resolves to a slim report. */
async function verifySelectionText(text) {
  try {
    const report = await offscreen({ type: 'verify-text', text: text.slice(0, MAX_TEXT) });
    const key = await digest(`t ${crypto.randomUUID()}`);
    const entry = { bytes: 512, full: null, job: null };
    cache.set(key, entry);
    cacheBytes += entry.bytes;
    remember(key, entry, report, 'Selected text / 所选文字');
    const answer = slim(report, entry.full ? key : undefined);
    entry.job = Promise.resolve(answer);
    return answer;
  } catch (err) {
    return failure(err?.message || String(err));
  }
}

/** Opens the report window for a report that is still kept. */
async function openReportWindow(key) {
  if (!cache.get(key)?.full) return false;
  await chrome.windows.create({
    url: chrome.runtime.getURL(`report.html#${key}`),
    type: 'popup',
    width: 560,
    height: 720,
  });
  return true;
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

const REPORT_PAGE = chrome.runtime.getURL('report.html');

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.target === 'offscreen') return false;
  if (sender.tab && message?.type === 'verify-url' && typeof message.url === 'string') {
    // The page's address comes from the browser (sender.url), not from the page.
    verifyUrl(message.url, sender.url).then((report) => sendResponse({ report }));
    return true; // The answer is sent asynchronously.
  }
  if (sender.tab && message?.type === 'open-report' && typeof message.key === 'string') {
    openReportWindow(message.key).then(sendResponse, () => sendResponse(false));
    return true;
  }
  if (message?.type === 'get-report' && String(sender.url).startsWith(REPORT_PAGE)) {
    sendResponse(cache.get(String(message.key))?.full ?? null);
    return false;
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
self.openReportWindow = openReportWindow;
self.cacheStats = () => ({ entries: cache.size, bytes: cacheBytes });
self.aigcVersion = () => offscreen({ type: 'version' });
