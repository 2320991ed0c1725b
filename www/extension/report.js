// The report window: the whole report of one image or text, in extension UI that no web page
// can see or script. Every string in it comes from the checked file, so the DOM is built with
// textContent only.
import { evidenceNames } from './pkg/names.js';

const VERDICTS = {
  ai_labeled: '含有效AI生成标识 / Valid AI-generated label',
  possibly_ai: '标识为可能AI生成 / Labelled as possibly AI-generated',
  suspected_ai: '疑似AI生成 / Suspected AI-generated',
  invalid_label: '标识无效 / A label is present but invalid',
  no_label: '未发现AI标识 / No AI label found',
  error: '无法检查 / Could not check',
};

const el = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
};

function evidenceSection(evidence) {
  const names = evidenceNames(evidence);
  const section = el('section', undefined, `evidence ${evidence.valid ? 'valid' : 'invalid'}`);
  section.dataset.kind = String(evidence.kind);
  section.append(el('h2', `${evidence.valid ? '✓' : '✗'} ${names.kind.join(' / ')} — ${names.claim.join(' / ')}`));
  if (evidence.location) section.append(el('div', evidence.location, 'location'));
  if (evidence.explanation) section.append(el('p', `${evidence.explanation.zh} ${evidence.explanation.en}`));
  const fields = Object.entries(evidence.fields || {});
  if (fields.length > 0) {
    const table = el('table');
    for (const [name, value] of fields) {
      const row = el('tr');
      row.append(el('th', name), el('td', typeof value === 'string' ? value : JSON.stringify(value)));
      table.append(row);
    }
    section.append(table);
  }
  const checks = evidence.checks || [];
  if (checks.length > 0) {
    const list = el('ul');
    for (const check of checks) {
      const state = check.ok ? 'ok' : check.advisory ? 'advisory' : 'fail';
      const mark = check.ok ? '✓' : check.advisory ? '!' : '✗';
      list.append(el('li', `${mark} ${check.id}: ${check.message_zh ? `${check.message_zh} / ` : ''}${check.message}`, state));
    }
    section.append(list);
  }
  return section;
}

function render({ report, subject }) {
  const main = document.getElementById('report');
  main.replaceChildren();
  main.dataset.verdict = String(report.verdict);
  main.append(el('h1', VERDICTS[report.verdict] || String(report.verdict)));
  main.append(el('div', subject, 'subject'));
  if (report.summary) main.append(el('p', report.summary.zh), el('p', report.summary.en));
  for (const evidence of report.evidence || []) main.append(evidenceSection(evidence));
  if ((report.errors || []).length > 0) {
    const list = el('ul', undefined, 'errors');
    for (const error of report.errors) list.append(el('li', error));
    main.append(list);
  }
  main.append(el('p', `aigc-label · 在本机检查 / checked on this device · ${report.format || ''}`, 'foot'));
  document.title = `aigc-label: ${report.verdict}`;
}

const key = location.hash.slice(1);
const say = (text) => document.getElementById('report').replaceChildren(el('p', text));

/** Asks the service worker for the report; a worker that is just starting gets a few tries. */
async function load() {
  for (let attempt = 0; ; attempt++) {
    try {
      return await chrome.runtime.sendMessage({ type: 'get-report', key });
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

load().then((kept) => {
  if (kept) render(kept);
  else say('报告已不在内存中，请重新检查。/ The report is no longer kept; check the image again.');
}, (err) => say(`无法读取报告 / Could not read the report: ${err?.message || err}`));
