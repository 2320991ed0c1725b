//! Invisible watermarks decoded from pixels ([REFERENCE §3](../../../docs/REFERENCE.md)),
//! when the pixel checks run (option `watermarks`).

pub mod imwatermark;
pub mod registry;

use super::{Family, Found as Findings, Input};
#[cfg(feature = "watermark")]
use crate::pixels;
use crate::report::{Check, Claim, Evidence, EvidenceKind, Summary};
use imwatermark::{Input as Reading, Method};
use registry::Detection;

/// Check ids of this family.
pub mod ids {
    /// An imwatermark (dwtDct / dwtDctSvd) payload decoded from the pixels.
    pub const IMWATERMARK: &str = "watermark.imwatermark";
}

/// The open invisible watermarks of Stable Diffusion, SDXL, FLUX and InvokeAI pipelines.
pub struct WatermarkFamily;

impl Family for WatermarkFamily {
    fn name(&self) -> &'static str {
        "invisible watermark"
    }

    fn kinds(&self) -> &'static [EvidenceKind] {
        &[EvidenceKind::Watermark]
    }

    #[cfg(feature = "watermark")]
    fn read(&self, input: &Input<'_>, found: &mut Findings) {
        if !input.options.watermarks {
            return;
        }
        match input.pixels() {
            None => {}
            Some(Ok(rgb)) => found.evidence.extend(find(rgb).map(|f| evidence(&f))),
            Some(Err(message)) => found.errors.push(format!("watermark check: {message}")),
        }
    }

    /// This build has no pixel decoder (the lite build): asking for the check on an image is
    /// an error entry.
    #[cfg(not(feature = "watermark"))]
    fn read(&self, input: &Input<'_>, found: &mut Findings) {
        let image = input
            .asset
            .is_some_and(|a| a.format.media() == crate::sniff::Media::Image);
        if input.options.watermarks && image {
            found
                .errors
                .push("watermark check: this build (lite) has no watermark check".to_string());
        }
    }
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
fn reading_name(input: Reading) -> &'static str {
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
    let confidence_zh = if detection.confidence() == "very likely" {
        "非常可能"
    } else {
        "可能"
    };
    evidence.push_check(Check::pass(
        ids::IMWATERMARK,
        format!(
            "{matching} bits match the {family} watermark ({})",
            detection.confidence()
        ),
        format!("{matching} 位与 {family} 水印吻合（{confidence_zh}）"),
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
