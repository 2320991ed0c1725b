// Batch benchmark (issue 7): `aigc-label check --csv` over a folder of 1,000 files (the test
// fixtures — images with and without labels, C2PA files, video, audio, documents, text — copied
// round-robin), with 1 and 2 threads. Prints files per second. `node bench/batch.mjs`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = join(root, 'target/bench/batch-1000');
const fixtures = join(root, 'tests/fixtures');
const sources = ['corpus', 'labels', 'traces', 'media', 'documents', 'text/labelled', 'text/prose', 'watermark/unmarked']
  .flatMap((dir) => readdirSync(join(fixtures, dir)).map((name) => join(fixtures, dir, name)))
  .filter((path) => statSync(path).isFile() && !path.endsWith('.py') && !path.endsWith('.json'));
rmSync(folder, { recursive: true, force: true });
for (let i = 0; i < 1000; i++) {
  const source = sources[i % sources.length];
  const sub = join(folder, String(i % 10));
  mkdirSync(sub, { recursive: true });
  copyFileSync(source, join(sub, `${String(i).padStart(4, '0')}-${basename(source)}`));
}
const bytes = readdirSync(folder, { recursive: true })
  .map((name) => join(folder, name))
  .filter((path) => statSync(path).isFile())
  .reduce((sum, path) => sum + statSync(path).size, 0);

execFileSync('cargo', ['build', '--release', '-q', '--bin', 'aigc-label'], { cwd: root, stdio: 'inherit' });
const cli = join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'release/aigc-label');
const rows = [];
for (const jobs of [1, 2]) {
  const times = [];
  let lines = 0;
  for (let run = 0; run < 3; run++) {
    const started = process.hrtime.bigint();
    const out = execFileSync(cli, ['check', '--csv', '--metadata-only', '--jobs', String(jobs), folder], { encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    lines = out.trim().split('\n').length - 1;
  }
  times.sort((a, b) => a - b);
  rows.push({ jobs, ms: times[1], files: lines });
}
console.log(`\nBatch: aigc-label check --csv --metadata-only over ${rows[0].files} files (${(bytes / 1e6).toFixed(1)} MB; C2PA files fully validated), median of 3 runs:\n`);
console.log('| threads | time | files/second | speed-up |');
console.log('|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.jobs} | ${(row.ms / 1000).toFixed(2)} s | ${(row.files / (row.ms / 1000)).toFixed(0)} | ${(rows[0].ms / row.ms).toFixed(2)}× |`);
}
