import type { Report, VerifyOptions } from './aigc_label.js';

/** Where the worker and the wasm come from; every field is optional. */
export interface VerifierOptions {
  /**
   * URL of `aigc_label_bg.wasm`. Default: the file next to the package's JS, which bundlers
   * (Vite, webpack 5, Rollup with the URL plugin) copy and rewrite for you. Set it when the
   * wasm is served from elsewhere, e.g. `chrome.runtime.getURL('aigc_label_bg.wasm')`.
   */
  wasmUrl?: string | URL;
  /**
   * URL of `verifier-worker.js` (a module worker). Default: the file next to this module.
   * Set it where the default cannot be resolved, e.g. when the package is copied, not bundled.
   */
  workerUrl?: string | URL;
  /**
   * Folder URL of the OCR models (`det.onnx`, `rec.onnx`, `dict.txt`: `models/ppocrv6-tiny/`
   * of a build, about 6.2 MB) for calls with `visibleLabels`. They are fetched the first time
   * an image is checked and kept in the Cache API; the package does not ship them. Without it,
   * such calls report an error entry and run every other check.
   */
  modelsUrl?: string | URL;
  /** Options applied to every `verify` call (a call's own options take precedence). */
  defaults?: VerifyOptions;
  /**
   * Warm the module up while the worker is idle after loading (default true): it verifies the
   * two small C2PA-signed samples in `warmup/` (full build) and two images it draws, answering
   * calls between steps, so that the first real file is not checked by unoptimised code (the
   * first C2PA file: ~130 ms without, ~35 ms with). Set false for a verifier that lives for
   * one call.
   */
  warmUp?: boolean;
  /**
   * The longest one call may run, in milliseconds, from the moment the worker starts it
   * (loading and warming up do not count); default 60000. Past it the worker is ended and
   * replaced, the call answers an `error` report saying so (`version()` rejects), and the
   * calls queued behind it go to the fresh worker. `0` or `Infinity`: no limit.
   */
  timeoutMs?: number;
}

/** A verifier running in its own module worker: the page's thread never blocks. */
export interface Verifier {
  /**
   * Verifies a file. A `Blob` (or `File`) larger than 32 MiB is read in slices, so a long
   * video is never copied into memory; other inputs are copied to the worker.
   */
  verify(input: Blob | ArrayBuffer | ArrayBufferView, options?: VerifyOptions): Promise<Report>;
  /** Verifies a text (explicit labels, hidden Unicode payloads, embedded metadata). */
  verifyText(text: string): Promise<Report>;
  /** The package version, once the wasm has loaded; rejects when it cannot load. */
  version(): Promise<string>;
  /** Stops the worker; calls still pending reject. */
  close(): void;
}

/** Starts a worker that loads the wasm and answers `verify` and `verifyText` calls in order. */
export function createVerifier(options?: VerifierOptions): Verifier;
