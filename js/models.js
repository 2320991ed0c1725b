// The OCR models of the visible-label check, loaded into the wasm the first time an image is
// checked with `visibleLabels`: fetched from `baseUrl` (det.onnx, rec.onnx, dict.txt) and kept
// in the Cache API, so later visits load them offline. Shared by the page's worker and the
// package's worker; the models are never part of the wasm (docs/ocr.md).

const CACHE = 'aigc-label-models-ppocrv6-tiny-v1';
const FILES = ['det.onnx', 'rec.onnx', 'dict.txt'];

/** The bytes at `url`, from the Cache API once it has them. */
async function cachedBytes(url) {
  const cache = self.caches ? await self.caches.open(CACHE).catch(() => null) : null;
  let response = cache && (await cache.match(url));
  if (!response) {
    response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    if (cache) await cache.put(url, response.clone()).catch(() => {});
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A loader of the models at `baseUrl` into `wasm` (the module namespace: `loadModels`,
 * `modelsLoaded`; the lite build has neither and loads nothing). `ensure()` resolves once they
 * are loaded, and rejects with the reason when they cannot be; a later call tries again.
 */
export function modelLoader(wasm, baseUrl) {
  const base = new URL(String(baseUrl).replace(/\/?$/, '/'), self.location.href);
  let loading;
  return {
    get loaded() { return Boolean(wasm.modelsLoaded && wasm.modelsLoaded()); },
    ensure() {
      if (!wasm.loadModels || this.loaded) return Promise.resolve();
      loading ||= Promise.all(FILES.map((f) => cachedBytes(new URL(f, base))))
        .then(([det, rec, dict]) => wasm.loadModels(det, rec, new TextDecoder().decode(dict)))
        .catch((err) => { loading = undefined; throw err; });
      return loading;
    },
  };
}

/** Whether a Blob or bytes start like PNG, JPEG, GIF or WebP (the images whose pixels are read). */
export async function isPixelImage(input) {
  const head = input instanceof Blob ? new Uint8Array(await input.slice(0, 12).arrayBuffer()) : input.subarray(0, 12);
  const ascii = (from, to) => String.fromCharCode(...head.subarray(from, to));
  return (head[0] === 0x89 && ascii(1, 4) === 'PNG') || (head[0] === 0xff && head[1] === 0xd8)
    || ascii(0, 4) === 'GIF8' || (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP');
}
