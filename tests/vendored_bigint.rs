//! The vendored `num-bigint-dig` (vendor/README.md) against plain modular arithmetic: its
//! patched `modpow` takes a square-and-multiply path for exponents of one 64-bit digit, the
//! path every RSA signature check in the C2PA SDK runs through, and must give exactly
//! `base^exponent mod modulus` for moduli of every length, bases below, at and above the
//! modulus, and exponents from 1 to 2^64 - 1. Longer exponents keep the crate's own windowed
//! code and are checked too.
#![cfg(all(feature = "c2pa", not(target_arch = "wasm32")))]

use num_bigint_dig::BigUint;
use num_traits::{One, Zero};

/// A fixed xorshift64* stream: the same numbers every run, no dependency.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number of `digits` 64-bit digits whose top digit is not zero.
    fn big(&mut self, digits: usize) -> BigUint {
        let mut value = BigUint::zero();
        for index in 0..digits {
            let mut digit = self.next();
            if index == 0 && digit == 0 {
                digit = 1;
            }
            value = (value << 64usize) + BigUint::from(digit);
        }
        value
    }
}

/// `base^exponent mod modulus` with only multiplication and remainder, bit by bit.
fn reference_modpow(base: &BigUint, exponent: &BigUint, modulus: &BigUint) -> BigUint {
    let mut result = BigUint::one() % modulus;
    let base = base % modulus;
    for bit in (0..exponent.bits()).rev() {
        result = (&result * &result) % modulus;
        if ((exponent >> bit) & BigUint::one()) == BigUint::one() {
            result = (&result * &base) % modulus;
        }
    }
    result
}

fn check(base: &BigUint, exponent: &BigUint, modulus: &BigUint) {
    assert_eq!(
        base.modpow(exponent, modulus),
        reference_modpow(base, exponent, modulus),
        "{base:x}^{exponent:x} mod {modulus:x}"
    );
}

#[test]
fn one_digit_exponents_match_plain_arithmetic() {
    let mut numbers = Numbers(0x9E37_79B9_7F4A_7C15);
    let fixed = [1u64, 2, 3, 17, 65_537, 1 << 63, u64::MAX];
    for digits in [1, 2, 3, 4, 8, 16, 32, 33, 64] {
        for round in 0..6 {
            let modulus = numbers.big(digits) | BigUint::one();
            let base = match round {
                0 => modulus.clone() - BigUint::one(),
                1 => modulus.clone() + BigUint::from(5u8),
                2 => numbers.big(digits + 1),
                _ => numbers.big(digits) % &modulus,
            };
            for exponent in fixed.iter().copied().chain([numbers.next() | 1]) {
                check(&base, &BigUint::from(exponent), &modulus);
            }
        }
    }
}

#[test]
fn longer_exponents_keep_the_windowed_path() {
    let mut numbers = Numbers(0xD1B5_4A32_D192_ED03);
    for digits in [1, 2, 5, 16] {
        let modulus = numbers.big(digits) | BigUint::one();
        let base = numbers.big(digits) % &modulus;
        for exponent_digits in [2, 3] {
            check(&base, &numbers.big(exponent_digits), &modulus);
        }
    }
}

#[test]
fn edge_cases() {
    let modulus = BigUint::from(0xFFFF_FFFF_FFFF_FFC5u64); // odd, one digit
    check(&BigUint::zero(), &BigUint::from(65_537u32), &modulus);
    check(&BigUint::one(), &BigUint::from(65_537u32), &modulus);
    check(&BigUint::from(7u8), &BigUint::zero(), &modulus);
    check(&BigUint::from(7u8), &BigUint::one(), &BigUint::one());
    // RSA's textbook example: n = 3233, e = 17, m = 65 → c = 2790, and back with d = 2753.
    let n = BigUint::from(3233u32);
    assert_eq!(
        BigUint::from(65u8).modpow(&BigUint::from(17u8), &n),
        BigUint::from(2790u32)
    );
    assert_eq!(
        BigUint::from(2790u32).modpow(&BigUint::from(2753u32), &n),
        BigUint::from(65u8)
    );
}

/// The wasm32 digit product (four 32×32→64 products) equals the `u128` product, at the edges
/// of every half and on a spread of values.
#[test]
fn wide_multiply_by_halves_matches_u128() {
    let edges = [
        0u64,
        1,
        2,
        0xffff_ffff,
        0x1_0000_0000,
        0x1_0000_0001,
        0xffff_ffff_0000_0000,
        0x8000_0000_0000_0000,
        u64::MAX - 1,
        u64::MAX,
    ];
    let mut values = edges.to_vec();
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..200 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        values.push(x);
    }
    for &a in &values {
        for &b in &values {
            assert_eq!(
                num_bigint_dig::wide_mul_by_halves(a, b),
                u128::from(a) * u128::from(b),
                "{a:#x} · {b:#x}"
            );
        }
    }
}
