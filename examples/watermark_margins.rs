//! Measures the watermark thresholds against unmarked images: for every reading and payload,
//! the most bits any of the images agrees with by chance, beside the threshold.
//!
//! `cargo run --release --example watermark_margins -- DIR_OR_FILE...` (PNG, JPEG, WebP, GIF).
//! The "False positives" table of docs/watermarks.md comes from this over `tests/fixtures/watermark/unmarked`
//! and the larger sets named there. Also tries the resized readings the size search would.

use aigc_label::labels::watermark::registry::{agreement, sizes_to_try, ATTEMPTS, PAYLOADS};
use aigc_label::pixels::{decode, resize};
use aigc_label::sniff::sniff;

fn files(paths: &[String]) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        let path = std::path::PathBuf::from(path);
        match std::fs::read_dir(&path) {
            Ok(entries) => out.extend(entries.filter_map(|e| e.ok().map(|e| e.path()))),
            Err(_) => out.push(path),
        }
    }
    out.sort();
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // worst[attempt][payload] = (matching bits, image)
    let mut worst = vec![vec![(0usize, String::new()); PAYLOADS.len()]; ATTEMPTS.len()];
    let (mut images, mut readings) = (0, 0);
    for path in files(&args) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Some(format) = sniff(&bytes) else {
            continue;
        };
        let Ok(rgb) = decode(&bytes.as_slice(), format) else {
            continue;
        };
        images += 1;
        let mut variants = vec![(rgb.width, rgb.height, rgb.data.clone(), String::new())];
        for (w, h) in sizes_to_try(rgb.width, rgb.height) {
            if let Some(resized) = resize(&rgb, w, h) {
                variants.push((w, h, resized.data, format!(" at {w}x{h}")));
            }
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (w, h, data, suffix) in variants {
            let table = agreement(&data, w, h);
            if table.is_empty() {
                continue;
            }
            readings += 1;
            for (row, worst_row) in table.iter().zip(worst.iter_mut()) {
                for (&matching, cell) in row.iter().zip(worst_row.iter_mut()) {
                    if matching > cell.0 {
                        *cell = (matching, format!("{name}{suffix}"));
                    }
                }
            }
        }
    }
    println!("{images} unmarked images, {readings} readings (own size + sizes the search tries)\n");
    println!(
        "| reading | payload | most bits matching by chance | threshold | margin | worst image |"
    );
    println!("|---|---|---|---|---|---|");
    for (attempt, row) in ATTEMPTS.iter().zip(&worst) {
        let reading = format!(
            "{}{} {:?}",
            if attempt.input.float {
                "float"
            } else {
                "8-bit"
            },
            if attempt.input.swapped {
                " R/B swapped"
            } else {
                ""
            },
            attempt.method
        );
        for (payload, (matching, image)) in PAYLOADS.iter().zip(row) {
            let length = payload.bits.len();
            println!(
                "| {reading} | {} | {matching}/{length} | {} | {} | {image} |",
                payload.family,
                payload.min_match,
                payload.min_match as i64 - *matching as i64
            );
        }
    }
}
