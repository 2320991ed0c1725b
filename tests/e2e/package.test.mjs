// The npm package as an embedder meets it: `npm pack www/pkg`, a fresh Vite project that
// installs the tarball, the README's example as its src/main.ts, `tsc --noEmit` (our .d.ts
// checked, skipLibCheck off), `vite build`, and the built app verifying real files in headless
// Chromium with no request leaving the test server. Run after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launchChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const fixture = (name) => join(root, 'tests/fixtures', name);

/** The code block that follows `<!-- example:NAME ... -->` in README.md. */
function readmeExample(name) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- example:${name.replace('.', '\\.')}[^>]*-->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  assert.ok(match, `README.md has no example marked ${name}`);
  return `${match[1]}\n`;
}

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let project; let server; let browser; let page; let base;
const requests = [];

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'aigc-vite-'));
  const packed = run('npm', ['pack', join(root, 'www/pkg'), '--pack-destination', project, '--silent'], root).trim().split('\n').pop();
  writeFileSync(join(project, 'package.json'), JSON.stringify({
    name: 'vite-embedder', private: true, version: '0.0.0', type: 'module',
  }, null, 2));
  // What `npm create vite -- --template vanilla-ts` writes, with skipLibCheck off so that the
  // package's own declarations are type-checked too.
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      moduleResolution: 'bundler', allowImportingTsExtensions: true, verbatimModuleSyntax: true,
      moduleDetection: 'force', noEmit: true, strict: true, noUnusedLocals: true,
      noUnusedParameters: true, noFallthroughCasesInSwitch: true, skipLibCheck: false,
    },
    include: ['src'],
  }, null, 2));
  writeFileSync(join(project, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>embedder</title></head>'
    + '<body><input type="file" id="file"> <output id="verdict"></output>'
    + '<script type="module" src="/src/main.ts"></script></body></html>\n');
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'src/main.ts'), readmeExample('vite-main.ts'));
  // Type checks beyond the example: the lite entry, the sync API, and types that bite.
  writeFileSync(join(project, 'src/typing.ts'), `
import init, { verifyText, type Report, type VerifyOptions } from "aigc-label";
import { createVerifier as createLite } from "aigc-label/lite";
export async function check(text: string): Promise<boolean> {
  await init();
  const options: VerifyOptions = { watermarks: true, thumbnails: false };
  const lite = createLite({ wasmUrl: "/lite.wasm", defaults: options });
  const report: Report = await lite.verifyText(text);
  lite.close();
  // @ts-expect-error: not a verdict
  if (report.verdict === "ai_label") return false;
  // @ts-expect-error: not an option
  const wrong: VerifyOptions = { watermark: true };
  void wrong;
  return verifyText(text).evidence.every((e) => e.checks.every((c) => typeof c.ok === "boolean"));
}
`);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-exact', join(project, packed),
    `vite@${rootManifest.devDependencies.vite}`, `typescript@${rootManifest.devDependencies.typescript}`], project);

  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (project && !process.env.KEEP_VITE_PROJECT) rmSync(project, { recursive: true, force: true });
});

test('the package installs from its tarball with both entry points and their types', () => {
  const installed = join(project, 'node_modules/aigc-label');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.exports).slice(0, 2), ['.', './lite']);
  const files = readdirSync(installed);
  for (const file of ['index.js', 'index.d.ts', 'verifier.js', 'verifier-worker.js', 'aigc_label_bg.wasm']) {
    assert.ok(files.includes(file), `${file} is in the package`);
  }
  // The worker's warm-up samples ship with the full build only.
  for (const sample of ['warmup/rsa.jpg', 'warmup/ecdsa.png']) {
    assert.ok(readFileSync(join(installed, sample)).length > 1000, `${sample} is in the package`);
  }
  assert.match(readFileSync(join(installed, 'verifier-worker.js'), 'utf8'), /new URL\('\.\/warmup\/rsa\.jpg'/);
  assert.doesNotMatch(readFileSync(join(installed, 'lite/verifier-worker.js'), 'utf8'), /warmup\//);
  const declarations = readFileSync(join(installed, 'aigc_label.d.ts'), 'utf8');
  assert.match(declarations, /export type Verdict = "ai_labeled" \| "possibly_ai"/);
  assert.match(declarations, /export function verify\(bytes: Uint8Array \| number\[\], options\?: VerifyOptions\): Report;/);
});

test('tsc --noEmit passes on the README example and the typing checks', () => {
  const output = run(join(project, 'node_modules/.bin/tsc'), ['--noEmit', '-p', project], project);
  assert.equal(output.trim(), '');
});

test('tsc rejects a misuse of the API (the declarations are not `any`)', () => {
  writeFileSync(join(project, 'src/misuse.ts'), 'import { createVerifier } from "aigc-label";\n'
    + 'export const v = createVerifier().verify("not bytes");\n');
  try {
    assert.throws(() => run(join(project, 'node_modules/.bin/tsc'), ['--noEmit', '-p', project], project),
      (err) => /misuse\.ts.*TS2345/s.test(err.stdout));
  } finally {
    rmSync(join(project, 'src/misuse.ts'));
  }
});

test('the Vite build of the README example verifies files in Chromium, offline', async () => {
  rmSync(join(project, 'src/typing.ts'));
  const output = run(join(project, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], project);
  assert.doesNotMatch(output, /error/i);
  const assets = readdirSync(join(project, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the wasm was emitted: ${assets}`);
  server = await serve(join(project, 'dist'), 0);
  base = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith(base) ? route.continue() : route.abort();
  });
  page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(base);
  for (const [name, verdict] of [
    ['corpus/doubao_black_1x1_1.png', 'ai_labeled'],
    ['labels/exif-usercomment-label2.jpg', 'possibly_ai'],
    ['corpus/adobe-20220124-A.jpg', 'no_label'],
  ]) {
    await page.evaluate(() => document.getElementById('verdict').removeAttribute('data-verdict'));
    await page.setInputFiles('#file', fixture(name));
    await page.waitForSelector('#verdict[data-verdict]', { timeout: 30000 });
    assert.equal(await page.getAttribute('#verdict', 'data-verdict'), verdict, name);
    assert.match(await page.textContent('#verdict'), new RegExp(`^${verdict}: \\S`));
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((url) => !url.startsWith(base)), []);
  // The bundler emitted the warm-up samples and the worker fetched them.
  for (const sample of [/\/assets\/rsa-[\w-]+\.jpg$/, /\/assets\/ecdsa-[\w-]+\.png$/]) {
    assert.ok(requests.some((url) => sample.test(url)), `${sample} was requested: ${requests.join(' ')}`);
  }
});

test('createVerifier: wasm from a chosen URL, text and bytes, lite entry, errors, time limit and close', async () => {
  const www = await serve(join(root, 'www'), 0);
  const origin = `http://127.0.0.1:${www.address().port}`;
  try {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${origin}/index.html`);
    const png = [...readFileSync(fixture('corpus/doubao_black_1x1_1.png'))];
    const outcome = await tab.evaluate(async ({ origin, png }) => {
      const full = await import(`${origin}/pkg/index.js`);
      const lite = await import(`${origin}/pkg/lite/index.js`);
      const verifier = full.createVerifier({ wasmUrl: `${origin}/pkg/aigc_label_bg.wasm`, defaults: { watermarks: true } });
      const image = await verifier.verify(new Uint8Array(png));
      const blob = await verifier.verify(new Blob([new Uint8Array(png)]));
      const text = await verifier.verifyText('本文由人工智能生成。\n正文。');
      const version = await verifier.version();
      const wrongInput = await verifier.verify('text').catch((e) => `${e.name}: ${e.message}`);
      verifier.close();
      const afterClose = await verifier.verifyText('x').catch((e) => e.message);
      const liteVerifier = lite.createVerifier();
      const liteReport = await liteVerifier.verify(new Uint8Array(png));
      liteVerifier.close();
      const broken = full.createVerifier({ wasmUrl: `${origin}/no-such.wasm` });
      const loadFailure = await broken.verifyText('x').catch((e) => e.message);
      broken.close();
      // The watchdog: a 30-million-character text takes seconds; past 150 ms the worker is
      // replaced, and the call queued behind it is answered by the fresh one.
      const timed = full.createVerifier({ wasmUrl: `${origin}/pkg/aigc_label_bg.wasm`, timeoutMs: 150, warmUp: false });
      const [stopped, next] = await Promise.all([
        timed.verifyText('今天天气很好，我们去公园散步。'.repeat(2_000_000)),
        timed.verifyText('本文由人工智能生成。\n正文。'),
      ]);
      timed.close();
      return {
        image: image.verdict, blob: blob.verdict, text: text.verdict, version, wrongInput,
        afterClose, lite: liteReport.verdict, loadFailure,
        stopped: [stopped.verdict, stopped.errors[0], stopped.summary.en], next: next.verdict,
      };
    }, { origin, png });
    assert.equal(outcome.image, 'ai_labeled');
    assert.equal(outcome.blob, 'ai_labeled');
    assert.equal(outcome.text, 'ai_labeled');
    assert.match(outcome.version, /^\d+\.\d+\.\d+$/);
    assert.equal(outcome.wrongInput, 'TypeError: verify() takes a Blob, File, ArrayBuffer or typed array');
    assert.equal(outcome.afterClose, 'the verifier was closed');
    assert.equal(outcome.lite, 'ai_labeled');
    assert.match(outcome.loadFailure, /^aigc-label: .*(404|fetch|WebAssembly|magic)/i);
    assert.deepEqual(outcome.stopped, [
      'error',
      'stopped after 150 ms: this input took longer than the time limit',
      'The check was stopped after 150 ms, the time limit; the verifier was restarted.',
    ]);
    assert.equal(outcome.next, 'ai_labeled');
    await context.close();
  } finally {
    www.close();
  }
});
