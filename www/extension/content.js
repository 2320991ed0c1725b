// The content script: finds the images the page shows, asks the service worker to verify
// each URL once, and puts a badge over the top-left corner of every image that carries an AI
// label, and a neutral "not checked" mark on those it could not check. Every string from a
// report is attacker-controlled (it comes from the image), so the DOM is built with
// textContent only. The page is hostile too: badges, marks and panels are drawn in closed
// shadow roots (the page sees only the host elements and, as CONTRACT.md asks, each badge's
// data-aigc-verdict), they act on trusted events only, and the full report opens in an
// extension window the page cannot script.
(() => {
  const BADGES = {
    ai_labeled: { text: 'AI', zh: '含有效AI生成标识', en: 'Valid AI-generated label' },
    possibly_ai: { text: 'AI?', zh: '标识为可能AI生成', en: 'Labelled as possibly AI-generated' },
    suspected_ai: { text: '≈AI', zh: '疑似AI生成', en: 'Suspected AI-generated' },
    invalid_label: { text: '!', zh: '标识无效', en: 'A label is present but invalid' },
  };
  /** The mark of an image the extension could not check (the download was refused or failed). */
  const NOT_CHECKED = { text: '?', zh: '未能检查', en: 'Not checked' };
  const VERDICTS = {
    ...BADGES,
    no_label: { zh: '未发现AI标识', en: 'No AI label found' },
    error: { zh: '无法检查', en: 'Could not check' },
  };

  /** Verifications in flight at once from this page. */
  const MAX_IN_FLIGHT = 2;
  /** Images shown smaller than this (CSS px, either side) are left alone until they grow. */
  const MIN_SIZE = 16;
  /** Gap between the image's corner and its badge, in CSS px. */
  const INSET = 4;
  /** Longest image URL copied into a badge's data-aigc-src attribute. */
  const MAX_SRC_ATTRIBUTE = 2048;
  /**
   * Longer URLs are not sent to the service worker at all (the same limits as policy.js): a
   * page could otherwise make every tab's shared worker copy 50 MB data: URLs around.
   */
  const MAX_NETWORK_URL = 16 * 1024;
  const MAX_DATA_URL = 4 * 1024 * 1024;

  const html = document.documentElement;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(globalThis.AIGC_LABEL_CSS || '');
  /** host element → its closed shadow root and the element inside that takes focus. */
  const shadows = new WeakMap();

  /** URL → { done, report, waiting: Set<img> }: each URL is verified once per page. */
  const jobs = new Map();
  const queue = [];
  let inFlight = 0;
  let checked = 0;

  /** img → { url, badge, clips }: the images that have been sent for checking. */
  const tracked = new Map();
  /** Images too small (or hidden) to check for now; looked at again when they grow. */
  const small = new Set();

  let layer = null;
  let openPanel = null;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /** `!important` inline styles win over any page rule, even an !important one. */
  const LAYER_STYLE = 'all: initial !important; display: block !important; position: absolute !important; '
    + 'top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; '
    + 'overflow: visible !important; z-index: 2147483646 !important; pointer-events: none !important; '
    + 'visibility: visible !important; opacity: 1 !important; transform: none !important; contain: none !important;';

  /**
   * A host element for the page's DOM and the closed shadow root that holds what it shows.
   * Plain span/div hosts, not custom tag names: a page could define a custom element under
   * our name and get at its insides from the constructor.
   */
  function shadowHost(tag) {
    const host = document.createElement(tag);
    const root = host.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = [sheet];
    return { host, root };
  }

  /** The layer that holds badges and panels, positioned at the document's origin. */
  function getLayer() {
    if (!layer) {
      layer = document.createElement('div');
      layer.setAttribute('style', LAYER_STYLE);
    }
    if (!layer.isConnected) html.append(layer);
    return layer;
  }

  const isOurs = (node) => layer !== null && (node === layer || layer.contains(node));

  // ---- Finding images --------------------------------------------------------------------

  function urlOf(img) {
    const url = img.currentSrc || img.src;
    return /^(https?:|data:)/i.test(url) ? url : '';
  }

  function forget(img) {
    const entry = tracked.get(img);
    if (entry) {
      if (entry.badge) {
        if (openPanel?.owner === entry.badge) closePanel(false);
        entry.badge.remove();
      }
      tracked.delete(img);
    }
    small.delete(img);
    sizes.unobserve(img);
  }

  /** Looks at one image: checks it once it is loaded, shown and big enough. */
  function tooLong(url) {
    return url.length > (url.startsWith('data:') ? MAX_DATA_URL : MAX_NETWORK_URL);
  }

  function consider(img) {
    if (!img.isConnected) {
      forget(img);
      return;
    }
    // Not loaded yet (lazy or slow): the `load` listener below calls back.
    if (!img.complete) return;
    if (img.naturalWidth === 0) {
      forget(img); // Broken.
      return;
    }
    const url = urlOf(img);
    const entry = tracked.get(img);
    if (entry && entry.url === url) return;
    if (entry) forget(img);
    if (!url) return;
    const rect = img.getBoundingClientRect();
    if (rect.width < MIN_SIZE || rect.height < MIN_SIZE) {
      small.add(img);
      sizes.observe(img);
      return;
    }
    small.delete(img);
    tracked.set(img, { url, badge: null, clips: [] });
    sizes.observe(img);
    let job = jobs.get(url);
    if (!job && tooLong(url)) {
      job = { done: true, report: failure('the image address is too long to check'), waiting: new Set() };
      jobs.set(url, job);
    }
    if (!job) {
      job = { done: false, report: null, waiting: new Set() };
      jobs.set(url, job);
      queue.push(url);
    }
    if (job.done) showBadge(img, url, job.report);
    else job.waiting.add(img);
    pump();
  }

  /** A report for what the extension could not check; shown as the "not checked" mark. */
  function failure(message) {
    return { verdict: 'error', summary: { en: `Not checked: ${message}`, zh: `未能检查：${message}` }, evidence: [], errors: [message] };
  }

  function send(url) {
    try {
      return chrome.runtime.sendMessage({ type: 'verify-url', url })
        .then((answer) => answer?.report ?? failure('the extension did not answer'),
          () => failure('the extension did not answer'));
    } catch {
      return Promise.resolve(failure('the extension was reloaded or removed'));
    }
  }

  function pump() {
    while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
      const url = queue.shift();
      inFlight++;
      send(url).then((report) => {
        const job = jobs.get(url);
        job.done = true;
        job.report = report;
        for (const img of job.waiting) showBadge(img, url, report);
        job.waiting.clear();
        inFlight--;
        checked++;
        pump();
      });
    }
  }

  function scan(node) {
    if (node instanceof HTMLImageElement) consider(node);
    else if (node.querySelectorAll) for (const img of node.querySelectorAll('img')) consider(img);
  }

  // ---- Badges ----------------------------------------------------------------------------

  /** Whether an event came from the user, not from a page script (`element.click()`, dispatchEvent). */
  const trusted = (event) => event.isTrusted === true;

  function showBadge(img, url, report) {
    const entry = tracked.get(img);
    if (!entry || entry.url !== url || entry.badge) return;
    const notChecked = !report || report.verdict === 'error';
    const style = notChecked ? NOT_CHECKED : BADGES[report.verdict];
    if (!style) return; // no_label: nothing to show.
    const shown = report || failure('the extension did not answer');
    const { host, root } = shadowHost('span');
    // The contract's attribute, on the host so that the page and outside checks can find it;
    // a "not checked" mark is not a badge and carries data-aigc-mark instead.
    if (notChecked) host.setAttribute('data-aigc-mark', 'not_checked');
    else host.setAttribute('data-aigc-verdict', shown.verdict);
    host.setAttribute('data-aigc-src', url.length > MAX_SRC_ATTRIBUTE ? url.slice(0, MAX_SRC_ATTRIBUTE) : url);
    const pill = el('span', `pill ${notChecked ? 'not_checked' : shown.verdict}`, style.text);
    pill.setAttribute('role', 'button');
    pill.setAttribute('tabindex', '0');
    pill.setAttribute('aria-haspopup', 'dialog');
    pill.setAttribute('aria-expanded', 'false');
    pill.setAttribute('aria-label', `${style.en} / ${style.zh} (aigc-label)`);
    pill.title = notChecked
      ? `${style.en} / ${style.zh}: ${cutText(shown.errors?.[0] || '', 200)}\naigc-label — click for details / 点击查看详情`
      : `${style.en} / ${style.zh}\naigc-label — click for details / 点击查看详情`;
    root.append(pill);
    shadows.set(host, {
      root, focusable: pill, verdict: notChecked ? 'not_checked' : shown.verdict, reason: notChecked ? String(shown.errors?.[0] ?? '') : null,
    });
    const toggle = (event) => {
      if (!trusted(event)) return;
      event.preventDefault();
      event.stopPropagation();
      if (openPanel?.owner === host) closePanel(true);
      else openReport(host, shown, event.type === 'keydown');
    };
    pill.addEventListener('click', toggle);
    pill.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') toggle(event);
    });
    // Clicks on the badge are not the page's business (it might open the image, say).
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup']) {
      host.addEventListener(type, (event) => event.stopPropagation());
    }
    entry.badge = host;
    entry.clips = clippingAncestors(img);
    getLayer().append(host);
    reposition();
    startTimer();
  }

  const cutText = (text, length) => (text.length > length ? `${text.slice(0, length)}…` : text);

  /** The ancestors that clip the image (scrolling boxes and the like), nearest first. */
  function clippingAncestors(img) {
    const clips = [];
    for (let node = img.parentElement; node && node !== document.body && node !== html; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') clips.push(node);
    }
    return clips;
  }

  /** The part of the image that its clipping ancestors let through, in viewport coordinates. */
  function visibleRect(img, clips) {
    const rect = img.getBoundingClientRect();
    let { left, top, right, bottom } = rect;
    for (const clip of clips) {
      if (!clip.isConnected) continue;
      const box = clip.getBoundingClientRect();
      left = Math.max(left, box.left + clip.clientLeft);
      top = Math.max(top, box.top + clip.clientTop);
      right = Math.min(right, box.left + clip.clientLeft + clip.clientWidth);
      bottom = Math.min(bottom, box.top + clip.clientTop + clip.clientHeight);
    }
    return { left, top, width: right - left, height: bottom - top };
  }

  /**
   * Puts every badge over the top-left corner of the visible part of its image (document
   * coordinates, so that it scrolls with the page); hides it while too little of the image shows.
   */
  function reposition() {
    if (!layer) return;
    const origin = layer.getBoundingClientRect();
    const moves = [];
    for (const [img, entry] of tracked) {
      if (!img.isConnected) {
        forget(img);
        continue;
      }
      if (entry.badge) moves.push([entry.badge, visibleRect(img, entry.clips)]);
    }
    for (const [badge, rect] of moves) {
      const hidden = rect.width < MIN_SIZE || rect.height < MIN_SIZE;
      badge.classList.toggle('aigc-label-hidden', hidden);
      if (hidden) continue;
      badge.style.setProperty('left', `${Math.round(rect.left - origin.left + INSET)}px`, 'important');
      badge.style.setProperty('top', `${Math.round(rect.top - origin.top + INSET)}px`, 'important');
    }
    if (openPanel) placePanel(openPanel);
  }

  let frame = 0;
  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => {
      frame = 0;
      reposition();
    });
  }

  // Layout can change without any event we see (transitions, fonts, late CSS): while badges
  // exist, they are also put back in place once a second.
  let timer = 0;
  function startTimer() {
    if (!timer) timer = setInterval(() => {
      if (![...tracked.values()].some((entry) => entry.badge)) {
        clearInterval(timer);
        timer = 0;
        return;
      }
      reposition();
    }, 1000);
  }

  const sizes = new ResizeObserver((records) => {
    for (const record of records) {
      if (small.has(record.target)) consider(record.target);
    }
    schedule();
  });

  // ---- Report panels ---------------------------------------------------------------------

  /**
   * Builds a panel for a report; `title` names what was checked. Returns the host (for the
   * page's DOM), the panel inside its closed shadow root, and the panel's summary for tests.
   */
  function buildPanel(report, title) {
    const verdict = VERDICTS[report.verdict] || VERDICTS.error;
    const { host, root } = shadowHost('div');
    const panel = el('div', `panel ${report.verdict}`);
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', `aigc-label: ${verdict.en} / ${verdict.zh}`);
    panel.setAttribute('tabindex', '-1');
    const head = el('div', 'head');
    head.append(el('div', 'verdict', `${verdict.zh} / ${verdict.en}`));
    const close = el('div', 'close', '×');
    close.setAttribute('role', 'button');
    close.setAttribute('tabindex', '0');
    close.setAttribute('aria-label', 'Close / 关闭');
    const dismiss = (event) => {
      if (!trusted(event)) return;
      event.preventDefault();
      event.stopPropagation();
      closePanel(true);
    };
    close.addEventListener('click', dismiss);
    close.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') dismiss(event);
    });
    head.append(close);
    panel.append(head);
    panel.append(el('div', 'what', title));
    if (report.summary) {
      panel.append(el('div', 'summary zh', report.summary.zh));
      panel.append(el('div', 'summary en', report.summary.en));
    }
    const list = el('div', 'list');
    const kinds = [];
    for (const evidence of report.evidence || []) {
      const [kindZh, kindEn] = evidence.kindName || [evidence.kind, evidence.kind];
      const [claimZh, claimEn] = evidence.claimName || [evidence.claim, evidence.claim];
      const item = el('div', `evidence ${evidence.valid ? 'valid' : 'invalid'}`);
      kinds.push(String(evidence.kind));
      item.append(el('div', 'line', `${evidence.valid ? '✓' : '✗'} ${kindZh} / ${kindEn} — ${claimZh} / ${claimEn}`));
      if (evidence.location) item.append(el('div', 'line location', evidence.location));
      if (evidence.explanation) item.append(el('div', 'line explanation', evidence.explanation.en));
      for (const problem of evidence.problems || []) item.append(el('div', 'line problem', `✗ ${problem}`));
      list.append(item);
    }
    if (list.childNodes.length > 0) panel.append(list);
    for (const error of report.errors || []) panel.append(el('div', 'line problem', error));
    if (report.reportKey) panel.append(fullReportLink(report.reportKey));
    panel.append(el('div', 'foot', 'aigc-label · 在本机检查 / checked on this device'));
    root.append(panel);
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup']) {
      host.addEventListener(type, (event) => event.stopPropagation());
    }
    shadows.set(host, { root, focusable: panel, verdict: String(report.verdict), kinds });
    return host;
  }

  /** Opens the whole report in an extension window, which the page cannot see or script. */
  function fullReportLink(key) {
    const more = el('div', 'more', '完整报告 / Full report');
    more.setAttribute('role', 'button');
    more.setAttribute('tabindex', '0');
    const open = (event) => {
      if (!trusted(event)) return;
      event.preventDefault();
      event.stopPropagation();
      chrome.runtime.sendMessage({ type: 'open-report', key }).catch(() => {});
    };
    more.addEventListener('click', open);
    more.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') open(event);
    });
    return more;
  }

  function openReport(badge, report, byKeyboard) {
    closePanel(false);
    const panel = buildPanel(report, 'Image / 图片');
    getLayer().append(panel);
    openPanel = { panel, owner: badge, anchor: () => badge.getBoundingClientRect(), below: true };
    shadows.get(badge)?.focusable.setAttribute('aria-expanded', 'true');
    placePanel(openPanel);
    if (byKeyboard) shadows.get(panel)?.focusable.focus({ preventScroll: true });
  }

  function closePanel(returnFocus) {
    if (!openPanel) return;
    const { panel, owner } = openPanel;
    openPanel = null;
    panel.remove();
    const pill = owner && shadows.get(owner)?.focusable;
    if (pill) {
      pill.setAttribute('aria-expanded', 'false');
      if (returnFocus && owner.isConnected) pill.focus({ preventScroll: true });
    }
  }

  /** Puts a panel under (or next to) its anchor, kept inside the viewport's width. */
  function placePanel({ panel, anchor }) {
    const origin = getLayer().getBoundingClientRect();
    const box = anchor();
    const width = panel.offsetWidth;
    const viewport = document.documentElement.clientWidth || window.innerWidth;
    const x = Math.max(8, Math.min(box.left, viewport - width - 8));
    const y = box.bottom + 6;
    panel.style.setProperty('left', `${Math.round(x - origin.left)}px`, 'important');
    panel.style.setProperty('top', `${Math.round(y - origin.top)}px`, 'important');
  }

  // A click anywhere else closes the open panel; so does Escape (kept from the page only when
  // the focus is on a badge or panel).
  document.addEventListener('mousedown', (event) => {
    if (openPanel && !isOurs(event.target)) closePanel(false);
  }, true);
  document.addEventListener('keydown', (event) => {
    if (!openPanel || event.key !== 'Escape') return;
    const focused = isOurs(document.activeElement);
    if (focused) {
      event.preventDefault();
      event.stopPropagation();
    }
    closePanel(focused);
  }, true);

  // ---- Selected text ---------------------------------------------------------------------

  let selectionBox = null;

  function selectionRect() {
    const active = document.activeElement;
    if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) return active.getBoundingClientRect();
    const selection = window.getSelection();
    if (selection && selection.rangeCount > 0) {
      const rect = selection.getRangeAt(0).getBoundingClientRect();
      if (rect.width > 0 || rect.height > 0) return rect;
    }
    return null;
  }

  /** The selected text, invisible characters included. */
  function selectedText() {
    const active = document.activeElement;
    if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) {
      try {
        const text = active.value.slice(active.selectionStart ?? 0, active.selectionEnd ?? 0);
        if (text) return text;
      } catch {
        // Input types without a selection API.
      }
    }
    return String(window.getSelection() ?? '');
  }

  function showSelectionReport(report) {
    closePanel(false);
    const panel = buildPanel(report, 'Selected text / 所选文字');
    shadows.get(panel).selection = true;
    getLayer().append(panel);
    // Where the selection was, in document coordinates, so the panel scrolls with the text.
    const box = selectionRect() || selectionBox;
    const scroll = { x: window.scrollX, y: window.scrollY };
    const at = box
      ? { left: box.left + scroll.x, bottom: box.bottom + scroll.y }
      : { left: document.documentElement.clientWidth - 400 + scroll.x, bottom: 8 + scroll.y };
    openPanel = {
      panel,
      owner: null,
      anchor: () => ({ left: at.left - window.scrollX, bottom: at.bottom - window.scrollY }),
    };
    placePanel(openPanel);
    shadows.get(panel).focusable.focus({ preventScroll: true });
  }

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id) return false;
    if (message?.type === 'get-selection') {
      selectionBox = selectionRect();
      if (selectionBox) {
        const { left, bottom } = selectionBox;
        selectionBox = { left, bottom };
      }
      sendResponse(selectedText());
    } else if (message?.type === 'show-selection-report' && message.report) {
      showSelectionReport(message.report);
      sendResponse(true);
    }
    return false;
  });

  // ---- Wiring ----------------------------------------------------------------------------

  // Every image load in the document, lazy ones and new srcset choices included.
  for (const type of ['load', 'error']) {
    document.addEventListener(type, (event) => {
      if (event.target instanceof HTMLImageElement) consider(event.target);
    }, true);
  }

  new MutationObserver((records) => {
    for (const record of records) {
      if (isOurs(record.target)) continue;
      if (record.type === 'attributes') {
        // A new src: the old badge goes; the image is checked again once it has loaded.
        const img = record.target;
        if (!(img instanceof HTMLImageElement)) continue;
        const entry = tracked.get(img);
        if (entry && (!img.complete || entry.url !== urlOf(img))) forget(img);
        consider(img);
        continue;
      }
      for (const node of record.addedNodes) if (!isOurs(node)) scan(node);
      if (record.removedNodes.length > 0) schedule();
    }
    schedule();
  }).observe(html, { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'srcset'] });

  window.addEventListener('resize', schedule, { passive: true });
  // Scrolling a container moves its images: capture catches scrolls of any element.
  document.addEventListener('scroll', schedule, { capture: true, passive: true });

  // For tests and debugging, in the content script's isolated world only (the page cannot
  // see it; DevTools can, by picking the extension's context in the console).
  const describe = (host) => {
    const { verdict, kinds, selection, reason } = shadows.get(host) || {};
    const rect = host.getBoundingClientRect();
    const inner = shadows.get(host);
    const style = inner ? getComputedStyle(inner.focusable) : null;
    const more = inner?.root.querySelector('.more');
    return {
      verdict,
      role: inner?.focusable.getAttribute('role') ?? null,
      label: inner?.focusable.getAttribute('aria-label') ?? null,
      fontSize: style?.fontSize,
      tags: inner ? [...new Set([...inner.root.querySelectorAll('*')].map((node) => node.localName))] : [],
      more: more ? (({ left, top, right, bottom }) => ({ left, top, right, bottom }))(more.getBoundingClientRect()) : null,
      src: host.getAttribute('data-aigc-src'),
      reason,
      hidden: host.classList.contains('aigc-label-hidden'),
      rect: { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom },
      ...(kinds ? { kinds, selection: Boolean(selection), text: shadows.get(host).root.textContent } : {}),
    };
  };
  globalThis.aigcLabelDebug = {
    /** Checks queued or in flight, and URLs answered. */
    progress: () => ({ pending: queue.length + inFlight, checked }),
    /** Every badge and mark: verdict (or `not_checked`), URL, place on screen. */
    marks: () => [...tracked.values()].filter((entry) => entry.badge).map((entry) => describe(entry.badge)),
    /** The open panel, or null. */
    panel: () => (openPanel ? describe(openPanel.panel) : null),
    /** The verdict of the badge holding the focus, or null. */
    focused: () => {
      const host = document.activeElement;
      const inner = host && shadows.get(host);
      return inner && inner.root.activeElement ? inner.verdict : null;
    },
    /** Scrolls the first badge or mark of the image at `src` into view; returns it. */
    reveal: (src) => {
      const entry = [...tracked.values()].find((item) => item.badge && item.url.endsWith(src));
      if (!entry) return null;
      entry.badge.scrollIntoView({ block: 'center', inline: 'nearest' });
      reposition();
      return describe(entry.badge);
    },
    /** Focuses the open panel's "Full report" link, as Tab would. */
    focusFullReport: () => {
      const link = openPanel && shadows.get(openPanel.panel)?.root.querySelector('.more');
      link?.focus();
      return Boolean(link);
    },
    /** Focuses the badge of the image at `src` (the first one), as Tab would. */
    focus: (src) => {
      const entry = [...tracked.values()].find((item) => item.badge && item.url.endsWith(src));
      shadows.get(entry?.badge)?.focusable.focus();
      return Boolean(entry);
    },
  };

  for (const img of document.images) consider(img);
})();
