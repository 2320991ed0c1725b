// The worker behind `createVerifier()`: loads the wasm once (from the URL the embedder gave,
// or the file next to the glue) and answers each call with `{ id, begin }` when it starts it,
// then `{ id, result }` or `{ id, error }`.
import * as wasm from './aigc_label.js';
import { isPixelImage, modelLoader } from './models.js';
import { WHOLE_READ_LIMIT, blobSource, readWhole } from './blob-source.js';
import { warmUp } from './warm-up.js';

/** The C2PA warm-up samples next to this file; scripts/package.mjs drops them from lite/. */
const WARM_UP_SAMPLES = [
  new URL('./warmup/rsa.jpg', import.meta.url), // full build only
  new URL('./warmup/ecdsa.png', import.meta.url), // full build only
];

const { default: init, verify, verifySource, verifyText, version } = wasm;
let ready = null;
/** The OCR models, when the embedder gave `modelsUrl`. */
let models = null;

function bytesOf(input) {
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
}

async function answer({ id, type, input, options, text }) {
  await ready;
  // The caller's watchdog times the call from here: loading and warming up do not count.
  self.postMessage({ id, begin: true });
  if (type === 'version') return version();
  if (type === 'text') return verifyText(text);
  if (options && options.visibleLabels && models && (await isPixelImage(input instanceof Blob ? input : bytesOf(input)))) {
    try {
      await models.ensure();
    } catch (err) {
      const report = verifyWithout(input, options);
      report.errors.push(`visible-label check: the OCR models could not be loaded (${String((err && err.message) || err)})`);
      return report;
    }
  }
  return verifyInput(input, options);
}

/** The report without the visible-label check (its models failed to load). */
function verifyWithout(input, options) {
  return verifyInput(input, { ...options, visibleLabels: false });
}

function verifyInput(input, options) {
  if (input instanceof Blob) {
    if (input.size > WHOLE_READ_LIMIT) return verifySource(blobSource(input), options);
    return verify(readWhole(input), options);
  }
  return verify(bytesOf(input), options);
}

self.onmessage = async (event) => {
  const message = event.data || {};
  if (message.type === 'init') {
    ready = init(message.wasmUrl === undefined ? undefined : { module_or_path: message.wasmUrl });
    models = message.modelsUrl === undefined ? null : modelLoader(wasm, message.modelsUrl);
    ready.catch(() => {}); // reported to each call below
    if (message.warmUp) ready.then(() => warmUp(verify, WARM_UP_SAMPLES)).catch(() => {});
    return;
  }
  try {
    self.postMessage({ id: message.id, result: await answer(message) });
  } catch (err) {
    const reason = String((err && err.message) || err);
    const crashed = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ id: message.id, error: `aigc-label: ${reason}`, crashed });
  }
};
