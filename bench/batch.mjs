// Batch benchmark (issue 7): `aigc-label check --csv` over a folder of 1,000 files (the test
// fixtures — images with and without labels, C2PA files, video, audio, documents, text — copied
// round-robin), with 1 and 2 threads. Prints files per second. `node bench/batch.mjs`, or
// `node bench/batch.mjs BASELINE_BINARY` to print an earlier build's figures beside this one's
// (issue 39: the last-resort scan may cost at most 10 % of files/s).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = join(root, 'target/bench/batch-1000');
const fixtures = join(root, 'tests/fixtures');
// The same folders as before issue 39, so that figures stay comparable across builds.
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
const binaries = [['this build', cli], ...process.argv.slice(2).map((path) => [basename(path), path])];
const rows = [];
// Runs take tenths of a second here, so nine interleaved rounds, not three, steady the medians.
const ROUNDS = Number(process.env.ROUNDS || 9);
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, binary] of binaries) {
    for (const jobs of [1, 2]) {
      const started = process.hrtime.bigint();
      const out = execFileSync(binary, ['check', '--csv', '--metadata-only', '--jobs', String(jobs), folder], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const files = out.trim().split('\n').length - 1;
      let row = rows.find((r) => r.name === name && r.jobs === jobs);
      if (!row) rows.push(row = { name, jobs, files, times: [] });
      row.times.push(ms);
    }
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const row of rows) row.ms = median(row.times);
console.log(`\nBatch: aigc-label check --csv --metadata-only over ${rows[0].files} files (${(bytes / 1e6).toFixed(1)} MB; C2PA files fully validated), median of ${ROUNDS} interleaved runs:\n`);
console.log("| build | threads | time | files/second | speed-up | this build's files/s ÷ this row's |");
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const single = rows.find((r) => r.name === row.name && r.jobs === 1);
  const ours = rows.find((r) => r.name === 'this build' && r.jobs === row.jobs);
  console.log(`| ${row.name} | ${row.jobs} | ${(row.ms / 1000).toFixed(2)} s | ${(row.files / (row.ms / 1000)).toFixed(0)} | ${(single.ms / row.ms).toFixed(2)}× | ${(row.ms / ours.ms).toFixed(2)}× |`);
}
