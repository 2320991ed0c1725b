//! Fuzzes the watermark check: pixel decoding of whatever image the bytes claim to be (within
//! the size bounds), and the search — every reading and the resize to generation sizes — over
//! pixels made from the bytes, at sizes from 256×256 to 511×511.
#![no_main]

use aigc_label::labels::watermark::{find, pixels::Rgb};
use aigc_label::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = aigc_label::verify(data, &Options::default().with_watermarks());
    if let [w, h, rest @ ..] = data {
        if !rest.is_empty() {
            let (width, height) = (256 + usize::from(*w), 256 + usize::from(*h));
            let data = rest.iter().copied().cycle().take(width * height * 3).collect();
            let _ = find(&Rgb {
                width,
                height,
                data,
            });
        }
    }
});
