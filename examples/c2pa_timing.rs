//! Times the native check of files with C2PA manifests as the benchmark's page check runs it
//! (metadata only, full C2PA validation, no thumbnails): `cargo run --release --example
//! c2pa_timing -- [--no-memo] [--runs N] FILE...` prints one JSON line a file, with the median
//! milliseconds of N warm runs (the first run, which builds the trust lists, is not counted)
//! the signature checks one validation computes, and the SHA-256 of the report, so that a change of speed can be shown to change no report.

use std::time::Instant;

use sha2::Digest;

fn fail(message: String) -> ! {
    eprintln!("c2pa_timing: {message}");
    std::process::exit(2)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 15usize;
    if args.first().map(String::as_str) == Some("--no-memo") {
        // The SDK as released: every signature check computed (vendor/README.md).
        c2pa::crypto::raw_signature::memo::set_enabled(false);
        args.remove(0);
    }
    if args.first().map(String::as_str) == Some("--runs") {
        runs = args
            .get(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| fail("--runs needs a number".into()));
        args.drain(..2);
    }
    if args.is_empty() {
        fail("usage: c2pa_timing [--no-memo] [--runs N] FILE...".into());
    }
    let options = aigc_label::Options::default();
    for path in &args {
        let bytes = std::fs::read(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
        let checks_before = c2pa::crypto::raw_signature::memo::computed_checks();
        let first = aigc_label::verify(&bytes, &options).to_json();
        let checks = c2pa::crypto::raw_signature::memo::computed_checks() - checks_before;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            let report = aigc_label::verify(&bytes, &options);
            times.push(start.elapsed().as_secs_f64() * 1e3);
            if report.to_json() != first {
                fail(format!("{path}: the report changed between runs"));
            }
        }
        times.sort_by(f64::total_cmp);
        let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
        let digest = sha2::Sha256::digest(first.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        println!("{{\"file\":{path:?},\"bytes\":{},\"runs\":{runs},\"median_ms\":{median:.2},\"signature_checks\":{checks},\"report_sha256\":\"{hex}\"}}", bytes.len());
    }
}
