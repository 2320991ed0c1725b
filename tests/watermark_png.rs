//! The watermark check reads PNG pixels with the `png` crate directly (to skip its checksums)
//! and converts them to 8-bit RGB itself: every PNG colour type and bit depth, made by an
//! independent encoder (`tests/fixtures/watermark/make_png_kinds.py`, pypng), must give the
//! pixels the `image` crate's `into_rgb8` gives.
#![cfg(feature = "watermark")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use aigc_label::pixels;
use aigc_label::sniff::Format;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/watermark/png-kinds"
);

fn decode(bytes: &[u8]) -> Result<pixels::Rgb, String> {
    pixels::decode(&bytes, Format::Png)
}

#[test]
fn every_colour_type_and_bit_depth_decodes_as_the_image_crate_does() {
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".png"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 19, "{names:?}");
    for name in names {
        let bytes = std::fs::read(format!("{DIR}/{name}")).unwrap();
        let ours = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let theirs = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
            .unwrap()
            .into_rgb8();
        assert_eq!((ours.width, ours.height), (37, 23), "{name}");
        assert!(
            ours.data == theirs.as_raw().as_slice(),
            "{name}: pixels differ"
        );
    }
}

#[test]
fn sixteen_bit_samples_round_to_the_nearest_eight_bit_value() {
    // make_png_kinds.py: sample(x, y, c) = (7x + 13y + 29c + xy) mod 2^bits.
    let rgb = decode(&std::fs::read(format!("{DIR}/rgb-16.png")).unwrap()).unwrap();
    let (x, y) = (36usize, 22usize);
    for c in 0..3 {
        let wide = (7 * x + 13 * y + 29 * c + x * y) % 65536;
        let expected = ((wide as f64) * 255.0 / 65535.0).round() as u8;
        assert_eq!(rgb.data[(y * 37 + x) * 3 + c], expected, "channel {c}");
    }
}

#[test]
fn grey_and_palette_pixels_become_rgb() {
    let grey = decode(&std::fs::read(format!("{DIR}/gray-8.png")).unwrap()).unwrap();
    // Pixel (3, 1): 7·3 + 13·1 + 3·1 = 37.
    assert_eq!(grey.data[(37 + 3) * 3..(37 + 3) * 3 + 3], [37, 37, 37]);
    let palette = decode(&std::fs::read(format!("{DIR}/palette-4.png")).unwrap()).unwrap();
    // Pixel (2, 0): index 14; colour (14·67, 14·151, 14·29 + 80), each mod 256.
    assert_eq!(palette.data[6..9], [170, 66, 230]);
}

/// Where the body of the first `kind` chunk of a PNG starts, and its length.
fn first_chunk(bytes: &[u8], kind: &[u8; 4]) -> (usize, usize) {
    let mut at = 8;
    loop {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        if &bytes[at + 4..at + 8] == kind {
            return (at + 8, len);
        }
        at += 12 + len;
    }
}

#[test]
fn a_wrong_idat_crc_still_decodes_but_damaged_data_is_an_error() {
    let bytes = std::fs::read(format!("{DIR}/rgb-8.png")).unwrap();
    let clean = decode(&bytes).unwrap();
    let (body, len) = first_chunk(&bytes, b"IDAT");
    // Flip the IDAT's CRC: the pixels are the same (checksums are not checked).
    let mut wrong_crc = bytes.clone();
    wrong_crc[body + len] ^= 0xff;
    assert!(decode(&wrong_crc).unwrap().data == clean.data);
    // Damage the deflate stream itself: an error, not made-up pixels.
    let mut damaged = bytes.clone();
    damaged[body + 2..body + 4].fill(0xff);
    let error = decode(&damaged).err().expect("damaged IDAT decoded");
    assert!(error.starts_with("pixels: "), "{error}");
}

#[test]
fn every_truncation_is_an_error_not_a_panic() {
    let bytes = std::fs::read(format!("{DIR}/rgba-16-interlaced.png")).unwrap();
    for len in 0..bytes.len() - 12 {
        let error = decode(&bytes[..len]).err();
        assert!(error.is_some(), "{len} bytes decoded");
    }
}
