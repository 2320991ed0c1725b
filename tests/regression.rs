//! Inputs found by fuzzing (`fuzz/run.sh`, minimised with `cargo fuzz cmin`), kept as
//! regression cases in `tests/fixtures/regression/<target>.zip`: each is replayed through
//! the same entry point as its fuzz target and must give an answer without panicking.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::Read;
use std::path::Path;

use aigc_label::sniff::Format;
use aigc_label::{container, labels, verify, verify_text, xmp, Options};

/// Runs one input as the fuzz target `target` does; returns how many blocks it found.
fn replay(target: &str, data: &[u8]) -> usize {
    let format = match target {
        "png" => Format::Png,
        "jpeg" => Format::Jpeg,
        "webp" => Format::Webp,
        "gif" => Format::Gif,
        "tiff" => Format::Tiff,
        "bmff" => Format::Mp4,
        "riff" => Format::Wav,
        "id3" => Format::Mp3,
        "flac" => Format::Flac,
        "ogg" => Format::Ogg,
        "matroska" => Format::Mkv,
        "flv" => Format::Flv,
        "pdf" => Format::Pdf,
        "ooxml" => Format::Zip,
        "xmp" => return xmp::parse(data).values.len(),
        "label_json" => {
            return labels::tc260::evaluate(&String::from_utf8_lossy(data), "x".into())
                .checks
                .len()
        }
        "text" => return verify_text(&String::from_utf8_lossy(data)).evidence.len(),
        "watermark" => return replay_watermark(data),
        other => panic!("unknown fuzz target {other}"),
    };
    let source: &[u8] = data;
    let mut whole = None;
    let scan = container::scan_source(format, &source, &mut whole);
    let found = labels::interpret(&scan.blocks);
    let report = verify(data, &Options::default());
    assert!(!report.summary.en.is_empty());
    scan.blocks.len() + found.evidence.len()
}

/// The `watermark` target: pixel decoding, the search at the decoded size for small images,
/// the search over pixels made from the bytes, the generation sizes and a resize; then, beyond
/// the target, the whole check on the bytes.
#[cfg(feature = "watermark")]
fn replay_watermark(data: &[u8]) -> usize {
    use aigc_label::labels::watermark::registry;
    use aigc_label::pixels;
    let mut found = 0;
    if let Some(format) = aigc_label::sniff::sniff(data) {
        if let Ok(rgb) = pixels::decode(&data, format) {
            if rgb.width * rgb.height <= 256 * 256 {
                found += usize::from(registry::detect(&rgb.data, rgb.width, rgb.height).is_some());
            }
        }
    }
    if let [w, h, rest @ ..] = data {
        if !rest.is_empty() {
            let (width, height) = (8 + usize::from(*w), 8 + usize::from(*h));
            let data: Vec<u8> = rest
                .iter()
                .copied()
                .cycle()
                .take(width * height * 3)
                .collect();
            found += usize::from(registry::detect(&data, width, height).is_some());
            let _ = registry::sizes_to_try(width * 8, height * 8);
            let rgb = pixels::Rgb {
                width,
                height,
                data,
            };
            let _ = pixels::resize(&rgb, width / 2 + 1, height + 3);
        }
    }
    found
        + verify(data, &Options::default().with_watermarks())
            .evidence
            .len()
}

/// Without the watermark check there is nothing to replay.
#[cfg(not(feature = "watermark"))]
fn replay_watermark(_: &[u8]) -> usize {
    0
}

#[test]
fn every_fuzz_corpus_input_replays_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regression");
    let mut targets = 0;
    let mut inputs = 0;
    let mut with_blocks = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        let Some(target) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".zip"))
        else {
            continue;
        };
        targets += 1;
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        for index in 0..archive.len() {
            let mut file = archive.by_index(index).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            inputs += 1;
            if replay(target, &data) > 0 {
                with_blocks += 1;
            }
        }
    }
    assert_eq!(targets, 18, "one corpus per fuzz target");
    assert!(inputs > 10_000, "only {inputs} inputs");
    // The corpora are coverage-guided: many inputs reach deep enough to yield metadata.
    assert!(
        with_blocks > inputs / 4,
        "{with_blocks} of {inputs} inputs yielded anything"
    );
}
