//! Times the native text check on a file: `cargo run --release --example text_timing -- FILE
//! [RUNS]` prints one JSON line (median milliseconds and MB/s, read and UTF-8 check included)
//! for bench/text.mjs.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: text_timing FILE [RUNS]");
        std::process::exit(2)
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let mut times = Vec::new();
    let (mut size, mut verdict, mut evidence) = (0, String::new(), 0);
    for _ in 0..runs {
        let start = Instant::now();
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("cannot read {path}");
            std::process::exit(1)
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            eprintln!("{path} is not UTF-8");
            std::process::exit(1)
        };
        let report = aigc_label::verify_text(text);
        times.push(start.elapsed().as_secs_f64() * 1e3);
        size = bytes.len();
        verdict = format!("{:?}", report.verdict);
        evidence = report.evidence.len();
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    println!(
        "{{\"file\":{path:?},\"bytes\":{size},\"runs\":{runs},\"median_ms\":{median:.1},\"mb_per_s\":{:.1},\"verdict\":{verdict:?},\"evidence\":{evidence}}}",
        size as f64 / 1e6 / (median / 1e3)
    );
}
