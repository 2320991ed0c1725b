//! The payloads the open pipelines embed with imwatermark (docs/REFERENCE.md §3), and how many
//! matching bits make a detection.

use super::imwatermark::{bits_from_votes, block_votes, low_band, Band, Input, Method};

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

/// Every payload with its detection threshold: the fewest matching bits that random bits reach
/// with probability at most 10⁻⁵ (binomial tail, p = ½). An image is read up to 100 ways (five
/// readings of [`ATTEMPTS`], at its own size and up to three generation sizes, against five
/// payloads), so chance alone flags fewer than 1 image in 1,000; measured on unmarked photos,
/// the most bits any reading matched stays at least 5 below every threshold
/// (docs/watermarks.md, "False positives"). Stability's own bands for the SDXL mark (34–35 likely, ≥ 36 very likely) are
/// for a single reading and would flag unmarked photos here.
pub const PAYLOADS: [Payload; 5] = [
    Payload {
        family: "Stable Diffusion 1.x",
        bits: SD1,
        min_match: 94,
    },
    Payload {
        family: "Stable Diffusion 2.x",
        bits: SD2,
        min_match: 28,
    },
    Payload {
        family: "Stable Diffusion XL / Stable Video Diffusion",
        bits: SDXL,
        min_match: 39,
    },
    Payload {
        family: "FLUX",
        bits: FLUX,
        min_match: 38,
    },
    Payload {
        family: "InvokeAI",
        bits: INVOKEAI,
        min_match: 50,
    },
];

/// One way of reading the mark: how the encoder was handed the pixels, and the method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// The pixel hand-over the encoder saw.
    pub input: Input,
    /// The embedding method.
    pub method: Method,
}

const fn attempt(float: bool, swapped: bool, method: Method) -> Attempt {
    Attempt {
        input: Input { float, swapped },
        method,
    }
}

/// Every reading tried, most common first: the reference's own (8-bit BGR, both methods), then
/// the hand-overs of the float pipelines (diffusers, generative-models, FLUX; dwtDct is the
/// only method they use) with and without the R/B swap of diffusers before 0.28. Each extra
/// reading is one more chance for unmarked pixels to match by accident; the thresholds above
/// hold for all of them together (docs/watermarks.md, "False positives").
pub const ATTEMPTS: [Attempt; 5] = [
    attempt(false, false, Method::DwtDct),
    attempt(false, false, Method::DwtDctSvd),
    attempt(true, false, Method::DwtDct),
    attempt(true, true, Method::DwtDct),
    attempt(false, true, Method::DwtDct),
];

/// A payload found in an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The payload found.
    pub payload: Payload,
    /// How it was read.
    pub attempt: Attempt,
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

    /// Whether `self` agrees more closely with its payload than `other` with its own.
    fn beats(&self, other: &Detection) -> bool {
        self.matching * other.length() > other.matching * self.length()
    }
}

/// How many bits of `payload` the votes give right.
fn matching_bits(votes: &[bool], payload: &Payload) -> usize {
    bits_from_votes(votes, payload.bits.len())
        .iter()
        .zip(payload.bits.bytes())
        .filter(|(bit, want)| **bit == (*want == b'1'))
        .count()
}

/// For every attempt in the order of [`ATTEMPTS`], lazily: how many bits of each payload (in
/// the order of [`PAYLOADS`]) match in the RGB pixels. Empty for images under 256×256 pixels
/// or when `rgb` is not `width * height * 3` bytes.
pub fn readings(
    rgb: &[u8],
    width: usize,
    height: usize,
) -> impl Iterator<Item = (Attempt, [usize; 5])> + '_ {
    let mut band: Option<(Input, Band)> = None;
    ATTEMPTS.into_iter().map_while(move |attempt| {
        if band.as_ref().map(|(input, _)| *input) != Some(attempt.input) {
            band = Some((attempt.input, low_band(rgb, width, height, attempt.input)?));
        }
        let votes = block_votes(&band.as_ref()?.1, attempt.method);
        let mut row = [0; 5];
        for (cell, payload) in row.iter_mut().zip(&PAYLOADS) {
            *cell = matching_bits(&votes, payload);
        }
        Some((attempt, row))
    })
}

/// Every reading's matching bits (see [`readings`]): what the thresholds are measured
/// against.
pub fn agreement(rgb: &[u8], width: usize, height: usize) -> Vec<[usize; 5]> {
    readings(rgb, width, height).map(|(_, row)| row).collect()
}

/// The best detection of the first reading, in the order of [`ATTEMPTS`], where any payload
/// reaches its threshold: later readings are not computed once one has found a mark.
pub fn detect(rgb: &[u8], width: usize, height: usize) -> Option<Detection> {
    readings(rgb, width, height).find_map(|(attempt, row)| {
        let mut best: Option<Detection> = None;
        for (payload, &matching) in PAYLOADS.iter().zip(&row) {
            let detection = Detection {
                payload: *payload,
                attempt,
                matching,
            };
            if matching >= payload.min_match && best.as_ref().is_none_or(|b| detection.beats(b)) {
                best = Some(detection);
            }
        }
        best
    })
}

/// The sizes (width, height) open pipelines generate at: 512², 768² and 1024² (SD 1.x, 2.x,
/// SDXL), SD's 512×768, the SDXL aspect buckets, and FLUX's reference default 1360×768.
pub const GENERATION_SIZES: [(usize, usize); 20] = [
    (512, 512),
    (768, 768),
    (1024, 1024),
    (512, 768),
    (768, 512),
    (1152, 896),
    (896, 1152),
    (1216, 832),
    (832, 1216),
    (1344, 768),
    (768, 1344),
    (1536, 640),
    (640, 1536),
    (1360, 768),
    (768, 1360),
    (1024, 768),
    (768, 1024),
    (1536, 1536),
    (2048, 2048),
    (1280, 1280),
];

/// At most this many sizes are tried for one image.
const MAX_SIZES_TRIED: usize = 3;

/// An image is not resized back to a generation size more than twice its width (a quarter of
/// its area). The mark lives in 8×8-pixel blocks and is already lost after a downscale to
/// 0.8–0.9 (docs/watermarks.md), so nothing comes back from half the size, and upscaling
/// every small image cost 100–400 ms.
const MIN_AREA_RATIO: f64 = 0.25;

/// The generation sizes an image of `width` × `height` may have been resized from: none when
/// it is at a generation size already; else those of the same aspect ratio (within 2%) and at
/// most twice as wide ([`MIN_AREA_RATIO`]), nearest in area first, at most [`MAX_SIZES_TRIED`].
pub fn sizes_to_try(width: usize, height: usize) -> Vec<(usize, usize)> {
    if width == 0 || height == 0 || GENERATION_SIZES.contains(&(width, height)) {
        return Vec::new();
    }
    let aspect = width as f64 / height as f64;
    let area = (width as f64) * (height as f64);
    let mut sizes: Vec<(usize, usize)> = GENERATION_SIZES
        .iter()
        .copied()
        .filter(|&(w, h)| ((w as f64 / h as f64) / aspect - 1.0).abs() <= 0.02)
        .filter(|&(w, h)| area / (w * h) as f64 >= MIN_AREA_RATIO)
        .collect();
    let distance = |&(w, h): &(usize, usize)| ((w * h) as f64 / area).ln().abs();
    sizes.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    sizes.truncate(MAX_SIZES_TRIED);
    sizes
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
        for grey in [0u8, 128, 255] {
            assert_eq!(detect(&vec![grey; 256 * 256 * 3], 256, 256), None);
        }
        assert_eq!(detect(&[0; 255 * 256 * 3], 255, 256), None);
        assert_eq!(detect(&[0; 10], 256, 256), None);
    }

    #[test]
    fn sizes_to_try_keep_the_shape_and_start_nearest() {
        assert_eq!(sizes_to_try(1024, 1024), []);
        assert_eq!(sizes_to_try(832, 1216), []);
        assert_eq!(
            sizes_to_try(800, 800),
            [(768, 768), (1024, 1024), (512, 512)]
        );
        assert_eq!(sizes_to_try(600, 900), [(512, 768)]);
        // Not from more than twice the width: a 64×64 icon is not upscaled at all.
        assert_eq!(sizes_to_try(64, 64), []);
        assert_eq!(sizes_to_try(300, 300), [(512, 512)]);
        assert_eq!(sizes_to_try(400, 400), [(512, 512), (768, 768)]);
        assert_eq!(sizes_to_try(512, 512), []);
        // The page's warm-up image (js/warm-up.js) must go through the size search.
        assert_eq!(sizes_to_try(256, 384), [(512, 768)]);
        assert_eq!(sizes_to_try(1000, 300), []);
        assert_eq!(sizes_to_try(0, 300), []);
    }
}
