// Runs the verifier off the main thread so a large file never freezes the page. Small files
// are read whole; large ones in the slices the verifier asks for (pkg/blob-source.js, shared
// with the npm package's worker), with progress reported to the page.
import * as wasm from './pkg/aigc_label.js';
import { isPixelImage, modelLoader } from './pkg/models.js';
import { WHOLE_READ_LIMIT, blobSource, readWhole } from './pkg/blob-source.js';
import { warmUp } from './pkg/warm-up.js';

const { default: init, verify, verifySource, verifyText, version } = wasm;
const ready = init();
// Warms the module up on www/warmup/ and two drawn images while idle (pkg/warm-up.js), then
// tells the page (benchmarks wait for it). A failed init is reported to the requests instead.
ready
  .then(() => warmUp(verify, [new URL('warmup/rsa.jpg', import.meta.url), new URL('warmup/ecdsa.png', import.meta.url)]))
  .finally(() => self.postMessage({ warmedUp: true }))
  .catch(() => {});

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

/** Decodes base64: natively where the browser can (Chrome 140+, Firefox 133+, Safari 18.2+). */
function base64Bytes(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
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
    provenance.thumbnailBlob = new Blob([base64Bytes(match[2])], { type: match[1] });
    delete provenance.thumbnail;
  }
  return report;
}

/** The OCR models, served by the page's own origin (www/models/), fetched on first use. */
const models = modelLoader(wasm, new URL('models/ppocrv6-tiny/', import.meta.url));

self.onmessage = async (event) => {
  const { id, type, file, text, watermarks = true } = event.data;
  try {
    await ready;
    // The page's watchdog times the check from here: loading and warming up do not count.
    self.postMessage({ id, begin: true });
    if (type === 'version') {
      self.postMessage({ id, version: version() });
      return;
    }
    const started = performance.now();
    if (type === 'text') {
      self.postMessage({ id, report: verifyText(text), ms: performance.now() - started });
      return;
    }
    // Pixel checks (invisible watermarks, visible labels): decode the pixels of PNG, JPEG,
    // WebP and GIF images unless the page's checkbox is cleared (docs/watermarks.md, docs/ocr.md).
    const options = { thumbnails: true, watermarks, visibleLabels: watermarks };
    let modelError;
    if (watermarks && (await isPixelImage(file))) {
      if (!models.loaded) self.postMessage({ id, progress: 'models' });
      await models.ensure().catch((err) => { modelError = String((err && err.message) || err); });
      if (modelError) options.visibleLabels = false;
    }
    const withModelError = (report) => {
      if (modelError) report.errors.push(`visible-label check: the OCR models could not be loaded (${modelError})`);
      return report;
    };
    if (file.size <= WHOLE_READ_LIMIT) {
      const bytes = readWhole(file);
      const readMs = performance.now() - started;
      const report = withModelError(thumbnailsToBlobs(verify(bytes, options)));
      self.postMessage({ id, report, ms: performance.now() - started, readMs, bytesRead: file.size });
      return;
    }
    const source = fileSource(id, file);
    const report = withModelError(thumbnailsToBlobs(verifySource(source, options)));
    self.postMessage({ id, report, ms: performance.now() - started, bytesRead: source.bytesRead });
  } catch (err) {
    // A trap leaves the module unusable: the page replaces this worker.
    self.postMessage({ id, crashed: true, message: String((err && err.message) || err) });
  }
};
