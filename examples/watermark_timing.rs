//! Times the native watermark check, file → verdict, for bench/watermark.mjs.
//!
//! - `watermark_timing FILE [RUNS] [PAUSE_MS]` checks FILE RUNS times (after PAUSE_MS idle each
//!   when given) and prints the medians of the whole check and of its stages (pixel decode,
//!   search) in milliseconds, as one JSON line.
//! - `watermark_timing --serve` checks each path read from a line of standard input once and
//!   answers with one JSON line (`total_ms`, `verdict`): the benchmark interleaves these checks
//!   with the page's and the reference's, so that all three meet the machine in the same state.

use aigc_label::labels::watermark::find;
use aigc_label::pixels;
use aigc_label::sniff::sniff;
use aigc_label::{verify, Options};
use std::time::Instant;

/// The CLI's allocator, so that this times what `aigc-label check --watermarks` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// One check of the file at `path`, file read included: (milliseconds, verdict, the file's
/// bytes).
fn check(path: &str, options: &Options) -> (f64, String, Vec<u8>) {
    let start = Instant::now();
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("cannot read {path}");
        std::process::exit(1)
    };
    let report = verify(&bytes, options);
    let ms = start.elapsed().as_secs_f64() * 1e3;
    (ms, format!("{:?}", report.verdict), bytes)
}

/// Answers each path on standard input with one timed check, until the input ends.
fn serve(options: &Options) {
    for line in std::io::stdin().lines() {
        let Ok(path) = line else { break };
        let (ms, verdict, _) = check(path.trim(), options);
        println!("{{\"total_ms\":{ms:.3},\"verdict\":{verdict:?}}}");
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        eprintln!("usage: watermark_timing FILE [RUNS [PAUSE_MS]] | watermark_timing --serve");
        std::process::exit(2)
    });
    if path == "--serve" {
        serve(&Options::default().with_watermarks());
        return;
    }
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let pause: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let options = Options::default().with_watermarks();
    let (mut total, mut decode, mut search) = (Vec::new(), Vec::new(), Vec::new());
    let mut verdict = String::new();
    for _ in 0..runs {
        std::thread::sleep(std::time::Duration::from_millis(pause));
        let (ms, checked, bytes) = check(&path, &options);
        total.push(ms);
        verdict = checked;
        let Some(format) = sniff(&bytes) else {
            continue;
        };
        let start = Instant::now();
        let Ok(rgb) = pixels::decode(&bytes.as_slice(), format) else {
            continue;
        };
        decode.push(start.elapsed().as_secs_f64() * 1e3);
        let start = Instant::now();
        let _ = find(&rgb);
        search.push(start.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "{{\"file\":{:?},\"verdict\":{:?},\"runs\":{runs},\"total_ms\":{:.2},\"decode_ms\":{:.2},\"search_ms\":{:.2}}}",
        path,
        verdict,
        median(total),
        median(decode),
        median(search)
    );
}
