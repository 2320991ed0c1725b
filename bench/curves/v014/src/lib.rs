//! Operation loops (0.14 crates): each runs `n` times and returns a value that depends on every
//! result. No imports, so node can instantiate the wasm as it is. FieldElement is not exported by
//! the 0.14 crates, so it is reached through `primeorder::PrimeCurveParams::FieldElement`.
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::elliptic_curve::ff::PrimeField;

const PREHASH_32: [u8; 32] = [7; 32];
const PREHASH_48: [u8; 48] = [9; 48];
const PREHASH_64: [u8; 64] = [5; 64];
/// [3; 66] is above the P-521 group order: 0x01 then 65 × 0x03.
const P521_KEY: [u8; 66] = {
    let mut k = [3u8; 66];
    k[0] = 1;
    k
};

macro_rules! verify_fn {
    ($name:ident, $krate:ident, $key:expr, $prehash:expr) => {
        #[no_mangle]
        pub extern "C" fn $name(n: u32) -> u32 {
            let Ok(key) = $krate::ecdsa::SigningKey::from_slice(&$key) else {
                return u32::MAX;
            };
            let Ok(signature): Result<$krate::ecdsa::Signature, _> = key.sign_prehash(&$prehash)
            else {
                return u32::MAX;
            };
            let verifying = key.verifying_key();
            (0..n)
                .filter(|_| verifying.verify_prehash(&$prehash, &signature).is_ok())
                .count() as u32
        }
    };
}
verify_fn!(verify_p521, p521, P521_KEY, PREHASH_64);
verify_fn!(verify_p384, p384, [3u8; 48], PREHASH_48);
verify_fn!(verify_p256, p256, [3u8; 32], PREHASH_32);

macro_rules! field_fn {
    ($name:ident, $curve:ty, $last:expr) => {
        #[no_mangle]
        pub extern "C" fn $name(n: u32) -> u32 {
            type Fe = <$curve as p256::elliptic_curve::hazmat::FieldArithmetic>::FieldElement;
            let mut x = Fe::from(0x1234_5678_9abc_def1u64);
            let y = Fe::from(0x0fed_cba9_8765_4321u64);
            for _ in 0..n {
                x = x * y;
            }
            u32::from(x.to_repr()[$last])
        }
    };
}
field_fn!(field_mul_p521, p521::NistP521, 65);
field_fn!(field_mul_p384, p384::NistP384, 47);
field_fn!(field_mul_p256, p256::NistP256, 31);
