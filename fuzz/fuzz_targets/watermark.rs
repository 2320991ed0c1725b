//! Fuzzes the watermark check in parts small enough to run hundreds of times a second (the
//! whole check on a large image costs tens of milliseconds under the sanitiser, too slow to
//! explore): pixel decoding of whatever image the bytes claim to be, within the size bounds;
//! the search at the decoded size when the image is small; the search over pixels made from
//! the bytes at sizes from 8×8 to 263×263; the choice of generation sizes for any size and a
//! resize to the nearest small one.
#![no_main]

use aigc_label::labels::watermark::registry;
use aigc_label::pixels;
use aigc_label::sniff::sniff;
use libfuzzer_sys::fuzz_target;

/// Images up to this many pixels are searched at their decoded size.
const SEARCHED_PIXELS: usize = 256 * 256;

fuzz_target!(|data: &[u8]| {
    if let Some(format) = sniff(data) {
        if let Ok(rgb) = pixels::decode(&data, format) {
            if rgb.width * rgb.height <= SEARCHED_PIXELS {
                let _ = registry::detect(&rgb.data, rgb.width, rgb.height);
            }
        }
    }
    if let [w, h, rest @ ..] = data {
        if !rest.is_empty() {
            let (width, height) = (8 + usize::from(*w), 8 + usize::from(*h));
            let data: Vec<u8> = rest.iter().copied().cycle().take(width * height * 3).collect();
            let _ = registry::detect(&data, width, height);
            let _ = registry::sizes_to_try(width * 8, height * 8);
            let rgb = pixels::Rgb { width, height, data };
            let _ = pixels::resize(&rgb, width / 2 + 1, height + 3);
        }
    }
});
