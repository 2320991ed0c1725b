// The content script: finds the images the page shows, asks the service worker to verify
// each URL once, and puts a badge over the top-left corner of every image that carries an AI
// label. Every string from a report is attacker-controlled (it comes from the image), so the
// DOM is built with textContent only.
(() => {
  const BADGES = {
    ai_labeled: { text: 'AI', zh: '含有效AI生成标识', en: 'Valid AI-generated label' },
    possibly_ai: { text: 'AI?', zh: '标识为可能AI生成', en: 'Labelled as possibly AI-generated' },
    suspected_ai: { text: '≈AI', zh: '疑似AI生成', en: 'Suspected AI-generated' },
    invalid_label: { text: '!', zh: '标识无效', en: 'A label is present but invalid' },
  };
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

  const html = document.documentElement;

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

  /** Publishes progress on <html> so that scripts (and tests) can tell when the page is done. */
  function publish() {
    html.dataset.aigcPending = String(queue.length + inFlight);
    html.dataset.aigcChecked = String(checked);
  }

  /** The layer that holds badges and panels, positioned at the document's origin. */
  function getLayer() {
    if (!layer) layer = el('aigc-label-layer', 'aigc-label-layer');
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
    if (!job) {
      job = { done: false, report: null, waiting: new Set() };
      jobs.set(url, job);
      queue.push(url);
    }
    if (job.done) showBadge(img, url, job.report);
    else job.waiting.add(img);
    pump();
  }

  function send(url) {
    try {
      return chrome.runtime.sendMessage({ type: 'verify-url', url })
        .then((answer) => answer?.report ?? null, () => null);
    } catch {
      return Promise.resolve(null); // The extension was reloaded or removed.
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
    publish();
  }

  function scan(node) {
    if (node instanceof HTMLImageElement) consider(node);
    else if (node.querySelectorAll) for (const img of node.querySelectorAll('img')) consider(img);
  }

  // ---- Badges ----------------------------------------------------------------------------

  function showBadge(img, url, report) {
    const style = report && BADGES[report.verdict];
    const entry = tracked.get(img);
    if (!style || !entry || entry.url !== url || entry.badge) return;
    const verdict = report.verdict;
    const badge = el('aigc-label-badge', `aigc-label-badge aigc-label-${verdict}`, style.text);
    badge.setAttribute('data-aigc-verdict', verdict);
    badge.setAttribute('data-aigc-src', url.length > MAX_SRC_ATTRIBUTE ? url.slice(0, MAX_SRC_ATTRIBUTE) : url);
    badge.setAttribute('role', 'button');
    badge.setAttribute('tabindex', '0');
    badge.setAttribute('aria-haspopup', 'dialog');
    badge.setAttribute('aria-expanded', 'false');
    badge.setAttribute('aria-label', `${style.en} / ${style.zh} (aigc-label)`);
    badge.title = `${style.en} / ${style.zh}\naigc-label — click for details / 点击查看详情`;
    const toggle = (event) => {
      event.preventDefault();
      event.stopPropagation();
      if (openPanel?.owner === badge) closePanel(true);
      else openReport(badge, report, event.type === 'keydown');
    };
    badge.addEventListener('click', toggle);
    badge.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') toggle(event);
    });
    // Clicks on the badge are not the page's business (it might open the image, say).
    for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) {
      badge.addEventListener(type, (event) => event.stopPropagation());
    }
    entry.badge = badge;
    entry.clips = clippingAncestors(img);
    getLayer().append(badge);
    reposition();
    startTimer();
  }

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

  /** Builds a panel for a report; `title` names what was checked. */
  function buildPanel(report, title) {
    const verdict = VERDICTS[report.verdict] || VERDICTS.error;
    const panel = el('aigc-label-panel', `aigc-label-panel aigc-label-${report.verdict}`);
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', `aigc-label: ${verdict.en} / ${verdict.zh}`);
    panel.setAttribute('tabindex', '-1');
    const head = el('aigc-label-head', 'aigc-label-head');
    head.append(el('aigc-label-verdict', 'aigc-label-verdict', `${verdict.zh} / ${verdict.en}`));
    const close = el('aigc-label-close', 'aigc-label-close', '×');
    close.setAttribute('role', 'button');
    close.setAttribute('tabindex', '0');
    close.setAttribute('aria-label', 'Close / 关闭');
    const dismiss = (event) => {
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
    panel.append(el('aigc-label-what', 'aigc-label-what', title));
    if (report.summary) {
      panel.append(el('aigc-label-summary', 'aigc-label-summary aigc-label-zh', report.summary.zh));
      panel.append(el('aigc-label-summary', 'aigc-label-summary aigc-label-en', report.summary.en));
    }
    const list = el('aigc-label-list', 'aigc-label-list');
    for (const evidence of report.evidence || []) {
      const [kindZh, kindEn] = evidence.kindName || [evidence.kind, evidence.kind];
      const [claimZh, claimEn] = evidence.claimName || [evidence.claim, evidence.claim];
      const item = el('aigc-label-evidence', `aigc-label-evidence ${evidence.valid ? 'aigc-label-valid' : 'aigc-label-invalid'}`);
      item.setAttribute('data-aigc-kind', String(evidence.kind));
      item.append(el('aigc-label-line', 'aigc-label-line',
        `${evidence.valid ? '✓' : '✗'} ${kindZh} / ${kindEn} — ${claimZh} / ${claimEn}`));
      if (evidence.location) item.append(el('aigc-label-line', 'aigc-label-location', evidence.location));
      if (evidence.explanation) item.append(el('aigc-label-line', 'aigc-label-explanation', evidence.explanation.en));
      for (const problem of evidence.problems || []) item.append(el('aigc-label-line', 'aigc-label-problem', `✗ ${problem}`));
      list.append(item);
    }
    if (list.childNodes.length > 0) panel.append(list);
    for (const error of report.errors || []) panel.append(el('aigc-label-line', 'aigc-label-problem', error));
    panel.append(el('aigc-label-foot', 'aigc-label-foot', 'aigc-label · 在本机检查 / checked on this device'));
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup']) {
      panel.addEventListener(type, (event) => event.stopPropagation());
    }
    return panel;
  }

  function openReport(badge, report, byKeyboard) {
    closePanel(false);
    const panel = buildPanel(report, 'Image / 图片');
    getLayer().append(panel);
    openPanel = { panel, owner: badge, anchor: () => badge.getBoundingClientRect(), below: true };
    badge.setAttribute('aria-expanded', 'true');
    placePanel(openPanel);
    if (byKeyboard) panel.focus({ preventScroll: true });
  }

  function closePanel(returnFocus) {
    if (!openPanel) return;
    const { panel, owner } = openPanel;
    openPanel = null;
    panel.remove();
    if (owner) {
      owner.setAttribute('aria-expanded', 'false');
      if (returnFocus && owner.isConnected) owner.focus({ preventScroll: true });
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
    panel.classList.add('aigc-label-selection');
    panel.setAttribute('data-aigc-selection-verdict', String(report.verdict));
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
    panel.focus({ preventScroll: true });
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

  publish();
  for (const img of document.images) consider(img);
})();
