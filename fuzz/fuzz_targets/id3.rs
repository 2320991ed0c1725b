//! Fuzzes the id3 walker (over an in-memory source) and every label interpreter.
#![no_main]

use aigc_label::sniff::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source: &[u8] = data;
    let mut whole = None;
    let scan = aigc_label::container::scan_source(Format::Mp3, &source, &mut whole);
    let _ = aigc_label::labels::interpret(&scan.blocks);
});
