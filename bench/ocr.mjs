// Visible-label benchmark (issue 21): a photo with "AI生成" drawn in its corner, at 1024×1024
// and 4000×3000, side by side in one run:
//   - RapidOCR (PyPI rapidocr_onnxruntime 1.4.4: PP-OCRv4 mobile on onnxruntime, CPU) reading
//     the whole image, then its lines searched for the label (bench/ocr_reference.py),
//   - our native check, file → verdict (examples/ocr_timing: metadata + the visible-label
//     check; and every check the CLI runs by default),
//   - the page's time to verdict (file input → worker → rendered verdict; its pixel checks
//     include the invisible-watermark search),
// in interleaved rounds, each check after a pause. Also: the page's first check, model
// download and compilation included, and the size of the models and of the main wasm.
// The Python side runs in a virtualenv made under target/bench/ocrvenv on first use (PyPI).
// Run with `npm run bench` (after the build) or `node bench/ocr.mjs`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { openPage } from './page.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'target/bench');
mkdirSync(out, { recursive: true });
const venv = join(out, 'ocrvenv');
const python = join(venv, 'bin/python');
const ROUNDS = 6;
const WARM_UP_ROUNDS = 1;
const PAUSE_MS = 300;

function run(command, args, options = {}) {
  return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
}

if (!existsSync(python)) {
  console.log('[bench] making the RapidOCR virtualenv (PyPI: rapidocr_onnxruntime 1.4.4, onnxruntime, OpenCV, Pillow)');
  run('python3', ['-m', 'venv', venv]);
  run(join(venv, 'bin/pip'), ['install', '-q', 'rapidocr_onnxruntime==1.4.4', 'Pillow']);
}

// The inputs: a labelled fixture ("AI生成", bottom-right) scaled up with Pillow.
const source = 'tests/fixtures/visible/labelled/tune/003-bottom-right-6pct-notosans.jpg';
const files = { 'ocr-1024x1024.jpg': [1024, 1024], 'ocr-4000x3000.jpg': [4000, 3000] };
for (const [name, [w, h]] of Object.entries(files)) {
  run(python, ['-c', `from PIL import Image; import sys
i = Image.open(sys.argv[1]).convert('RGB'); W, H = i.size; w, h = int(sys.argv[3]), int(sys.argv[4])
# Crop to the aspect ratio from the bottom-right, where the label is, then resize.
if W * h > H * w: nw = H * w // h; i = i.crop((W - nw, 0, W, H))
else: nh = W * h // w; i = i.crop((0, H - nh, W, H))
i.resize((w, h), Image.LANCZOS).save(sys.argv[2], quality=90)`, source, join(out, name), String(w), String(h)]);
}

function timingServer(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()(JSON.parse(line)));
  return {
    check(path) {
      return new Promise((resolve) => { waiting.push(resolve); child.stdin.write(`${path}\n`); });
    },
    close() { child.stdin.end(); },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

run('cargo', ['build', '--release', '-q', '--example', 'ocr_timing']);
const timing = join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'release/examples/ocr_timing');

const { server, browser, page } = await openPage(root);

async function pageCheck(path) {
  await page.evaluate(() => document.getElementById('result').removeAttribute('data-verdict'));
  await page.setInputFiles('#file', path);
  await page.waitForSelector('#result[data-verdict]', { timeout: 120000 });
  const elapsed = Number(await page.getAttribute('#result', 'data-elapsed-ms'));
  const verdict = await page.getAttribute('#result', 'data-verdict');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  return { elapsed, verdict };
}

const native = timingServer(timing, [join(root, 'models/ppocrv6-tiny'), '--serve']);
const reference = timingServer(python, [join(root, 'bench/ocr_reference.py'), '--serve']);
// Both processes load their models before the first timed check.
await native.check(join(out, 'ocr-1024x1024.jpg'));
await reference.check(join(out, 'ocr-1024x1024.jpg'));
const results = {};
let firstCheck;
for (const name of Object.keys(files)) {
  const path = join(out, name);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    await sleep(PAUSE_MS);
    const n = await native.check(path);
    await sleep(PAUSE_MS);
    const p = await pageCheck(path);
    if (firstCheck === undefined) firstCheck = p;
    await sleep(PAUSE_MS);
    const r = await reference.check(path);
    if (round >= WARM_UP_ROUNDS) rounds.push({ native: n, page: p, reference: r });
  }
  results[name] = rounds;
}
native.close();
reference.close();
await browser.close();
server.close();

const ms = (v) => `${v.toFixed(0)} ms`;
const mark = (ratio, target) => `${ratio.toFixed(2)}× ${ratio <= target ? '✓' : '✗'}`;
console.log(`\nVisible label ("AI生成", 6 % tall, bottom-right) in a JPEG photo. ${ROUNDS - WARM_UP_ROUNDS} interleaved rounds (after ${WARM_UP_ROUNDS}), medians.`);
console.log('RapidOCR = rapidocr_onnxruntime 1.4.4, whole image, lines searched for the label; ours = file → verdict.\n');
console.log('| file | RapidOCR | native (label check) | native / RapidOCR (≤ 0.5×) | native (all checks) | page (all pixel checks) | page / RapidOCR (≤ 1.0×) | found: RapidOCR / ours / page |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const [name, rounds] of Object.entries(results)) {
  const col = (pick) => median(rounds.map(pick));
  const ref = col((r) => r.reference.total_ms);
  const nat = col((r) => r.native.ocr_ms);
  const pg = col((r) => r.page.elapsed);
  const last = rounds[rounds.length - 1];
  console.log(`| ${name} | ${ms(ref)} | ${ms(nat)} | ${mark(nat / ref, 0.5)} | ${ms(col((r) => r.native.all_ms))} | ${ms(pg)} | ${mark(pg / ref, 1.0)} | ${last.reference.text || '–'} / ${last.native.text || '–'} (${last.native.verdict}) / ${last.page.verdict} |`);
}
const gz = (path) => gzipSync(readFileSync(join(root, path)), { level: 9 }).length;
const models = ['det.onnx', 'rec.onnx', 'dict.txt'].map((f) => gz(`www/models/ppocrv6-tiny/${f}`));
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
console.log(`\nThe page's first check (1024×1024, fresh page: models fetched and compiled): ${ms(firstCheck.elapsed)}.`);
console.log(`Models, gzipped: detection ${mb(models[0])}, recognition ${mb(models[1])}, dictionary ${mb(models[2])}; total ${mb(models.reduce((a, b) => a + b))} (target ≤ 16 MB).`);
console.log(`Main wasm, gzipped: ${mb(gz('www/pkg/aigc_label_bg.wasm'))} (its growth over the build without OCR: docs/performance.md).`);
