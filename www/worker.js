// Runs the verifier off the main thread so a large file never freezes the page.
import init, { verify, verifyText, version } from './pkg/aigc_label.js';

const ready = init();

self.onmessage = async (event) => {
  const { id, type, file, text } = event.data;
  try {
    await ready;
    if (type === 'version') {
      self.postMessage({ id, version: version() });
      return;
    }
    const started = performance.now();
    let report;
    if (type === 'text') {
      report = verifyText(text);
    } else {
      self.postMessage({ id, progress: 'reading' });
      const bytes = new Uint8Array(await file.arrayBuffer());
      self.postMessage({ id, progress: 'checking' });
      report = verify(bytes);
    }
    self.postMessage({ id, report, ms: performance.now() - started });
  } catch (err) {
    // A trap leaves the module unusable: the page replaces this worker.
    self.postMessage({ id, crashed: true, message: String(err && err.message || err) });
  }
};
