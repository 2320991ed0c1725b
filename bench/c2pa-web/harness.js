// Loads @contentauth/c2pa-web with the trust lists in trust/ (configured like the Content
// Credentials Verify site, as aigc-label is) and reads the file chosen in #file: the time from
// the change event to the manifest store lands in #result[data-elapsed-ms], the store itself
// in window.lastStore.
import { createC2pa } from '/node_modules/@contentauth/c2pa-web/dist/index.js';

const text = async (name) => (await fetch(`/trust/${name}`)).text();
const anchors = await Promise.all(['cai-anchors.pem', 'C2PA-TRUST-LIST.pem', 'C2PA-TSA-TRUST-LIST.pem'].map(text));
const settings = {
  trust: {
    trustAnchors: anchors.join('\n'),
    allowedList: await text('cai-allowed.pem'),
    trustConfig: await text('cai-store.cfg'),
  },
  verify: { verifyTrust: true },
};

const started = performance.now();
const c2pa = await createC2pa({ wasmSrc: '/node_modules/@contentauth/c2pa-web/dist/resources/c2pa_bg.wasm', settings });
window.initMs = performance.now() - started;

/** Reads the manifest store of `blob`; null when it has none. */
window.readStore = async (blob) => {
  let reader;
  try {
    reader = await c2pa.reader.fromBlob(blob.type || 'application/octet-stream', blob);
  } catch (err) {
    return { error: String((err && err.message) || err) };
  }
  if (!reader) return null;
  try {
    return await reader.manifestStore();
  } finally {
    await reader.free();
  }
};

const result = document.getElementById('result');
document.getElementById('file').addEventListener('change', async (event) => {
  const t = performance.now();
  const file = event.target.files[0];
  event.target.value = ''; // so that choosing the same file again reads it again
  result.removeAttribute('data-state');
  window.lastStore = await window.readStore(file);
  result.dataset.elapsedMs = (performance.now() - t).toFixed(2);
  result.dataset.state = window.lastStore && !window.lastStore.error ? window.lastStore.validation_state : 'none';
});
window.harnessReady = true;
