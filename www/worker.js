// Runs the verifier off the main thread so a large file never freezes the page.
// Files are read through a ByteSource: the verifier asks for the slices it needs
// (headers, metadata) and a 2 GB video is never read into memory.
import init, { verifySource, verifyText, version } from './pkg/aigc_label.js';

const ready = init();

/** A ByteSource over a File, reporting progress at most every 100 ms. */
function fileSource(id, file) {
  const reader = new FileReaderSync();
  let bytesRead = 0;
  let lastReport = 0;
  return {
    size: file.size,
    get bytesRead() { return bytesRead; },
    read(offset, length) {
      const end = Math.min(file.size, offset + length);
      const buffer = reader.readAsArrayBuffer(file.slice(offset, end));
      bytesRead += buffer.byteLength;
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        self.postMessage({ id, progress: 'reading', bytesRead, size: file.size });
      }
      return new Uint8Array(buffer);
    },
  };
}

self.onmessage = async (event) => {
  const { id, type, file, text } = event.data;
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
    const source = fileSource(id, file);
    const report = verifySource(source, { thumbnails: true });
    self.postMessage({ id, report, ms: performance.now() - started, bytesRead: source.bytesRead });
  } catch (err) {
    // A trap leaves the module unusable: the page replaces this worker.
    self.postMessage({ id, crashed: true, message: String((err && err.message) || err) });
  }
};
