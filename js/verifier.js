// The worker-backed asynchronous API: `createVerifier()` starts a module worker
// (verifier-worker.js, next to this file) that loads the wasm once and answers calls in order.
// A watchdog ends a call that runs past the time limit: the worker is replaced, the call
// answers an `error` report, and the calls queued behind it go to the fresh worker.

/** The default time limit of one call, from the moment the worker starts it. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** The report of a call the watchdog stopped. */
function timeoutReport(ms) {
  const seconds = ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s` : `${ms} ms`;
  const message = `stopped after ${seconds}: this input took longer than the time limit`;
  return {
    verdict: 'error',
    format: 'unknown',
    media: 'unknown',
    summary: {
      en: `The check was stopped after ${seconds}, the time limit; the verifier was restarted.`,
      zh: `检查超过 ${seconds} 的时限，已被终止；核验程序已重新启动。`,
    },
    evidence: [],
    errors: [message],
  };
}

/** @param {import('./verifier.js').VerifierOptions} [options] */
export function createVerifier(options = {}) {
  const defaults = { ...(options.defaults || {}) };
  const timeoutMs = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : Number(options.timeoutMs);
  const pending = new Map();
  let watchdog = null;
  let nextId = 1;
  let failure = null;

  const failAll = (error) => {
    failure = failure || error;
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };

  const wasmUrl = options.wasmUrl === undefined ? undefined : String(options.wasmUrl);
  const modelsUrl = options.modelsUrl === undefined ? undefined : String(options.modelsUrl);
  let worker = null;

  /** Starts timing call `id`, which the worker has just begun. */
  const watch = (id) => {
    clearTimeout(watchdog);
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) return;
    watchdog = setTimeout(() => {
      const call = pending.get(id);
      if (!call) return;
      pending.delete(id);
      if (call.message.type === 'version') call.reject(new Error(timeoutReport(timeoutMs).errors[0]));
      else call.resolve(timeoutReport(timeoutMs));
      start(); // a fresh worker; the calls still queued are posted to it
    }, timeoutMs);
  };

  const onMessage = (event) => {
    const { id, result, error, crashed, begin } = event.data || {};
    const call = pending.get(id);
    if (!call) return;
    if (begin) {
      watch(id);
      return;
    }
    clearTimeout(watchdog);
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
    clearTimeout(watchdog);
    worker?.terminate();
    worker = options.workerUrl
      ? new Worker(options.workerUrl, { type: 'module' })
      : new Worker(new URL('./verifier-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = onMessage;
    worker.onerror = onError;
    worker.postMessage({ id: 0, type: 'init', wasmUrl, modelsUrl, warmUp: options.warmUp !== false });
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
      clearTimeout(watchdog);
      worker.terminate();
      failAll(new Error('the verifier was closed'));
    },
  };
}
