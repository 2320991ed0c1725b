// Agreement with the C2PA reference: every corpus file is read in the same headless Chromium
// by @contentauth/c2pa-web (c2pa-rs compiled to wasm by its authors, from npm) and by our
// module, both with the trust lists in trust/. The validation state and the set of status
// codes of the active manifest must be the same, and both must give the outcomes listed in
// ../shared/corpus/README.md. Run after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launchChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Corpus file → validation state, the outcome README's table gives, and the deciding code. */
const EXPECTED = {
  'chatgpt-1.png': ['Invalid', 'ai_labeled', 'signingCredential.expired'],
  'firefly-1.png': ['Trusted', 'ai_labeled', 'signingCredential.trusted'],
  'flux-1.jpg': ['Valid', 'ai_labeled', 'signingCredential.untrusted'],
  'samsung_black_1.png': ['Trusted', 'ai_labeled', 'signingCredential.trusted'],
  'adobe-20220124-C.jpg': ['Valid', 'no_label', 'claimSignature.validated'],
  'adobe-20220124-CA.jpg': ['Valid', 'no_label', 'claimSignature.validated'],
  'adobe-20220124-CACA.jpg': ['Valid', 'no_label', 'claimSignature.validated'],
  'adobe-20220124-CAI.jpg': ['Valid', 'no_label', 'claimSignature.validated'],
  'adobe-20220124-XCA.jpg': ['Invalid', 'invalid_label', 'assertion.dataHash.mismatch'],
  'adobe-20220124-E-dat-CA.jpg': ['Invalid', 'invalid_label', 'assertion.dataHash.mismatch'],
  'adobe-20220124-E-sig-CA.jpg': ['Invalid', 'invalid_label', 'claimSignature.mismatch'],
};

let server; let browser; let page;

before(async () => {
  server = await serve(root, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (err) => { throw err; });
  await page.goto(`${base}bench/c2pa-web/index.html`);
  await page.waitForFunction(() => window.harnessReady === true, null, { timeout: 60000 });
  await page.evaluate(async () => {
    window.ours = await import('/www/pkg/aigc_label.js');
    await window.ours.default();
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Both readings of one corpus file: the reference's store and our report. */
async function readBoth(name) {
  const bytes = [...readFileSync(join(root, 'tests/fixtures/corpus', name))];
  const type = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
  return page.evaluate(async ([data, type]) => {
    const array = new Uint8Array(data);
    const store = await window.readStore(new Blob([array], { type }));
    if (store && store.error) throw new Error(`c2pa-web: ${store.error}`);
    const report = window.ours.verify(array);
    const codes = (results) => {
      const active = (results && results.activeManifest) || {};
      const all = [...(active.success || []), ...(active.informational || []), ...(active.failure || [])];
      return [...new Set(all.map((s) => s.code))].sort();
    };
    const c2pa = report.evidence.find((e) => e.kind === 'c2pa_manifest');
    return {
      reference: store && { state: store.validation_state, codes: codes(store.validation_results) },
      ours: c2pa && { state: c2pa.fields.ValidationState, codes: c2pa.fields.ValidationCodes.split(' ').sort() },
      verdict: report.verdict,
    };
  }, [bytes, type]);
}

for (const [name, [state, verdict, code]] of Object.entries(EXPECTED)) {
  test(`${name}: same validation as c2pa-web, ${state} → ${verdict}`, async () => {
    const { reference, ours, verdict: ourVerdict } = await readBoth(name);
    assert.deepEqual(ours, reference);
    assert.equal(reference.state, state);
    assert.ok(reference.codes.includes(code), `${code} not in ${reference.codes}`);
    assert.equal(ourVerdict, verdict);
  });
}

test('a file without a manifest: c2pa-web finds none, and neither do we', async () => {
  const { reference, ours, verdict } = await readBoth('adobe-20220124-A.jpg');
  assert.equal(reference, null);
  assert.equal(ours, undefined);
  assert.equal(verdict, 'no_label');
});
