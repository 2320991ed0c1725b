//! bench/curves.sh on the 0.13 crates (the C2PA SDK's own). Exported without wasm-bindgen (no
//! imports), so that node can instantiate the wasm as it is. Field elements are reached through
//! `PrimeCurveParams::FieldElement` (p521 0.13 does not export its FieldElement).
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::elliptic_curve::ff::PrimeField;
use p521::ecdsa::signature::hazmat::RandomizedPrehashSigner;
use primeorder::PrimeCurveParams;

include!("../../loops.rs");

const PREHASH_32: [u8; 32] = [7; 32];
const PREHASH_48: [u8; 48] = [9; 48];

verify_fn!(verify_p384, p384, [3u8; 48], PREHASH_48);
verify_fn!(verify_p256, p256, [3u8; 32], PREHASH_32);

field_fn!(
    field_mul_p521,
    <p521::NistP521 as PrimeCurveParams>::FieldElement,
    65
);
field_fn!(
    field_mul_p384,
    <p384::NistP384 as PrimeCurveParams>::FieldElement,
    47
);
field_fn!(
    field_mul_p256,
    <p256::NistP256 as PrimeCurveParams>::FieldElement,
    31
);

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
