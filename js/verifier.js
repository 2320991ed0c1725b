// The worker-backed asynchronous API: `createVerifier()` starts a module worker
// (verifier-worker.js, next to this file) that loads the wasm once and answers calls in order.

/** @param {import('./verifier.js').VerifierOptions} [options] */
export function createVerifier(options = {}) {
  const defaults = { ...(options.defaults || {}) };
  const pending = new Map();
  let nextId = 1;
  let failure = null;

  const failAll = (error) => {
    failure = failure || error;
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };

  const wasmUrl = options.wasmUrl === undefined ? undefined : String(options.wasmUrl);
  let worker = null;

  const onMessage = (event) => {
    const { id, result, error, crashed } = event.data || {};
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (error !== undefined) call.reject(new Error(error));
    else call.resolve(result);
    // A trap leaves the wasm instance unusable: the calls still queued go to a fresh worker.
    if (crashed) start();
  };
  const onError = (event) => {
    event.preventDefault?.();
    failAll(new Error(`aigc-label worker failed: ${event.message || 'could not load the worker script'}`));
  };

  function start() {
    worker?.terminate();
    worker = options.workerUrl
      ? new Worker(options.workerUrl, { type: 'module' })
      : new Worker(new URL('./verifier-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = onMessage;
    worker.onerror = onError;
    worker.postMessage({ id: 0, type: 'init', wasmUrl, warmUp: options.warmUp !== false });
    for (const [id, { message }] of pending) worker.postMessage({ id, ...message });
  }
  start();

  const call = (message) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, message });
      worker.postMessage({ id, ...message });
    });
  };

  return {
    verify(input, callOptions) {
      if (!(input instanceof Blob || input instanceof ArrayBuffer || ArrayBuffer.isView(input))) {
        return Promise.reject(new TypeError('verify() takes a Blob, File, ArrayBuffer or typed array'));
      }
      return call({ type: 'verify', input, options: { ...defaults, ...(callOptions || {}) } });
    },
    verifyText(text) {
      if (typeof text !== 'string') return Promise.reject(new TypeError('verifyText() takes a string'));
      return call({ type: 'text', text });
    },
    version() {
      return call({ type: 'version' });
    },
    close() {
      worker.terminate();
      failAll(new Error('the verifier was closed'));
    },
  };
}
