//! Operation loops for bench/curves.mjs: each runs `n` times and returns a value that depends
//! on every result, so that nothing is optimised away. Exported without wasm-bindgen (no
//! imports), so that node can instantiate the wasm as it is.
#![allow(clippy::missing_safety_doc)]

use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::elliptic_curve::ff::PrimeField;

const PREHASH_32: [u8; 32] = [7; 32];
const PREHASH_48: [u8; 48] = [9; 48];

/// `n` ECDSA P-384 verifications of one signature (made here from a fixed key).
#[no_mangle]
pub extern "C" fn verify_p384(n: u32) -> u32 {
    let Ok(key) = p384::ecdsa::SigningKey::from_slice(&[3u8; 48]) else {
        return u32::MAX;
    };
    let Ok(signature): Result<p384::ecdsa::Signature, _> = key.sign_prehash(&PREHASH_48) else {
        return u32::MAX;
    };
    let verifying = key.verifying_key();
    (0..n)
        .filter(|_| verifying.verify_prehash(&PREHASH_48, &signature).is_ok())
        .count() as u32
}

/// `n` ECDSA P-256 verifications of one signature (made here from a fixed key).
#[no_mangle]
pub extern "C" fn verify_p256(n: u32) -> u32 {
    let Ok(key) = p256::ecdsa::SigningKey::from_slice(&[3u8; 32]) else {
        return u32::MAX;
    };
    let Ok(signature): Result<p256::ecdsa::Signature, _> = key.sign_prehash(&PREHASH_32) else {
        return u32::MAX;
    };
    let verifying = key.verifying_key();
    (0..n)
        .filter(|_| verifying.verify_prehash(&PREHASH_32, &signature).is_ok())
        .count() as u32
}

/// `n` P-384 field multiplications, chained.
#[no_mangle]
pub extern "C" fn field_mul_p384(n: u32) -> u32 {
    let mut x = p384::FieldElement::from_u64(0x1234_5678_9abc_def1);
    let y = p384::FieldElement::from_u64(0x0fed_cba9_8765_4321);
    for _ in 0..n {
        x = x * y;
    }
    u32::from(x.to_repr()[47])
}

/// `n` P-256 field multiplications, chained.
#[no_mangle]
pub extern "C" fn field_mul_p256(n: u32) -> u32 {
    let mut x = p256::FieldElement::from_u64(0x1234_5678_9abc_def1);
    let y = p256::FieldElement::from_u64(0x0fed_cba9_8765_4321);
    for _ in 0..n {
        x = x * y;
    }
    u32::from(x.to_repr()[31])
}

use p521::ecdsa::signature::hazmat::RandomizedPrehashSigner;

/// Deterministic xorshift stream standing in for an RNG (benchmark only).
struct FixedRng(u64);
impl rand_core::RngCore for FixedRng {
    fn next_u32(&mut self) -> u32 {
        self.next_u64() as u32
    }
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn fill_bytes(&mut self, d: &mut [u8]) {
        for b in d {
            *b = self.next_u64() as u8;
        }
    }
    fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(d);
        Ok(())
    }
}
impl rand_core::CryptoRng for FixedRng {}

const PREHASH_64: [u8; 64] = [5; 64];
/// [3; 66] is above the P-521 group order (top byte must be <= 0x01): 0x01 then 65 × 0x03.
const P521_KEY: [u8; 66] = {
    let mut k = [3u8; 66];
    k[0] = 1;
    k
};

/// `n` ECDSA P-521 verifications of one signature (made here from a fixed key).
#[no_mangle]
pub extern "C" fn verify_p521(n: u32) -> u32 {
    let Ok(key) = p521::ecdsa::SigningKey::from_slice(&P521_KEY) else {
        return u32::MAX;
    };
    // p521 0.13.3 gates `sign_prehash` on `getrandom` (OsRng) and `verifying_key()` on a
    // feature it does not define; sign with a fixed "RNG" and derive the public key by hand.
    let Ok(signature): Result<p521::ecdsa::Signature, _> =
        key.sign_prehash_with_rng(&mut FixedRng(0x0123_4567_89ab_cdef), &PREHASH_64)
    else {
        return u32::MAX;
    };
    let public = (p521::ProjectivePoint::GENERATOR * *key.as_nonzero_scalar().as_ref()).to_affine();
    let Ok(verifying) = p521::ecdsa::VerifyingKey::from_affine(public) else {
        return u32::MAX;
    };
    (0..n)
        .filter(|_| verifying.verify_prehash(&PREHASH_64, &signature).is_ok())
        .count() as u32
}

/// `n` P-521 field multiplications, chained (p521 0.13 does not export FieldElement; reached
/// through `PrimeCurveParams::FieldElement`).
#[no_mangle]
pub extern "C" fn field_mul_p521(n: u32) -> u32 {
    type Fe = <p521::NistP521 as primeorder::PrimeCurveParams>::FieldElement;
    let mut x = Fe::from(0x1234_5678_9abc_def1u64);
    let y = Fe::from(0x0fed_cba9_8765_4321u64);
    for _ in 0..n {
        x = x * y;
    }
    u32::from(x.to_repr()[65])
}
