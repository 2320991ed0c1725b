//! Times the native visible-label check, file → verdict, for bench/ocr.mjs.
//!
//! `ocr_timing MODELS_DIR --serve` loads the OCR models from MODELS_DIR (det.onnx, rec.onnx,
//! dict.txt) once, then checks each path read from a line of standard input and answers with
//! one JSON line: `ocr_ms` (metadata and the visible-label check), `all_ms` (every check the
//! CLI runs by default, the invisible-watermark search included), `verdict` and `text`.

use std::sync::Arc;
use std::time::Instant;

use aigc_label::ocr::Engine;
use aigc_label::{verify, Options};

/// The CLI's allocator, so that this times what `aigc-label check` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load(dir: &str) -> Arc<Engine> {
    let read = |name: &str| std::fs::read(format!("{dir}/{name}")).unwrap_or_default();
    let dictionary = String::from_utf8(read("dict.txt")).unwrap_or_default();
    match Engine::load(read("det.onnx"), read("rec.onnx"), &dictionary) {
        Ok(engine) => Arc::new(engine),
        Err(message) => {
            eprintln!("ocr_timing: {message}");
            std::process::exit(1)
        }
    }
}

/// Milliseconds, verdict and the first label text of one check, the file read included.
fn check(path: &str, options: &Options) -> (f64, String, String) {
    let start = Instant::now();
    let bytes = std::fs::read(path).unwrap_or_default();
    let report = verify(&bytes, options);
    let ms = start.elapsed().as_secs_f64() * 1e3;
    let text = report
        .evidence
        .iter()
        .find_map(|e| e.fields.get("Text").map(str::to_string))
        .unwrap_or_default();
    (ms, report.verdict.as_str().to_string(), text)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, serve] = args.as_slice() else {
        eprintln!("usage: ocr_timing MODELS_DIR --serve");
        std::process::exit(2)
    };
    if serve != "--serve" {
        eprintln!("usage: ocr_timing MODELS_DIR --serve");
        std::process::exit(2)
    }
    let engine = load(dir);
    let mut ocr_only = Options::default().with_visible_labels(engine.clone());
    ocr_only.watermarks = false;
    let all = Options::default()
        .with_watermarks()
        .with_visible_labels(engine);
    for line in std::io::stdin().lines() {
        let Ok(path) = line else { break };
        let (ocr_ms, verdict, text) = check(path.trim(), &ocr_only);
        let (all_ms, _, _) = check(path.trim(), &all);
        println!(
            "{{\"ocr_ms\":{ocr_ms:.3},\"all_ms\":{all_ms:.3},\"verdict\":{verdict:?},\"text\":{text:?}}}"
        );
    }
}
