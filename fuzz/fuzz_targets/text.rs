//! Fuzzes text verification (front matter YAML included).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = aigc_label::verify_text(&String::from_utf8_lossy(data));
});
