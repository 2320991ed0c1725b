//! The visible-label check's shared test code (native `tests/visible.rs` and Chromium
//! `tests/web.rs`): the OCR models, built in from models/ (run scripts/models.sh first), and the
//! vendor images with their metadata stripped, so that only the pixels can carry the label.
#![allow(clippy::indexing_slicing, clippy::unwrap_used, dead_code)]

use std::sync::Arc;

use aigc_label::ocr::Engine;
use aigc_label::{verify, Options, Report};

const DETECTOR: &[u8] = include_bytes!("../../models/ppocrv6-tiny/det.onnx");
const RECOGNISER: &[u8] = include_bytes!("../../models/ppocrv6-tiny/rec.onnx");
const DICTIONARY: &str = include_str!("../../models/ppocrv6-tiny/dict.txt");

/// The PP-OCRv6 tiny engine.
pub fn engine() -> Arc<Engine> {
    Arc::new(Engine::load(DETECTOR.to_vec(), RECOGNISER.to_vec(), DICTIONARY).unwrap())
}

/// Options with every pixel check on, as the page and the CLI run them.
pub fn options(engine: &Arc<Engine>) -> Options {
    Options::default()
        .with_watermarks()
        .with_visible_labels(engine.clone())
}

/// The PNG with only its critical chunks (IHDR, PLTE, IDAT, IEND): no text, XMP or C2PA.
pub fn strip_png_metadata(png: &[u8]) -> Vec<u8> {
    let mut out = png[..8].to_vec();
    let mut at = 8;
    while at + 12 <= png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        let end = at + 12 + length;
        if [&b"IHDR"[..], b"PLTE", b"IDAT", b"IEND"].contains(&kind) {
            out.extend_from_slice(&png[at..end]);
        }
        at = end;
    }
    out
}

pub const DOUBAO: &[u8] = include_bytes!("../fixtures/corpus/doubao_black_1x1_1.png");
pub const JIMENG: &[u8] = include_bytes!("../fixtures/corpus/jimeng_cap_A.png");

/// The one explicit_image_label evidence of a report, as (text, position, height %).
pub fn the_label(report: &Report) -> (String, String, f32) {
    let labels: Vec<_> = report
        .evidence
        .iter()
        .filter(|e| e.kind.as_str() == "explicit_image_label")
        .collect();
    assert_eq!(labels.len(), 1, "{:?}", report.evidence);
    let fields = &labels[0].fields;
    (
        fields.get("Text").unwrap().to_string(),
        fields.get("Position").unwrap().to_string(),
        fields.get("HeightPercent").unwrap().parse().unwrap(),
    )
}

/// Doubao's mark, from the pixels alone: a full label, 3.4 % tall, so the advisory size check
/// fails and the verdict is still ai_labeled.
pub fn doubao_is_labelled_by_its_pixels(engine: &Arc<Engine>) {
    let stripped = strip_png_metadata(DOUBAO);
    assert!(stripped.len() < DOUBAO.len());
    assert_eq!(
        verify(&stripped, &Options::default()).verdict.as_str(),
        "no_label"
    );
    let report = verify(&stripped, &options(engine));
    assert_eq!(report.verdict.as_str(), "ai_labeled", "{report:?}");
    let (text, position, height) = the_label(&report);
    assert_eq!(
        (text.as_str(), position.as_str()),
        ("豆包AI生成", "bottom-right corner")
    );
    assert!((height - 3.4).abs() <= 0.2, "{height}");
    let size = report.evidence[0]
        .checks
        .iter()
        .find(|c| c.id == "explicit_image.size")
        .unwrap();
    assert!(!size.ok && size.advisory, "{size:?}");
    assert!(
        size.message.contains("1.6 points below the 5 %"),
        "{}",
        size.message
    );
    assert_eq!(
        report.summary.en,
        "Carries a valid AI-generated label (visible label in the picture)."
    );
}

/// Jimeng's mark, from the pixels alone: the AI element without the generation element.
pub fn jimeng_is_half_a_label(engine: &Arc<Engine>) {
    let report = verify(&strip_png_metadata(JIMENG), &options(engine));
    assert_eq!(report.verdict.as_str(), "invalid_label", "{report:?}");
    let (text, position, _) = the_label(&report);
    assert_eq!(
        (text.as_str(), position.as_str()),
        ("即梦AI", "bottom-right corner")
    );
    let elements = &report.evidence[0].checks[0];
    assert_eq!(elements.id, "explicit_image.elements");
    assert!(!elements.ok);
    assert!(
        elements.message.contains("no generation element"),
        "{}",
        elements.message
    );
}
