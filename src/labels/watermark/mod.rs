//! Invisible watermarks decoded from pixels (REFERENCE §3). Only this family ever looks at
//! pixels, and only when the watermark check runs (option `watermarks`).

pub mod imwatermark;
#[cfg(feature = "watermark")]
pub mod pixels;
pub mod registry;

use crate::report::{Check, Claim, Evidence, EvidenceKind, Summary};
#[cfg(feature = "watermark")]
use crate::sniff::Format;
#[cfg(feature = "watermark")]
use crate::source::Source;
use imwatermark::{Input, Method};
use registry::Detection;

/// Check ids of this family.
pub mod ids {
    /// An imwatermark (dwtDct / dwtDctSvd) payload decoded from the pixels.
    pub const IMWATERMARK: &str = "watermark.imwatermark";
}

/// Looks for every known watermark in the pixels of the image in `source`; nothing when the
/// format is not an image the check reads. Pixel decoding failures are returned as errors.
#[cfg(feature = "watermark")]
pub fn check(source: &dyn Source, format: Format) -> Result<Vec<Evidence>, String> {
    if !pixels::readable(format) {
        return Ok(Vec::new());
    }
    let rgb = pixels::decode(source, format)?;
    Ok(find(&rgb)
        .map(|found| evidence(&found))
        .into_iter()
        .collect())
}

/// A detection and the size the image was resized to for it, if it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What was read.
    pub detection: Detection,
    /// (width, height) the image was resized to before reading, when it is not at a
    /// generation size itself.
    pub resized_to: Option<(usize, usize)>,
}

/// The best detection in the image at its own size; failing that, and only for images not at
/// a generation size, at each generation size of the same shape (a resized image carries the
/// mark again once it is brought back to the size it was made at).
#[cfg(feature = "watermark")]
pub fn find(rgb: &pixels::Rgb) -> Option<Found> {
    if let Some(detection) = registry::detect(&rgb.data, rgb.width, rgb.height) {
        return Some(Found {
            detection,
            resized_to: None,
        });
    }
    registry::sizes_to_try(rgb.width, rgb.height)
        .into_iter()
        .find_map(|(width, height)| {
            let resized = pixels::resize(rgb, width, height)?;
            let detection = registry::detect(&resized.data, width, height)?;
            Some(Found {
                detection,
                resized_to: Some((width, height)),
            })
        })
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::DwtDct => "dwtDct",
        Method::DwtDctSvd => "dwtDctSvd",
    }
}

/// The pixel hand-over in words.
fn reading_name(input: Input) -> &'static str {
    match (input.float, input.swapped) {
        (false, false) => "8-bit BGR",
        (false, true) => "8-bit, red and blue swapped",
        (true, false) => "float BGR",
        (true, true) => "float, red and blue swapped",
    }
}

/// Evidence for one detection: a trace of the pipeline, not a label.
pub fn evidence(found: &Found) -> Evidence {
    let detection = &found.detection;
    let family = detection.payload.family;
    let method = method_name(detection.attempt.method);
    let reading = reading_name(detection.attempt.input);
    let resized = found
        .resized_to
        .map(|(w, h)| format!(", resized to {w}×{h}"))
        .unwrap_or_default();
    let mut evidence = Evidence::new(
        EvidenceKind::Watermark,
        Claim::SuspectedAi,
        format!("pixels (U plane, {reading}{resized}), invisible-watermark {method}"),
    );
    let matching = format!("{}/{}", detection.matching, detection.length());
    evidence.fields.insert("Family", family);
    evidence.fields.insert("Method", method);
    evidence.fields.insert("Reading", reading);
    if let Some((w, h)) = found.resized_to {
        evidence.fields.insert("ResizedTo", format!("{w}×{h}"));
    }
    evidence.fields.insert("MatchingBits", matching.clone());
    evidence.fields.insert("Confidence", detection.confidence());
    evidence.push_check(Check::pass(
        ids::IMWATERMARK,
        format!(
            "{matching} bits match the {family} watermark ({})",
            detection.confidence()
        ),
    ));
    evidence.explanation = Some(Summary {
        en: format!(
            "The pixels carry the invisible watermark that {family} pipelines embed ({matching} bits match): the image very probably came from such a generator, but a watermark is not a label."
        ),
        zh: format!(
            "像素中含有 {family} 生成流程嵌入的隐形水印（{matching} 位吻合）：该图片很可能由此类生成器生成，但水印不等同于标识。"
        ),
    });
    evidence
}

/// This build has no pixel decoder (the lite build): asking for the check is an error entry.
#[cfg(not(feature = "watermark"))]
pub fn check(
    _: &dyn crate::source::Source,
    _: crate::sniff::Format,
) -> Result<Vec<Evidence>, String> {
    Err("this build (lite) has no watermark check".to_string())
}
