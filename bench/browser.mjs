// Browser benchmark: the same files as benches/verify.rs, verified by the wasm module in
// headless Chromium (verify() on the page's main thread, median of N runs) and through
// the real page (file input → worker → rendered verdict). Prints them next to the native
// figures from target/bench/native.json. Run with `npm run bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from './page.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const native = JSON.parse(readFileSync(join(root, 'target/bench/native.json'), 'utf8'));

const { server, browser, page } = await openPage(root);
// The metadata path, as natively: the page's pixel check (bench/watermark.mjs) is off here.
await page.evaluate(() => { document.getElementById('watermarks').checked = false; });

const inPage = await page.evaluate(async (names) => {
  const wasm = await import('/www/pkg/aigc_label.js');
  await wasm.default();
  const results = [];
  for (const name of names) {
    const bytes = new Uint8Array(await (await fetch(`/${name}`)).arrayBuffer());
    // performance.now() is coarsened to 100 µs on a page that is not cross-origin isolated,
    // so each sample times a batch long enough (about 20 ms) to make that negligible.
    wasm.verify(bytes);
    let batch = 1;
    for (;;) {
      const t = performance.now();
      for (let i = 0; i < batch; i++) wasm.verify(bytes);
      if (performance.now() - t >= 20 || batch >= 1 << 20) break;
      batch *= 2;
    }
    const times = [];
    const runs = 15;
    for (let s = 0; s < runs; s++) {
      const t = performance.now();
      for (let i = 0; i < batch; i++) wasm.verify(bytes);
      times.push((performance.now() - t) / batch);
    }
    times.sort((a, b) => a - b);
    results.push({ name, median_ms: times[runs >> 1], runs: runs * batch, verdict: wasm.verify(bytes).verdict });
  }
  return results;
}, native.map((row) => row.name));

// Time to verdict through the page, measured by the page itself: from the file input's
// change event to the rendered verdict (worker round trip and file read included).
const toVerdict = {};
for (const row of native) {
  const samples = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => document.getElementById('result').removeAttribute('data-verdict'));
    await page.setInputFiles('#file', join(root, row.name));
    await page.waitForSelector('#result[data-verdict]');
    samples.push(Number(await page.getAttribute('#result', 'data-elapsed-ms')));
  }
  samples.sort((a, b) => a - b);
  toVerdict[row.name] = samples[2];
}
// The 1 GiB video (moov at the end): time to verdict in the page, and how much the
// browser's memory (all its processes' resident sets) grew while checking it.
const { readdirSync } = await import('node:fs');
function treeRss(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* process ended */ }
  }
  const inTree = (pid) => { for (let p = pid, i = 0; p > 1 && i < 64; p = parents.get(p), i++) if (p === rootPid) return true; return false; };
  let total = 0;
  for (const pid of parents.keys()) {
    if (pid === rootPid || !inTree(pid)) continue;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch { /* process ended */ }
  }
  return total;
}
const bigNative = JSON.parse(readFileSync(join(root, 'target/bench/native-big.json'), 'utf8'));
// Chromium is started by this Node process: its descendants are the browser's processes.
const browserPid = process.pid;
const bigRuns = [];
for (let i = 0; i < 3; i++) {
  await page.evaluate(() => document.getElementById('result').removeAttribute('data-verdict'));
  await page.waitForTimeout(300);
  const baseline = treeRss(browserPid);
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, treeRss(browserPid)); }, 10);
  await page.setInputFiles('#file', join(root, bigNative.name));
  await page.waitForSelector('#result[data-verdict]', { timeout: 120000 });
  clearInterval(sampler);
  peak = Math.max(peak, treeRss(browserPid));
  bigRuns.push({
    verdict: await page.getAttribute('#result', 'data-verdict'),
    ms: Number(await page.getAttribute('#result', 'data-elapsed-ms')),
    growth: peak - baseline,
    baseline,
  });
}
// Control: the same file read whole with Blob.arrayBuffer() on the page, to show that the
// measurement sees a whole-file read.
await page.evaluate(() => {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'bench-control';
  input.hidden = true;
  document.body.append(input);
});
await page.setInputFiles('#bench-control', join(root, bigNative.name));
const controlBaseline = treeRss(browserPid);
let controlPeak = controlBaseline;
const controlSampler = setInterval(() => { controlPeak = Math.max(controlPeak, treeRss(browserPid)); }, 10);
await page.evaluate(async () => {
  const file = document.getElementById('bench-control').files[0];
  window.benchHold = new Uint8Array(await file.arrayBuffer());
});
clearInterval(controlSampler);
controlPeak = Math.max(controlPeak, treeRss(browserPid));
await browser.close();
server.close();

const us = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
console.log('\nNative vs headless Chromium (wasm), same files. "wasm verify" includes copying the file into wasm memory.');
console.log('"page" = from the file input\'s change event to the rendered verdict, timed in the page (worker, file read, render; median of 5).\n');
console.log('| file | size | verdict | native verify | wasm verify | wasm / native | page time to verdict |');
console.log('|---|---:|---|---:|---:|---:|---:|');
for (const row of native) {
  const web = inPage.find((r) => r.name === row.name);
  const ratio = web.median_ms * 1000 / row.median_us;
  const size = row.size >= 1 << 20 ? `${(row.size / (1 << 20)).toFixed(1)} MB` : `${Math.round(row.size / 1024)} KB`;
  const same = web.verdict === row.verdict ? row.verdict : `${row.verdict} ≠ ${web.verdict}`;
  console.log(`| ${row.name} | ${size} | ${same} | ${us(row.median_us / 1000)} | ${us(web.median_ms)} | ${ratio.toFixed(1)}× | ${toVerdict[row.name].toFixed(1)} ms |`);
}
const wasmPath = join(root, 'www/pkg/aigc_label_bg.wasm');
const { gzipSync } = await import('node:zlib');
const wasmBytes = readFileSync(wasmPath);
console.log(`\nwasm module: ${wasmBytes.length} bytes, ${gzipSync(wasmBytes, { level: 9 }).length} gzipped`);

const mb = (bytes) => `${(bytes / (1 << 20)).toFixed(1)} MB`;
console.log('\n1 GiB MP4 with moov at the end (target/bench/big-1gb-moov-at-end.mp4): native CLI path vs the page.');
console.log('Memory: growth of the resident set of all Chromium processes (browser, renderer, worker) while checking.\n');
console.log('| run | verdict | native verify | native bytes read | page time to verdict | browser memory growth |');
console.log('|---|---|---:|---:|---:|---:|');
bigRuns.forEach((run, i) => {
  console.log(`| ${i + 1} | ${run.verdict} | ${us(bigNative.median_us / 1000)} | ${bigNative.bytes_read} | ${run.ms.toFixed(1)} ms | ${mb(run.growth)} (of ${mb(run.baseline)}) |`);
});
console.log(`| control: Blob.arrayBuffer() of the whole file | | | | | ${mb(controlPeak - controlBaseline)} |`);
