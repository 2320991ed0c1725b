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
use imwatermark::Method;
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
    let Some(plane) = imwatermark::u_plane(&rgb.data, rgb.width, rgb.height) else {
        return Ok(Vec::new());
    };
    Ok(registry::detect(&plane)
        .into_iter()
        .take(1)
        .map(|d| evidence(&d))
        .collect())
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::DwtDct => "dwtDct",
        Method::DwtDctSvd => "dwtDctSvd",
    }
}

/// Evidence for one detection: a trace of the pipeline, not a label.
pub fn evidence(detection: &Detection) -> Evidence {
    let family = detection.payload.family;
    let method = method_name(detection.method);
    let mut evidence = Evidence::new(
        EvidenceKind::Watermark,
        Claim::SuspectedAi,
        format!("pixels (U plane), invisible-watermark {method}"),
    );
    let matching = format!("{}/{}", detection.matching, detection.length());
    evidence.fields.insert("Family", family);
    evidence.fields.insert("Method", method);
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
