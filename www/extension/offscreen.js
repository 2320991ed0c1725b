// The offscreen document: downloads the images the service worker has allowed (policy.js,
// again here, since this is the code that fetches) and checks them with the package's
// `createVerifier`. Its worker answers one call at a time under a time limit; after a trap or
// a timeout it is replaced and the calls queued behind go to the fresh one, so a hostile input
// costs one `error` report, not the verifier.
import { createVerifier } from './pkg/verifier.js';
import { fetchImage } from './policy.js';

let verifier = null;
let timeLimit = 0;

/** The verifier, made again when the time limit setting changed. */
function verifierWith(timeoutMs) {
  if (!verifier || timeoutMs !== timeLimit) {
    verifier?.close();
    verifier = createVerifier({
      wasmUrl: chrome.runtime.getURL('pkg/aigc_label_bg.wasm'),
      modelsUrl: chrome.runtime.getURL('pkg/models/ppocrv6-tiny/'),
      timeoutMs,
    });
    timeLimit = timeoutMs;
  }
  return verifier;
}

async function run(message) {
  const checker = verifierWith(Number(message.timeLimitMs) || 60_000);
  switch (message.type) {
    case 'verify-url': {
      const bytes = await fetchImage(String(message.url), String(message.pageUrl));
      return checker.verify(bytes, message.options || {});
    }
    case 'verify-text':
      return checker.verifyText(String(message.text));
    case 'version':
      return checker.version();
    default:
      throw new Error(`unknown request ${String(message.type)}`);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.target !== 'offscreen') return false;
  run(message).then(
    (result) => sendResponse({ result }),
    (err) => sendResponse({ error: String(err?.message || err) }),
  );
  return true; // answered asynchronously
});
