//! Fuzzes the XMP property reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = aigc_label::xmp::parse(data);
});
