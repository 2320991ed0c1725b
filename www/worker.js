// Runs the verifier off the main thread so a large file never freezes the page. Small files
// are read whole; large ones in the slices the verifier asks for (pkg/blob-source.js, shared
// with the npm package's worker), with progress reported to the page.
import init, { verify, verifySource, verifyText, version } from './pkg/aigc_label.js';
import { WHOLE_READ_LIMIT, blobSource, readWhole } from './pkg/blob-source.js';

const ready = init();
// A failed init is reported to the requests that await `ready`.
ready.then(warmUp).finally(() => self.postMessage({ warmedUp: true })).catch(() => {});

/** Verifications of each warm-up sample (measured: 3 brings the first check to ~1.3× a warm one). */
const WARM_UP_RUNS = 3;

/** Resolves after the messages that arrived meanwhile have been answered. */
const breathe = () => new Promise((resolve) => setTimeout(resolve));

/**
 * Verifies small samples while the worker is idle after loading: V8 compiles wasm functions
 * lazily and optimises them only once they are hot, so without this the first file a person
 * checks runs unoptimised code (the first C2PA file took 130-160 ms instead of ~25; README,
 * "The page"). The samples: warmup/rsa.jpg and warmup/ecdsa.png, two C2PA-signed images
 * (scripts/make-warmup-samples.sh), and two images the browser draws for the pixel path.
 * Each verification is one step, and requests that arrive are answered between steps, so a
 * check never waits for more than one step. Best effort: a sample that cannot be made or
 * fetched is skipped. The page is told when it is over, however it ended (benchmarks wait for
 * that).
 */
async function warmUp() {
  // 512×512 is a generation size (pixel decode and readings); 256×384 is resized to 512×768
  // first (the size search). No step takes more than ~80 ms.
  const samples = [
    [fetchSample('warmup/rsa.jpg'), { thumbnails: true }],
    [fetchSample('warmup/ecdsa.png'), { thumbnails: true }],
    [drawnImage(512, 512), { watermarks: true }],
    [drawnImage(256, 384), { watermarks: true }],
  ];
  for (const [sample, options] of samples) {
    const bytes = await sample;
    for (let i = 0; bytes && i < WARM_UP_RUNS; i++) {
      await breathe();
      try {
        verify(bytes, options);
      } catch {
        return; // a trap: the page replaces this worker at the next request
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

/** The bytes of a sample next to this script, or undefined. */
async function fetchSample(path) {
  try {
    const response = await fetch(new URL(path, import.meta.url));
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}

/** A ByteSource over a File that reports reading progress to the page at most every 100 ms. */
function fileSource(id, file) {
  let lastReport = 0;
  return blobSource(file, (bytesRead, size) => {
    const now = performance.now();
    if (now - lastReport > 100) {
      lastReport = now;
      self.postMessage({ id, progress: 'reading', bytesRead, size });
    }
  });
}

/**
 * Turns each C2PA thumbnail `data:` URI in the report into a Blob, off the page's thread
 * (the page shows it through a blob: URL; its CSP allows no data: images).
 */
function thumbnailsToBlobs(report) {
  for (const evidence of report.evidence) {
    const provenance = evidence.provenance;
    const match = provenance && /^data:(image\/(?:jpeg|png|webp|gif));base64,([A-Za-z0-9+/=]+)$/.exec(provenance.thumbnail || '');
    if (!match) continue;
    const binary = atob(match[2]);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    provenance.thumbnailBlob = new Blob([bytes], { type: match[1] });
    delete provenance.thumbnail;
  }
  return report;
}

self.onmessage = async (event) => {
  const { id, type, file, text, watermarks = true } = event.data;
  try {
    await ready;
    if (type === 'version') {
      self.postMessage({ id, version: version() });
      return;
    }
    const started = performance.now();
    if (type === 'text') {
      self.postMessage({ id, report: verifyText(text), ms: performance.now() - started });
      return;
    }
    // Watermarks: decodes the pixels of PNG, JPEG, WebP and GIF images unless the page's
    // checkbox is cleared (README, "Invisible watermarks").
    const options = { thumbnails: true, watermarks };
    if (file.size <= WHOLE_READ_LIMIT) {
      const bytes = readWhole(file);
      const readMs = performance.now() - started;
      const report = thumbnailsToBlobs(verify(bytes, options));
      self.postMessage({ id, report, ms: performance.now() - started, readMs, bytesRead: file.size });
      return;
    }
    const source = fileSource(id, file);
    const report = thumbnailsToBlobs(verifySource(source, options));
    self.postMessage({ id, report, ms: performance.now() - started, bytesRead: source.bytesRead });
  } catch (err) {
    // A trap leaves the module unusable: the page replaces this worker.
    self.postMessage({ id, crashed: true, message: String((err && err.message) || err) });
  }
};
