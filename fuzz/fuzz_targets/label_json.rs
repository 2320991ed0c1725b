//! Fuzzes GB 45438 label validation on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut evidence = vec![
        aigc_label::labels::tc260::evaluate(&text, "fuzz".into()),
        aigc_label::labels::tc260::evaluate(&text, "fuzz".into()),
    ];
    aigc_label::labels::tc260::enforce_single_label(&mut evidence);
});
