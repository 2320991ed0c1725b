// Runs the verifier off the main thread so a large file never freezes the page. Small files
// are read whole; large ones in the slices the verifier asks for (pkg/blob-source.js, shared
// with the npm package's worker), with progress reported to the page.
import init, { verify, verifySource, verifyText, version } from './pkg/aigc_label.js';
import { WHOLE_READ_LIMIT, blobSource, readWhole } from './pkg/blob-source.js';

const ready = init().then(warmUp);

/**
 * Runs the pixel path a few times on a small image the browser draws, while the worker is
 * idle: V8 compiles wasm functions lazily and optimises them only once they are hot, so
 * without this the first photo a person drops is checked by unoptimised code (README,
 * "Invisible watermarks"). Best effort: where OffscreenCanvas is missing, nothing happens.
 */
async function warmUp() {
  try {
    const canvas = new OffscreenCanvas(256, 256);
    const context = canvas.getContext('2d');
    const gradient = context.createLinearGradient(0, 0, 256, 256);
    gradient.addColorStop(0, '#204060');
    gradient.addColorStop(1, '#e0c080');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 256, 256);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    for (let i = 0; i < 8; i++) verify(bytes, { watermarks: true });
  } catch {
    // Warming up is an optimisation only.
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
