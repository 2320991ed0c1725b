// Where `verify` spends its time in Chromium: a V8 CPU profile of the wasm module built with its
// function names (the shipped one has none), over warm runs of each file, printed as the
// functions with the most time of their own and the most time including what they call.
//
//   node bench/profile.mjs [--runs N] [--no-build] FILE...
//
// FILE is a path under the repository (tests/fixtures/corpus/firefly-1.png). The names build
// is the wasm-release artifact run through wasm-bindgen with --keep-debug into target/pkg-names/
// (no wasm-opt, so it is slightly slower than the page's module). Metadata and C2PA only: the
// pixel checks are off, as in bench/c2pa.mjs. Used for issue 24 (docs/performance.md).
import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { launchChromium } from '../tests/e2e/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i < 0 ? false : args.splice(i, 1).length > 0; };
const option = (name, fallback) => { const i = args.indexOf(name); return i < 0 ? fallback : args.splice(i, 2)[1]; };
const build = !flag('--no-build');
const runs = Number(option('--runs', 30));
const files = args.map((f) => relative(root, resolve(f)));
if (!files.length || !(runs > 0)) {
  console.error('usage: node bench/profile.mjs [--runs N] [--no-build] FILE...');
  process.exit(2);
}

if (build) {
  // Quiet unless it fails: the vendored SDK's own warnings would bury the tables. The target
  // folder is scripts/env.sh's, as for every other build.
  console.error('building the wasm with its function names (target/pkg-names/)…');
  try {
    execFileSync('bash', ['-c', `set -euo pipefail; source scripts/env.sh
      cargo build --profile wasm-release --target wasm32-unknown-unknown --lib
      wasm-bindgen --target web --keep-debug --out-dir target/pkg-names --out-name aigc_label \\
        "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/aigc_label.wasm"`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    process.stderr.write(`the names build failed:\n${err.stderr || err.message}`);
    process.exit(1);
  }
}

const server = await serve(root, 0);
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/target/pkg-names/aigc_label.d.ts`);
await page.evaluate(async () => {
  const wasm = await import('/target/pkg-names/aigc_label.js');
  await wasm.default();
  // The page worker's own warm-up: V8 optimises only functions that are hot.
  const { warmUp } = await import('/www/pkg/warm-up.js');
  await warmUp(wasm.verify, ['/www/pkg/warmup/rsa.jpg', '/www/pkg/warmup/ecdsa.png']);
  window.wasm = wasm;
});

const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
for (const file of files) {
  await page.evaluate(async (path) => {
    window.bytes = new Uint8Array(await (await fetch(`/${path}`)).arrayBuffer());
    window.options = { thumbnails: true, watermarks: false, visibleLabels: false };
    window.wasm.verify(window.bytes, window.options); // the first run of this file's own paths: not profiled
  }, file);
  await cdp.send('Profiler.start');
  const samples = await page.evaluate(async (n) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      window.wasm.verify(window.bytes, window.options);
      times.push(performance.now() - started);
      await new Promise((r) => setTimeout(r)); // lets V8 install optimised code between runs
    }
    return times;
  }, runs);
  const { profile } = await cdp.send('Profiler.stop');
  report(file, profile, samples);
}
await browser.close();
server.close();

/** Prints the file's median and its top functions, self and inclusive, under `verify`. */
function report(file, profile, samples) {
  const median = [...samples].sort((a, b) => a - b)[samples.length >> 1];
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);
  const own = new Map();
  const inclusive = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(shortName(byId.get(at).callFrame.functionName));
    if (!stack.includes('aigc_label::wasm::verify')) return; // idle, timers, fetch
    const dt = profile.timeDeltas[i] || 0;
    total += dt;
    own.set(stack[0], (own.get(stack[0]) || 0) + dt);
    // Only our module's functions below `verify`: the JS frames above it are always 100%.
    const inside = stack.slice(0, stack.indexOf('aigc_label::wasm::verify'));
    for (const name of new Set(inside)) inclusive.set(name, (inclusive.get(name) || 0) + dt);
  });
  const table = (title, map, rows) => {
    console.log(`\n| ${title} | share |\n|---|---:|`);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
      console.log(`| \`${name}\` | ${((100 * us) / total).toFixed(1)}% |`);
    }
  };
  console.log(`\n## ${file}: verify median ${median.toFixed(2)} ms over ${samples.length} runs`);
  table('own time', own, 15);
  table('including callees', inclusive, 30);
}

/** A function's name without Rust's hash suffixes and crate disambiguators, at most 110 chars. */
function shortName(name) {
  const short = (name || '(anonymous)').replace(/::h[0-9a-f]{16}/g, '').replace(/\[[0-9a-f]{16}\]/g, '');
  return short.length > 110 ? `${short.slice(0, 109)}…` : short;
}
