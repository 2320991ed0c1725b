// The page: hands input to the worker and renders the report. Every string that comes
// from a file is attacker-controlled, so the DOM is built with textContent only.

import { evidenceNames } from './names.js';

const VERDICTS = {
  ai_labeled: { icon: '✓', zh: '含有效AI生成标识', en: 'Valid AI-generated label' },
  possibly_ai: { icon: '?', zh: '标识为可能AI生成', en: 'Labelled as possibly AI-generated' },
  suspected_ai: { icon: '!', zh: '疑似AI生成', en: 'Suspected AI-generated' },
  invalid_label: { icon: '✗', zh: '标识无效', en: 'A label is present but invalid' },
  no_label: { icon: '–', zh: '未发现AI标识', en: 'No AI label found' },
  error: { icon: '✗', zh: '无法读取', en: 'Could not read the input' },
};

/** The page's badge style of each claim. */
const CLAIM_CLASSES = {
  ai_generated: 'b-ok', ai_edited: 'b-ok', possibly_ai: 'b-warn', suspected_ai: 'b-warn',
  not_ai: 'b-none', unknown: 'b-none',
};

/** Field values longer than this are cut on screen (the report keeps them whole). */
const LONG_VALUE = 600;

const MEDIA = {
  image: ['图片', 'image'], video: ['视频', 'video'], audio: ['音频', 'audio'],
  document: ['文档', 'document'], text: ['文本', 'text'], unknown: ['未知格式', 'unknown format'],
};

/** "MP4 视频 / MP4 video" from the report's format and media. */
function describeFormat(report) {
  const [zh, en] = MEDIA[report.media] || MEDIA.unknown;
  if (report.format === 'text' || report.format === 'unknown') return `${zh} / ${en}`;
  const name = report.format.toUpperCase();
  return `${name} ${zh} / ${name} ${en}`;
}

/** Creates an element; `text` is always set as text, never parsed as HTML. */
function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function bilingual(tag, zh, en, props = {}) {
  return el(tag, props, [document.createTextNode(zh + ' '), el('span', { class: 'en', text: en })]);
}

const result = document.getElementById('result');
let worker;
let nextId = 1;
const pending = new Map();
let currentPreview;

/**
 * The longest one check may run once the worker starts it; past it the worker is replaced and
 * the check answers `error`. 60 s, or `?timeLimitMs=N` in the page's address.
 */
const TIME_LIMIT_MS = Number(new URLSearchParams(location.search).get('timeLimitMs')) || 60_000;
let watchdog = null;

function startWorker() {
  clearTimeout(watchdog);
  worker?.terminate();
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.warmedUp) document.body.dataset.workerWarm = 'true';
    const job = pending.get(message.id);
    if (!job) return;
    if (message.begin) {
      watch(message.id);
      return;
    }
    if (message.progress) {
      job.onProgress(message);
      return;
    }
    clearTimeout(watchdog);
    pending.delete(message.id);
    if (message.crashed) {
      restartWorker();
      job.resolve({ report: crashReport(message.message), ms: 0 });
    } else {
      job.resolve(message);
    }
  };
}

/** A fresh worker, with the checks still queued posted to it. */
function restartWorker() {
  startWorker();
  for (const [id, job] of pending) worker.postMessage({ id, ...job.message });
}

/** Times check `id`, which the worker has just begun. */
function watch(id) {
  clearTimeout(watchdog);
  watchdog = setTimeout(() => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    restartWorker();
    job.resolve({ report: timeoutReport(TIME_LIMIT_MS), ms: TIME_LIMIT_MS });
  }, TIME_LIMIT_MS);
}

function timeoutReport(ms) {
  const seconds = ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s` : `${ms} ms`;
  return {
    verdict: 'error', format: 'unknown', media: 'unknown',
    summary: {
      en: `The check was stopped after ${seconds}, the time limit; the verifier was restarted.`,
      zh: `检查超过 ${seconds} 的时限，已被终止；核验程序已重新启动。`,
    },
    evidence: [], errors: [`stopped after ${seconds}: this input took longer than the time limit`],
  };
}

function crashReport(message) {
  return {
    verdict: 'error', format: 'unknown',
    summary: { en: 'The verifier failed on this input.', zh: '核验程序处理该输入时出错。' },
    evidence: [], errors: [`internal error: ${message}`],
  };
}

function ask(message, onProgress = () => {}) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve, onProgress, message });
    worker.postMessage({ id, ...message });
  });
}

/** Checks that end sooner than this never draw the spinner, so a quick verdict does not flash it. */
const BUSY_DELAY_MS = 100;

/**
 * Marks the result busy at once for scripts (data-state="busy", no data-verdict) but draws the
 * spinner only if the check is still running after BUSY_DELAY_MS: redrawing the page while the
 * worker starts would delay the worker's answer by a frame. Returns the function that cancels
 * the spinner.
 */
function markBusy(zh, en) {
  result.removeAttribute('data-verdict');
  result.dataset.state = 'busy';
  const timer = setTimeout(() => showBusy(zh, en), BUSY_DELAY_MS);
  return () => clearTimeout(timer);
}

function showBusy(zh, en, progress) {
  result.removeAttribute('data-verdict');
  result.dataset.state = 'busy';
  const bar = progress
    ? el('div', { class: 'progress' }, [
      el('progress', { max: String(progress.size), value: String(progress.bytesRead) }),
      el('span', { text: `${formatSize(progress.bytesRead)} / ${formatSize(progress.size)}` }),
    ])
    : null;
  result.replaceChildren(el('div', { class: 'busy' }, [el('div', { class: 'spinner' }), bilingual('span', zh, en), bar]));
}

async function checkFile(file) {
  if (!file) return;
  const started = performance.now();
  const cancelSpinner = markBusy('正在核验…', 'Checking…');
  const watermarks = document.getElementById('watermarks').checked;
  const answer = ask({ type: 'file', file, watermarks }, (message) => {
    cancelSpinner();
    if (message.progress === 'models') {
      showBusy('正在加载文字识别模型（仅首次，约 6 MB）…', 'Loading the text-recognition models (first time only, about 6 MB)…');
    } else {
      showBusy('正在读取所需部分…', 'Reading the parts that matter…', message);
    }
  });
  const { report, ms, readMs, bytesRead } = await answer;
  cancelSpinner();
  render(report, { name: file.name, size: file.size, ms, bytesRead });
  showPreviewAfterPaint(file, report);
  // Time from the file being chosen to the verdict on screen, read by bench/browser.mjs.
  result.dataset.elapsedMs = (performance.now() - started).toFixed(2);
  // Of which the worker's part (read + verify), and of that reading a small file whole
  // (absent for files read in slices).
  result.dataset.workerMs = ms.toFixed(2);
  if (readMs === undefined) delete result.dataset.readMs;
  else result.dataset.readMs = readMs.toFixed(2);
}

/**
 * Adds the image's preview once the verdict is painted: registering its blob: URL earlier slowed
 * the worker's file read (docs/performance.md).
 */
function showPreviewAfterPaint(file, report) {
  const banner = result.querySelector('.verdict');
  requestAnimationFrame(() => setTimeout(() => {
    if (currentPreview) URL.revokeObjectURL(currentPreview);
    currentPreview = undefined;
    // Another check may have replaced this verdict meanwhile.
    if (!banner || !banner.isConnected || report.media !== 'image' || !file.type.startsWith('image/')) return;
    currentPreview = URL.createObjectURL(file);
    banner.append(previewWithBoxes(currentPreview, report));
  }));
}

/**
 * The preview, with a frame over every visible label the check read (the evidence's Box field,
 * "x,y,width,height" in the image's pixels), placed in percentages once the image's size is known.
 */
function previewWithBoxes(url, report) {
  const img = el('img', { class: 'thumb', src: url, alt: '' });
  const labels = report.evidence.filter((e) => e.kind === 'explicit_image_label' && /^\d+,\d+,\d+,\d+$/.test(e.fields.Box || ''));
  if (!labels.length) return img;
  const frame = el('div', { class: 'thumb-frame' }, [img]);
  img.addEventListener('load', () => {
    const { naturalWidth: w, naturalHeight: h } = img;
    if (!w || !h) return;
    for (const evidence of labels) {
      const [x, y, bw, bh] = evidence.fields.Box.split(',').map(Number);
      const box = el('div', { class: evidence.valid ? 'label-box' : 'label-box half', title: evidence.fields.Text || '' });
      box.style.left = `${(100 * x) / w}%`;
      box.style.top = `${(100 * y) / h}%`;
      box.style.width = `${(100 * bw) / w}%`;
      box.style.height = `${(100 * bh) / h}%`;
      frame.append(box);
    }
    frame.dataset.labelBoxes = String(labels.length);
  }, { once: true });
  return frame;
}

async function checkText(text) {
  const cancelSpinner = markBusy('正在核验文本…', 'Checking the text…');
  const { report, ms } = await ask({ type: 'text', text });
  cancelSpinner();
  render(report, { name: '粘贴的文本 / pasted text', size: new TextEncoder().encode(text).length, ms, text });
}

/** Texts up to this many characters are shown whole; longer ones as excerpts around findings. */
const WHOLE_TEXT_VIEW = 20000;
/** Characters shown on each side of a finding in an excerpt. */
const EXCERPT_CONTEXT = 160;

/**
 * The checked text with what was found marked in place: explicit labels highlighted, and
 * every run of hidden characters replaced by a visible token saying what it is and carries.
 * Offsets in the report count Unicode characters (code points), as Array.from does.
 */
function textView(text, report) {
  const marks = [];
  for (const evidence of report.evidence) {
    const f = evidence.fields;
    const start = Number(f.Offset);
    if (!Number.isFinite(start)) continue;
    if (evidence.kind === 'explicit_text_label' && f.Wording) {
      marks.push({ start, end: start + Array.from(f.Wording).length, kind: 'label', valid: evidence.valid });
    } else if (evidence.kind === 'hidden_text_payload') {
      marks.push({ start, end: start + Number(f.Length), kind: 'hidden', carrier: f.Carrier, decoded: f.Decoded });
    }
  }
  if (!marks.length) return null;
  marks.sort((a, b) => a.start - b.start);
  const chars = Array.from(text);
  const nodes = [];
  const plain = (from, to) => {
    if (to <= from) return;
    if (chars.length > WHOLE_TEXT_VIEW && to - from > 2 * EXCERPT_CONTEXT) {
      if (from > 0) nodes.push(document.createTextNode(chars.slice(from, from + EXCERPT_CONTEXT).join('')));
      nodes.push(el('span', { class: 'elided', text: ` … ${to - from - (from > 0 ? 2 : 1) * EXCERPT_CONTEXT} 字符 / characters … ` }));
      nodes.push(document.createTextNode(chars.slice(to - EXCERPT_CONTEXT, to).join('')));
    } else {
      nodes.push(document.createTextNode(chars.slice(from, to).join('')));
    }
  };
  let at = 0;
  for (const mark of marks) {
    if (mark.start < at) continue; // overlapping findings: the first one is shown
    plain(at, mark.start);
    if (mark.kind === 'label') {
      nodes.push(el('mark', { class: mark.valid ? 'label-mark' : 'label-mark half', text: chars.slice(mark.start, mark.end).join('') }));
    } else {
      const decoded = mark.decoded ? `: “${mark.decoded.length > 120 ? `${mark.decoded.slice(0, 120)}…` : mark.decoded}”` : '';
      nodes.push(el('span', {
        class: 'hidden-mark',
        title: `${mark.end - mark.start} 个隐藏字符 / hidden characters (${mark.carrier})`,
        text: `⟦${mark.end - mark.start} × ${mark.carrier}${decoded}⟧`,
      }));
    }
    at = mark.end;
  }
  plain(at, chars.length);
  return el('div', { class: 'text-view-wrap' }, [
    bilingual('h3', '标出位置的文本', 'The text, with what was found marked', { class: 'section' }),
    el('div', { class: 'text-view' }, nodes),
  ]);
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function render(report, info) {
  for (const url of thumbnailUrls) URL.revokeObjectURL(url);
  thumbnailUrls = [];
  const v = VERDICTS[report.verdict] || VERDICTS.error;
  const banner = el('div', { class: `verdict v-${report.verdict}` }, [
    el('div', { class: 'icon', text: v.icon, 'aria-hidden': 'true' }),
    el('div', {}, [
      bilingual('h2', v.zh, v.en),
      el('p', { class: 'summary' }, [
        document.createTextNode(report.summary.zh),
        el('span', { class: 'en', text: report.summary.en }),
      ]),
    ]),
  ]);
  const meta = el('div', { class: 'meta' }, [
    metaItem('文件 / File', info.name),
    metaItem('类型 / Type', describeFormat(report)),
    metaItem('大小 / Size', formatSize(info.size)),
    info.bytesRead !== undefined && info.bytesRead < info.size
      ? metaItem('读取 / Read', `${formatSize(info.bytesRead)}（只读取元数据 / metadata only）`)
      : null,
    metaItem('用时 / Time', `${info.ms.toFixed(1)} ms`),
    reportLink(report, info.name),
  ]);
  const parts = [banner, meta];
  const view = info.text !== undefined ? textView(info.text, report) : null;
  if (view) parts.push(view);
  if (report.evidence.length) {
    parts.push(bilingual('h3', '发现的标识与痕迹', 'What was found', { class: 'section' }));
    for (const evidence of report.evidence) parts.push(evidenceCard(evidence));
  }
  if (report.errors.length) {
    parts.push(el('div', { class: 'errors' }, [
      bilingual('strong', '读取时的问题', 'Problems while reading'),
      el('ul', {}, report.errors.map((e) => el('li', { text: e }))),
    ]));
  }
  result.replaceChildren(...parts);
  result.dataset.state = 'done';
  result.setAttribute('data-verdict', report.verdict);
}

/**
 * A link that saves the report as the CLI's `--json` prints it (without "path"), so that the
 * two can be compared. C2PA thumbnails stay on screen only: the CLI never embeds them.
 */
function reportLink(report, name) {
  const json = JSON.stringify(report, (key, value) => (key === 'thumbnailBlob' ? undefined : value));
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  thumbnailUrls.push(url);
  return el('a', { id: 'report-json', href: url, download: `${name}.report.json`, text: '报告 JSON / Report JSON' });
}

function metaItem(label, value) {
  return el('span', {}, [document.createTextNode(`${label}: `), el('b', { text: value })]);
}

function evidenceCard(evidence) {
  const { kind: [kindZh, kindEn], claim: [claimZh, claimEn] } = evidenceNames(evidence);
  const claimClass = CLAIM_CLASSES[evidence.claim] || CLAIM_CLASSES.unknown;
  const unverified = evidence.kind === 'c2pa_manifest' && evidence.checks.some((c) => c.id === 'c2pa.validation' && !c.ok);
  const validity = unverified
    ? el('span', { class: 'badge b-info', text: '未校验 / not verified' })
    : evidence.valid
      ? el('span', { class: 'badge b-ok', text: '校验通过 / valid' })
      : el('span', { class: 'badge b-bad', text: '校验失败 / invalid' });
  const head = el('div', { class: 'card-head' }, [
    bilingual('h4', kindZh, kindEn),
    evidence.valid || unverified
      ? el('span', { class: `badge ${claimClass}`, text: `${claimZh} / ${claimEn}` })
      : el('span', { class: 'badge b-none', text: `声称${claimZh} / claims ${claimEn}` }),
    validity,
  ]);
  const producer = evidence.fields.ProducerName || evidence.fields.Generator
    || [evidence.fields.SoftwareAgent, evidence.fields.Signer && `签名方 signer ${evidence.fields.Signer}`].filter(Boolean).join(' · ');
  const fields = Object.entries(evidence.fields);
  const shown = (value) => (value.length > LONG_VALUE ? `${value.slice(0, LONG_VALUE)}… (${value.length} 字符 / characters)` : value);
  const fieldList = fields.length ? el('dl', { class: 'fields' }, fields.flatMap(([k, val]) => [
    el('dt', { text: k }),
    val === '' ? el('dd', { class: 'empty', text: '（空）empty' }) : el('dd', { text: shown(val), title: val.slice(0, 4000) }),
  ])) : null;
  const credentials = evidence.kind === 'c2pa_manifest' && evidence.explanation;
  return el('article', { class: 'card', 'data-kind': evidence.kind }, [
    head,
    evidence.explanation ? el('p', { class: 'explanation' }, [
      document.createTextNode(evidence.explanation.zh),
      el('span', { class: 'en', text: evidence.explanation.en }),
    ]) : null,
    credentials ? null : producer ? el('p', { class: 'producer', text: `生成方 / Producer: ${producer}` }) : null,
    credentials ? contentCredentials(evidence) : null,
    el('p', { class: 'location', text: `位置 / Location: ${evidence.location}` }),
    credentials && fieldList
      ? el('details', { class: 'all-fields' }, [el('summary', { text: '全部字段 / All fields' }), fieldList])
      : fieldList,
    el('ul', { class: 'checks' }, evidence.checks.map((c) => el('li', { class: c.ok ? 'pass' : c.advisory ? 'fail advisory' : 'fail', 'data-check': c.id }, [
      el('span', { class: 'mark', text: c.ok ? '✓' : c.advisory ? '!' : '✗' }),
      el('span', {}, [
        document.createTextNode(c.message_zh || c.message),
        c.message_zh ? el('span', { class: 'en', text: c.message }) : null,
        el('code', { text: c.id }),
      ]),
    ]))),
  ]);
}

/** Object URLs made for the current report (thumbnails, JSON), revoked on the next render. */
let thumbnailUrls = [];

/** A blob: URL for the thumbnail the worker decoded (the page's CSP allows blob: images only). */
function thumbnailUrl(blob) {
  if (!(blob instanceof Blob)) return null;
  const url = URL.createObjectURL(blob);
  thumbnailUrls.push(url);
  return url;
}

const CREDENTIAL_FIELDS = [
  ['Signer', '签名方', 'Signed by'],
  ['SignedAt', '签名时间', 'Signed on'],
  ['ClaimGenerator', '签发工具', 'Made with'],
  ['SoftwareAgent', 'AI 工具', 'AI tool'],
  ['DigitalSourceType', '来源类型', 'Source type'],
  ['DeclaredIn', 'AI 声明位置', 'AI declared in'],
  ['Actions', '操作', 'Actions'],
];

/** The Content Credentials summary: who signed, when, with what, from what. */
function contentCredentials(evidence) {
  const f = evidence.fields;
  const rows = CREDENTIAL_FIELDS.filter(([key]) => f[key]).flatMap(([key, zh, en]) => [
    el('dt', { text: `${zh} / ${en}` }),
    el('dd', { text: key === 'DigitalSourceType' ? f[key].split('/').pop() : shortValue(f[key]) }),
  ]);
  const provenance = evidence.provenance || { ingredients: [] };
  const thumb = thumbnailUrl(provenance.thumbnailBlob);
  const tree = provenance.ingredients.length
    ? el('div', { class: 'ingredients' }, [
      bilingual('strong', '素材来源', 'Made from'),
      ingredientList(provenance.ingredients),
    ])
    : null;
  return el('div', { class: 'credentials' }, [
    thumb ? el('img', { class: 'c2pa-thumb', src: thumb, alt: '内容凭证中的缩略图 / thumbnail in the credentials' }) : null,
    el('div', { class: 'credential-body' }, [rows.length ? el('dl', { class: 'credential-fields' }, rows) : null, tree]),
  ]);
}

function shortValue(value) {
  return value.length > LONG_VALUE ? `${value.slice(0, LONG_VALUE)}…` : value;
}

const RELATIONSHIPS = { parentOf: ['父素材', 'parent'], componentOf: ['组成部分', 'component'], inputTo: ['输入', 'input'] };

/** A nested list of ingredients; each says what it is and, if it has credentials, what made it. */
function ingredientList(ingredients) {
  return el('ul', { class: 'ingredient-tree' }, ingredients.map((ingredient) => {
    const [relZh, relEn] = RELATIONSHIPS[ingredient.relationship] || [ingredient.relationship, ingredient.relationship];
    const details = [
      ingredient.generator && `${ingredient.generator}`,
      ingredient.digital_source_type && ingredient.digital_source_type.split('/').pop(),
    ].filter(Boolean).join(' · ');
    return el('li', { 'data-relationship': ingredient.relationship }, [
      el('b', { text: ingredient.title }),
      el('span', { class: 'rel', text: ` (${relZh} / ${relEn})` }),
      details ? el('span', { class: 'ingredient-details', text: ` — ${details}` }) : null,
      ingredient.ingredients && ingredient.ingredients.length ? ingredientList(ingredient.ingredients) : null,
    ]);
  }));
}

function wireInputs() {
  const drop = document.getElementById('drop');
  const fileInput = document.getElementById('file');
  fileInput.addEventListener('change', () => {
    const file = fileInput.files[0];
    fileInput.value = ''; // so that choosing the same file again checks it again
    checkFile(file);
  });
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.click(); }
  });
  for (const type of ['dragenter', 'dragover']) {
    document.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('dragging'); });
  }
  document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) drop.classList.remove('dragging'); });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) checkFile(file);
  });
  const textArea = document.getElementById('text');
  document.getElementById('check-text').addEventListener('click', () => checkText(textArea.value));
  document.addEventListener('paste', (e) => {
    const data = e.clipboardData;
    if (!data) return;
    const file = data.files && data.files[0];
    if (file) {
      e.preventDefault();
      checkFile(file);
    } else if (e.target !== textArea) {
      const text = data.getData('text/plain');
      if (text) {
        e.preventDefault();
        textArea.value = text;
        checkText(text);
      }
    }
  });
}

startWorker();
wireInputs();
ask({ type: 'version' }).then(({ version }) => {
  if (version) document.getElementById('version').textContent = `aigc-label ${version}`;
});
