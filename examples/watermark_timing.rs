//! Times the native watermark check, file → verdict: `cargo run --release --example
//! watermark_timing -- FILE [RUNS] [PAUSE_MS]` prints the median and the stages (read, pixel
//! decode, search) in milliseconds, as one JSON line for bench/watermark.mjs. With PAUSE_MS,
//! each check comes after that long idle, as the page's checks do in the benchmark.

use aigc_label::labels::watermark::{find, pixels};
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

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        eprintln!("usage: watermark_timing FILE [RUNS]");
        std::process::exit(2)
    });
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let pause: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let options = Options::default().with_watermarks();
    let (mut total, mut decode, mut search) = (Vec::new(), Vec::new(), Vec::new());
    let mut verdict = String::new();
    for _ in 0..runs {
        std::thread::sleep(std::time::Duration::from_millis(pause));
        let start = Instant::now();
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("cannot read {path}");
            std::process::exit(1)
        };
        let report = verify(&bytes, &options);
        total.push(start.elapsed().as_secs_f64() * 1e3);
        verdict = format!("{:?}", report.verdict);
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
