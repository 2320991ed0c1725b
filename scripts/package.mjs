// Shapes the wasm-pack output into the npm package: adds the entry point and the worker-backed
// API from js/, puts the lite build under lite/ with the same files, and writes `exports`.
// `node scripts/package.mjs <package dir> <lite build dir>`
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [packageDir, liteBuildDir] = process.argv.slice(2);
if (!packageDir || !liteBuildDir) {
  console.error('usage: node scripts/package.mjs <package dir> <lite build dir>');
  process.exit(2);
}
const jsDir = fileURLToPath(new URL('../js/', import.meta.url));
const API_FILES = ['index.js', 'index.d.ts', 'verifier.js', 'verifier.d.ts', 'verifier-worker.js', 'blob-source.js', 'warm-up.js', 'models.js'];
// The worker's C2PA warm-up samples (www/warmup/); the lite build validates no C2PA, so its
// worker gets none: its copy of verifier-worker.js loses the lines marked "full build only".
const WARM_UP_FILES = ['warmup/rsa.jpg', 'warmup/ecdsa.png'];
const wwwDir = fileURLToPath(new URL('../www/', import.meta.url));
const BUILD_FILES = ['aigc_label.js', 'aigc_label.d.ts', 'aigc_label_bg.wasm', 'aigc_label_bg.wasm.d.ts'];

const liteDir = join(packageDir, 'lite');
mkdirSync(liteDir, { recursive: true });
for (const file of API_FILES) {
  copyFileSync(join(jsDir, file), join(packageDir, file));
  // The lite worker is written below, without the full build's lines.
  if (file !== 'verifier-worker.js') copyFileSync(join(jsDir, file), join(liteDir, file));
}
const worker = readFileSync(join(jsDir, 'verifier-worker.js'), 'utf8');
const liteWorker = worker.replace(/^.*\/\/ full build only\n/gm, '');
if (liteWorker.includes('warmup/')) throw new Error('verifier-worker.js: unmarked warm-up sample for lite');
writeFileSync(join(liteDir, 'verifier-worker.js'), liteWorker);
mkdirSync(join(packageDir, 'warmup'), { recursive: true });
for (const file of WARM_UP_FILES) copyFileSync(join(wwwDir, file), join(packageDir, file));
for (const file of BUILD_FILES) copyFileSync(join(liteBuildDir, file), join(liteDir, file));

const manifestPath = join(packageDir, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entry = (dir) => ({ types: `./${dir}index.d.ts`, default: `./${dir}index.js` });
Object.assign(manifest, {
  main: 'index.js',
  module: 'index.js',
  types: 'index.d.ts',
  exports: {
    '.': entry(''),
    './lite': entry('lite/'),
    './aigc_label_bg.wasm': './aigc_label_bg.wasm',
    './lite/aigc_label_bg.wasm': './lite/aigc_label_bg.wasm',
    './verifier-worker.js': './verifier-worker.js',
    './lite/verifier-worker.js': './lite/verifier-worker.js',
    './package.json': './package.json',
  },
  files: [...API_FILES, ...BUILD_FILES, ...WARM_UP_FILES, ...[...API_FILES, ...BUILD_FILES].map((f) => `lite/${f}`)],
  keywords: ['ai-label', 'aigc', 'c2pa', 'gb45438', 'content-credentials', 'watermark', 'wasm'],
});
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`[build] npm package in ${packageDir} (entries ".", "./lite")`);
