//! bench/curves.sh on the 0.14 crates (what vendor/c2pa verifies with). Exported without
//! wasm-bindgen (no imports), so that node can instantiate the wasm as it is. FieldElement is
//! not exported by the 0.14 crates: it is reached through `FieldArithmetic::FieldElement`.
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::elliptic_curve::ff::PrimeField;
use p256::elliptic_curve::hazmat::FieldArithmetic;

include!("../../loops.rs");

const PREHASH_32: [u8; 32] = [7; 32];
const PREHASH_48: [u8; 48] = [9; 48];
const PREHASH_64: [u8; 64] = [5; 64];
/// [3; 66] is above the P-521 group order: 0x01 then 65 × 0x03.
const P521_KEY: [u8; 66] = {
    let mut k = [3u8; 66];
    k[0] = 1;
    k
};

verify_fn!(verify_p521, p521, P521_KEY, PREHASH_64);
verify_fn!(verify_p384, p384, [3u8; 48], PREHASH_48);
verify_fn!(verify_p256, p256, [3u8; 32], PREHASH_32);

field_fn!(
    field_mul_p521,
    <p521::NistP521 as FieldArithmetic>::FieldElement,
    65
);
field_fn!(
    field_mul_p384,
    <p384::NistP384 as FieldArithmetic>::FieldElement,
    47
);
field_fn!(
    field_mul_p256,
    <p256::NistP256 as FieldArithmetic>::FieldElement,
    31
);
