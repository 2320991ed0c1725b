//! Fuzzes the Gif container walk and every label interpreter over what it finds.
#![no_main]

use aigc_label::sniff::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let scan = aigc_label::container::scan(Format::Gif, data);
    let _ = aigc_label::labels::interpret(&scan.blocks);
});
