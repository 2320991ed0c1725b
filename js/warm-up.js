// Warms a freshly loaded module up while its worker is idle. V8 compiles WebAssembly functions
// lazily and optimises them only once they are hot, so without this the first file checked runs
// unoptimised code: the first C2PA file took 127-158 ms instead of 30-42 ms
// (docs/performance.md, "Warm-up"). Shared by the page's worker and createVerifier()'s.

/** Verifications of each sample (3 brings the first check to ~1.3× a warm one). */
const RUNS = 3;

/** Resolves after the messages that arrived meanwhile have been answered. */
const breathe = () => new Promise((resolve) => setTimeout(resolve));

/**
 * Verifies each sample RUNS times with `verify`: the C2PA-signed images at the URLs in
 * `samples` (warmup/rsa.jpg and warmup/ecdsa.png: an RSA chain, and an ECDSA chain over P-256,
 * P-384 and P-521), then two gradients drawn here for the pixel path (512×512, a generation
 * size, and 256×384, which goes through the size search). Each verification is one step, and
 * requests that arrive are answered between steps (no step takes more than ~80 ms). Best
 * effort: a sample that cannot be fetched or drawn is skipped; a trap ends the warm-up (the
 * next request finds the module broken and its worker is replaced).
 */
export async function warmUp(verify, samples) {
  const steps = [
    ...samples.map((url) => [fetchBytes(url), { thumbnails: true }]),
    [drawnImage(512, 512), { watermarks: true }],
    [drawnImage(256, 384), { watermarks: true }],
  ];
  for (const [sample, options] of steps) {
    const bytes = await sample;
    for (let i = 0; bytes && i < RUNS; i++) {
      await breathe();
      try {
        verify(bytes, options);
      } catch {
        return;
      }
    }
  }
}

/** A PNG of a gradient drawn by the browser, or undefined where OffscreenCanvas is missing. */
async function drawnImage(width, height) {
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    const gradient = context.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, '#204060');
    gradient.addColorStop(1, '#e0c080');
    context.fillStyle = gradient;
    context.fillRect(0, 0, width, height);
    return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  } catch {
    return undefined;
  }
}

/** The bytes at `url`, or undefined. */
async function fetchBytes(url) {
  try {
    const response = await fetch(url);
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}
