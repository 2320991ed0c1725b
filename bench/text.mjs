// Text benchmark (issue 6): a 50 MB text (the prose fixtures repeated, a tag-character payload
// in the middle and an explicit label at the end) checked natively (examples/text_timing: read,
// UTF-8 check, verify_text), by the wasm module's verifyText in headless Chromium, and through
// the page (the file chosen → verdict shown, the worker reading and checking it). Prints MB/s.
// Run with `npm run bench` (after the build) or `node bench/text.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from './page.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'target/bench');
mkdirSync(out, { recursive: true });
const prose = join(root, 'tests/fixtures/text/prose');
const passages = readdirSync(prose).sort().map((name) => readFileSync(join(prose, name), 'utf8'));
const tags = (ascii) => Array.from(ascii, (c) => String.fromCodePoint(0xE0000 + c.charCodeAt(0))).join('');
const target = 50 * 1024 * 1024;
const parts = [];
let size = 0;
for (let i = 0; size < target; i++) {
  const passage = passages[i % passages.length];
  parts.push(passage);
  size += Buffer.byteLength(passage);
  if (parts.length === 20000) parts.push(`${tags('hidden instructions')}\u{E007F}`);
}
parts.push('\n本文由人工智能生成，仅供参考。\n');
const file = join(out, 'text-50mb.txt');
writeFileSync(file, parts.join('\n'));
const bytes = readFileSync(file).length;

execFileSync('cargo', ['build', '--release', '-q', '--example', 'text_timing'], { cwd: root, stdio: 'inherit' });
const native = JSON.parse(execFileSync(join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'release/examples/text_timing'), [file, '5'], { encoding: 'utf8' }));

const { server, browser, page } = await openPage(root);
const wasm = await page.evaluate(async () => {
  const module = await import('/www/pkg/aigc_label.js');
  await module.default();
  const text = await (await fetch('/target/bench/text-50mb.txt')).text();
  module.verifyText(text.slice(0, 1 << 20));
  const times = [];
  let report;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    report = module.verifyText(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median_ms: times[2], verdict: report.verdict, evidence: report.evidence.map((e) => e.kind) };
});
const samples = [];
for (let i = 0; i < 3; i++) {
  await page.evaluate(() => document.getElementById('result').removeAttribute('data-verdict'));
  await page.setInputFiles('#file', file);
  await page.waitForSelector('#result[data-verdict]', { timeout: 120000 });
  samples.push(Number(await page.getAttribute('#result', 'data-elapsed-ms')));
}
samples.sort((a, b) => a - b);
const pageVerdict = await page.getAttribute('#result', 'data-verdict');
await browser.close();
server.close();

const mbs = (ms) => `${(bytes / 1e6 / (ms / 1e3)).toFixed(1)} MB/s`;
console.log(`\nText, ${(bytes / 1e6).toFixed(1)} MB (prose fixtures repeated, a hidden tag payload, a label at the end), medians:\n`);
console.log('| path | time | throughput | verdict |');
console.log('|---|---:|---:|---|');
console.log(`| native (read + UTF-8 check + verify_text) | ${native.median_ms.toFixed(0)} ms | ${mbs(native.median_ms)} | ${native.verdict} |`);
console.log(`| wasm verifyText in Chromium (string already in JS) | ${wasm.median_ms.toFixed(0)} ms | ${mbs(wasm.median_ms)} | ${wasm.verdict} (${wasm.evidence.join(', ')}) |`);
console.log(`| page: file chosen → verdict shown (worker reads and checks) | ${samples[1].toFixed(0)} ms | ${mbs(samples[1])} | ${pageVerdict} |`);
