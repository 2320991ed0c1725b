// Operation loops shared by v013/ and v014/ (`include!`d by their lib.rs, so that each is
// compiled against its own crate versions): each runs `n` times and returns a value that
// depends on every result, so that nothing is optimised away; u32::MAX if the setup failed.

/// `n` ECDSA verifications of one signature, made here from a fixed key.
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

/// `n` chained multiplications of field elements of type `$fe`; `$last` is its last repr byte.
macro_rules! field_fn {
    ($name:ident, $fe:ty, $last:expr) => {
        #[no_mangle]
        pub extern "C" fn $name(n: u32) -> u32 {
            let mut x = <$fe>::from(0x1234_5678_9abc_def1u64);
            let y = <$fe>::from(0x0fed_cba9_8765_4321u64);
            for _ in 0..n {
                x *= y;
            }
            u32::from(x.to_repr()[$last])
        }
    };
}
