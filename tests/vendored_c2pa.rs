//! The vendored C2PA SDK (vendor/c2pa, vendor/README.md): each distinct signature check runs
//! once per validation, and reports are the same as with every check computed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(all(feature = "c2pa", not(target_arch = "wasm32")))]

use aigc_label::{verify, Options};
use c2pa::crypto::raw_signature::memo;

/// Every committed file with a C2PA manifest store: the corpus, the multi-manifest
/// fixtures and the warm-up samples.
const SIGNED: &[&str] = &[
    "tests/fixtures/corpus/adobe-20220124-C.jpg",
    "tests/fixtures/corpus/adobe-20220124-CA.jpg",
    "tests/fixtures/corpus/adobe-20220124-CACA.jpg",
    "tests/fixtures/corpus/adobe-20220124-CAI.jpg",
    "tests/fixtures/corpus/adobe-20220124-E-dat-CA.jpg",
    "tests/fixtures/corpus/adobe-20220124-E-sig-CA.jpg",
    "tests/fixtures/corpus/adobe-20220124-XCA.jpg",
    "tests/fixtures/corpus/flux-1.jpg",
    "tests/fixtures/corpus/chatgpt-1.png",
    "tests/fixtures/corpus/firefly-1.png",
    "tests/fixtures/corpus/samsung_black_1.png",
    "tests/fixtures/c2pa-multi/multi-manifest.png",
    "tests/fixtures/c2pa-multi/multi-manifest.jpg",
    "tests/fixtures/c2pa-multi/two-ai-ingredients.jpg",
    "www/warmup/ecdsa.png",
    "www/warmup/rsa.jpg",
];

/// The report of `path` and the signature checks its validation computed.
fn checked(path: &str, options: &Options) -> (String, u64) {
    let bytes = std::fs::read(path).unwrap();
    let before = memo::computed_checks();
    let report = verify(&bytes, options).to_json();
    (report, memo::computed_checks() - before)
}

#[test]
fn reports_are_the_same_with_and_without_the_memo() {
    for path in SIGNED {
        memo::set_enabled(false);
        let (every_check, computed_all) = checked(path, &Options::default());
        memo::set_enabled(true);
        let (memoised, computed_once) = checked(path, &Options::default());
        assert_eq!(memoised, every_check, "{path}");
        assert!(
            computed_once <= computed_all,
            "{path}: {computed_once} > {computed_all}"
        );
        assert!(computed_once > 0, "{path}: no signature checked");
    }
}

#[test]
fn three_manifests_on_one_chain_check_each_signature_once() {
    // Per manifest: the claim signature, the time-stamp token's signature, and the links
    // signer ← intermediate ← root and TSA ← intermediate ← root. Distinct: three claim
    // signatures, three tokens, three links (intermediate ← root is shared).
    for path in [
        "tests/fixtures/c2pa-multi/multi-manifest.png",
        "tests/fixtures/c2pa-multi/multi-manifest.jpg",
    ] {
        memo::set_enabled(false);
        let (_, every_check) = checked(path, &Options::default());
        memo::set_enabled(true);
        let (report, once) = checked(path, &Options::default());
        assert_eq!((every_check, once), (21, 9), "{path}");
        assert!(report.contains("\"Manifests\":\"3\""), "{report}");
        assert!(report.contains("timeStamp.validated"), "{report}");
        assert!(report.contains("claimSignature.validated"), "{report}");
    }
}

#[test]
fn nothing_is_remembered_between_validations() {
    let path = "tests/fixtures/c2pa-multi/multi-manifest.jpg";
    memo::set_enabled(true);
    let (first, computed_first) = checked(path, &Options::default());
    let (second, computed_second) = checked(path, &Options::default());
    assert_eq!(first, second);
    assert_eq!(
        computed_first, computed_second,
        "the second validation reused the first's"
    );
}

#[test]
fn a_user_anchor_added_later_is_seen() {
    // The anchors' subject names are parsed once per trust policy; a policy with more
    // anchors must not reuse the names of one with fewer. flux-1.jpg's issuer is on no
    // shipped list; given as a user anchor it makes the signer trusted.
    let flux = "tests/fixtures/corpus/flux-1.jpg";
    let (shipped, _) = checked(flux, &Options::default());
    assert!(shipped.contains("signingCredential.untrusted"), "{shipped}");
    let anchors = std::fs::read_to_string("tests/fixtures/trust/flux-issuer.pem").unwrap();
    let (added, _) = checked(flux, &Options::default().with_trust_anchors(anchors));
    assert!(added.contains("signingCredential.trusted"), "{added}");
    let (again, _) = checked(flux, &Options::default());
    assert_eq!(again, shipped);
}

/// The vendored SDK verifies ECDSA with the 0.14 curve crates; the released one used 0.13.
/// Both must give the same result for every case: valid signatures, changed data, changed
/// signature bytes, r or s out of range, the negated s, another key, and digests shorter and
/// longer than the curve (ES256 with a P-384 key, ES512 with a P-256 key).
#[cfg(not(target_arch = "wasm32"))]
mod ecdsa_against_0_13 {
    use c2pa::crypto::raw_signature::{
        validator_for_signing_alg, RawSignatureValidationError, SigningAlg,
    };
    use p256::pkcs8::EncodePublicKey as _;
    use sha2::Digest;

    type Outcome = Result<(), RawSignatureValidationError>;

    fn digest(alg: SigningAlg, data: &[u8]) -> Vec<u8> {
        match alg {
            SigningAlg::Es256 => sha2::Sha256::digest(data).to_vec(),
            SigningAlg::Es384 => sha2::Sha384::digest(data).to_vec(),
            _ => sha2::Sha512::digest(data).to_vec(),
        }
    }

    /// The released SDK's ECDSA check (c2pa 0.90.22 `EcdsaValidator`), for P1363 signatures.
    fn released_p256(alg: SigningAlg, sig: &[u8], data: &[u8], spki: &[u8]) -> Outcome {
        use p256::ecdsa::signature::hazmat::PrehashVerifier;
        use p256::pkcs8::DecodePublicKey;
        let signature = p256::ecdsa::Signature::from_slice(sig)
            .map_err(|_| RawSignatureValidationError::InvalidSignature)?;
        let key = p256::ecdsa::VerifyingKey::from_public_key_der(spki)
            .map_err(|_| RawSignatureValidationError::InvalidPublicKey)?;
        key.verify_prehash(&digest(alg, data), &signature)
            .map_err(|_| RawSignatureValidationError::SignatureMismatch)
    }

    fn released_p384(alg: SigningAlg, sig: &[u8], data: &[u8], spki: &[u8]) -> Outcome {
        use p384::ecdsa::signature::hazmat::PrehashVerifier;
        use p384::pkcs8::DecodePublicKey;
        let signature = p384::ecdsa::Signature::from_slice(sig)
            .map_err(|_| RawSignatureValidationError::InvalidSignature)?;
        let key = p384::ecdsa::VerifyingKey::from_public_key_der(spki)
            .map_err(|_| RawSignatureValidationError::InvalidPublicKey)?;
        key.verify_prehash(&digest(alg, data), &signature)
            .map_err(|_| RawSignatureValidationError::SignatureMismatch)
    }

    /// Signature variants of a valid P1363 signature `(r, s)` of `half` bytes each.
    fn variants(signature: &[u8], order: &[u8]) -> Vec<Vec<u8>> {
        let half = signature.len() / 2;
        let mut out = vec![signature.to_vec()];
        let mut flipped = signature.to_vec();
        flipped[half + 3] ^= 0x40;
        out.push(flipped);
        out.push([vec![0; half], signature[half..].to_vec()].concat()); // r = 0
        out.push([signature[..half].to_vec(), order.to_vec()].concat()); // s = n
        out.push([signature[..half].to_vec(), sub(order, &signature[half..])].concat()); // n − s
        out.push(signature[..signature.len() - 1].to_vec()); // one byte short
        out
    }

    /// `a − b` for big-endian numbers of equal length, `a ≥ b`.
    fn sub(a: &[u8], b: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; a.len()];
        let mut borrow = 0i16;
        for i in (0..a.len()).rev() {
            let mut d = i16::from(a[i]) - i16::from(b[i]) - borrow;
            borrow = i16::from(d < 0);
            if d < 0 {
                d += 256;
            }
            out[i] = d as u8;
        }
        out
    }

    #[test]
    fn p256_and_p384_checks_match_the_released_ones() {
        const N256: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
        const N384: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";
        let hex = |s: &str| -> Vec<u8> {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect()
        };
        let mut cases = 0;
        for seed in 1u8..=6 {
            let data = format!("claim bytes {seed}").into_bytes();
            let other = b"other bytes".to_vec();
            let k256 = p256::ecdsa::SigningKey::from_slice(&[seed; 32]).unwrap();
            let k384 = p384::ecdsa::SigningKey::from_slice(&[seed; 48]).unwrap();
            let spki256 = k256.verifying_key().to_public_key_der().unwrap();
            let spki384 = k384.verifying_key().to_public_key_der().unwrap();
            let other256 = p256::ecdsa::SigningKey::from_slice(&[seed + 100; 32]).unwrap();
            let other_spki = other256.verifying_key().to_public_key_der().unwrap();
            for alg in [SigningAlg::Es256, SigningAlg::Es384, SigningAlg::Es512] {
                use p256::ecdsa::signature::hazmat::PrehashSigner;
                let prehash = digest(alg, &data);
                let s256: p256::ecdsa::Signature = k256.sign_prehash(&prehash).unwrap();
                let s384: p384::ecdsa::Signature = k384.sign_prehash(&prehash).unwrap();
                let validator = validator_for_signing_alg(alg).unwrap();
                for sig in variants(&s256.to_bytes(), &hex(N256)) {
                    for (spki, payload) in [
                        (spki256.as_bytes(), &data),
                        (spki256.as_bytes(), &other),
                        (other_spki.as_bytes(), &data),
                    ] {
                        let patched = validator.validate(&sig, payload, spki);
                        let released = released_p256(alg, &sig, payload, spki);
                        assert_eq!(patched, released, "P-256 {alg} seed {seed}");
                        cases += 1;
                    }
                }
                for sig in variants(&s384.to_bytes(), &hex(N384)) {
                    for payload in [&data, &other] {
                        let patched = validator.validate(&sig, payload, spki384.as_bytes());
                        let released = released_p384(alg, &sig, payload, spki384.as_bytes());
                        assert_eq!(patched, released, "P-384 {alg} seed {seed}");
                        cases += 1;
                    }
                }
            }
        }
        assert_eq!(cases, 6 * 3 * (6 * 3 + 6 * 2));
    }
}
