// Audio prompt benchmark (issue 32): a 5-minute MP3 (made here with sox and ffmpeg: synthesised
// music with the prompt at the end) checked by the release CLI, by default (the first and last
// 20 s) and with `--audio-scan full`, beside `ffmpeg -i F -f null -` decoding it whole. Prints
// the median of ROUNDS runs (default 7) and each against ffmpeg. `node bench/audio.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'target/bench/audio');
const track = join(dir, 'five-minutes.mp3');
const rounds = Number(process.env.ROUNDS || 7);
mkdirSync(dir, { recursive: true });

if (!existsSync(track)) {
  const wav = join(dir, 'five-minutes.wav');
  const prompt = join(dir, 'prompt.wav');
  // Music: two plucked voices and pink noise; the prompt (800 Hz, 120 ms unit) 2 s from the end.
  execFileSync('sox', ['-n', '-r', '44100', '-c', '2', wav, 'synth', '300', 'pluck', 'C4', 'pluck', 'G4',
    'tremolo', '2', '40', 'gain', '-18']);
  const parts = [[0.12, 800], [0.12, 0], [0.36, 800], [0.12, 0], [0.12, 800], [0.12, 0], [0.12, 800]];
  const files = parts.map(([seconds, hz], i) => {
    const file = join(dir, `p${i}.wav`);
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', file, 'synth', String(seconds), 'sine', String(hz),
      'gain', hz ? '-12' : '-200']);
    return file;
  });
  execFileSync('sox', [...files, prompt, 'pad', '297', '0']);
  execFileSync('sox', ['-m', '-v', '1', wav, '-v', '1', prompt, join(dir, 'mixed.wav'), 'trim', '0', '300']);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(dir, 'mixed.wav'), '-c:a', 'libmp3lame', '-b:a', '128k',
    track]);
}

execFileSync('cargo', ['build', '--release', '-q', '--bin', 'aigc-label'], { cwd: root, stdio: 'inherit' });
const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
const cli = join(target, 'release/aigc-label');

function median(run) {
  const times = [];
  let out = '';
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    out = run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], out };
}

const ffmpeg = median(() => execFileSync('ffmpeg', ['-v', 'error', '-threads', '1', '-i', track, '-f', 'null', '-']));
const check = (args) => median(() => execFileSync(cli, ['check', '--json', '--jobs', '1', ...args, track]).toString());
const ends = check([]);
const full = check(['--audio-scan', 'full']);
const found = (run) => JSON.parse(run.out).evidence.filter((e) => e.kind === 'explicit_audio_label')
  .map((e) => `${e.fields.Position} at ${e.fields.Start} s`).join(', ') || 'none';

console.log(`5-minute MP3, 128 kbps stereo 44.1 kHz; median of ${rounds} runs\n`);
console.log('| run | ms | ÷ ffmpeg decode | target | prompt found |');
console.log('|---|---:|---:|---:|---|');
console.log(`| ffmpeg -i F -f null - (1 thread) | ${ffmpeg.ms.toFixed(0)} | 1.00 | | |`);
console.log(`| aigc-label check (first and last 20 s) | ${ends.ms.toFixed(0)} | ${(ends.ms / ffmpeg.ms).toFixed(2)} | ≤ 0.25 | ${found(ends)} |`);
console.log(`| aigc-label check --audio-scan full | ${full.ms.toFixed(0)} | ${(full.ms / ffmpeg.ms).toFixed(2)} | ≤ 1.00 | ${found(full)} |`);
