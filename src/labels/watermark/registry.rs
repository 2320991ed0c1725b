//! The payloads the open pipelines embed with imwatermark (REFERENCE §3), and how many
//! matching bits make a detection.

use super::imwatermark::{bits_from_votes, block_votes, Method, Plane};

/// A known payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payload {
    /// The family that embeds it, in words.
    pub family: &'static str,
    /// The bits, MSB first, as '0'/'1'.
    pub bits: &'static str,
    /// Fewest matching bits reported as a detection.
    pub min_match: usize,
}

/// "StableDiffusionV1" (136 bits).
const SD1: &str = "0101001101110100011000010110001001101100011001010100010001101001011001100110011001110101011100110110100101101111011011100101011000110001";
/// "SDV2" (32 bits).
const SD2: &str = "01010011010001000101011000110010";
/// 0xB3EC907BB19E (48 bits).
const SDXL: &str = "101100111110110010010000011110111011000110011110";
/// FLUX reference code (46 bits).
const FLUX: &str = "1010101111111010000111100111001111010100101110";
/// "InvokeAI" (64 bits).
const INVOKEAI: &str = "0100100101101110011101100110111101101011011001010100000101001001";

/// Every payload with its detection threshold, set so that chance agreement of random bits
/// stays below about 1 in 10,000 per payload and method (binomial tail): three quarters of the
/// bits for the long marks, 27 of 32 for SD 2.x, 37 of 46 for FLUX; for SDXL, Stability's own
/// "likely" band (34 of 48). To be confirmed on unmarked photos (issue 5).
pub const PAYLOADS: [Payload; 5] = [
    Payload {
        family: "Stable Diffusion 1.x",
        bits: SD1,
        min_match: 102,
    },
    Payload {
        family: "Stable Diffusion 2.x",
        bits: SD2,
        min_match: 27,
    },
    Payload {
        family: "Stable Diffusion XL / Stable Video Diffusion",
        bits: SDXL,
        min_match: 34,
    },
    Payload {
        family: "FLUX",
        bits: FLUX,
        min_match: 37,
    },
    Payload {
        family: "InvokeAI",
        bits: INVOKEAI,
        min_match: 48,
    },
];

/// A payload found in an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The payload found.
    pub payload: Payload,
    /// The method it was read with.
    pub method: Method,
    /// How many of its bits matched.
    pub matching: usize,
}

impl Detection {
    /// The payload's length in bits.
    pub fn length(&self) -> usize {
        self.payload.bits.len()
    }

    /// "very likely" from 36 of 48 bits (Stability's band for the SDXL mark) or the same share
    /// of another payload; "likely" below that.
    pub fn confidence(&self) -> &'static str {
        if self.matching * 48 >= 36 * self.length() {
            "very likely"
        } else {
            "likely"
        }
    }
}

/// Every known payload found in `plane`, best first.
pub fn detect(plane: &Plane) -> Vec<Detection> {
    let mut found = Vec::new();
    for method in [Method::DwtDct, Method::DwtDctSvd] {
        let Some(votes) = block_votes(plane, method) else {
            return found;
        };
        for payload in PAYLOADS {
            let bits = bits_from_votes(&votes, payload.bits.len());
            let matching = bits
                .iter()
                .zip(payload.bits.bytes())
                .filter(|(bit, want)| **bit == (*want == b'1'))
                .count();
            if matching >= payload.min_match {
                found.push(Detection {
                    payload,
                    method,
                    matching,
                });
            }
        }
    }
    found.sort_by(|a, b| (b.matching * a.length()).cmp(&(a.matching * b.length())));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_bits_spell_their_strings() {
        let text = |bits: &str| -> Vec<u8> {
            bits.as_bytes()
                .chunks(8)
                .map(|byte| byte.iter().fold(0u8, |acc, b| acc << 1 | (b - b'0')))
                .collect()
        };
        assert_eq!(text(SD1), b"StableDiffusionV1");
        assert_eq!(text(SD2), b"SDV2");
        assert_eq!(text(SDXL), [0xB3, 0xEC, 0x90, 0x7B, 0xB1, 0x9E]);
        assert_eq!(text(INVOKEAI), b"InvokeAI");
        assert_eq!(FLUX.len(), 46);
    }

    #[test]
    fn a_flat_image_carries_no_mark() {
        let plane = Plane {
            width: 256,
            height: 256,
            samples: vec![128; 256 * 256],
        };
        assert!(detect(&plane).is_empty());
    }
}
