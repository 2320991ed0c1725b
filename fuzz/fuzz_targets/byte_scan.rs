//! Fuzzes the last-resort GB 45438 byte scan: the input follows a PNG signature and an IHDR
//! chunk, so no reader finds a label and the scan reads every byte.
#![no_main]

use aigc_label::{verify, Options};
use libfuzzer_sys::fuzz_target;

const PNG_HEAD: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";

fuzz_target!(|data: &[u8]| {
    let mut file = PNG_HEAD.to_vec();
    file.extend_from_slice(data);
    let _ = verify(&file, &Options::default());
});
