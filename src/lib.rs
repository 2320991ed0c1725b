//! aigc-label: verifies AI-content labels in files and text.
//!
//! Data flows one way: [`sniff`] names the format from magic bytes → a [`container`]
//! module locates metadata blocks with their offsets → [`labels`] interpreters turn
//! blocks into evidence with checks → [`verdict`] turns evidence into the verdict.
//! The JS boundary (`wasm`, wasm32 only) and the CLI (`src/bin/`) sit outside the core.

pub mod bytes;
pub mod container;
pub mod labels;
pub mod report;
pub mod sniff;
pub mod source;
pub mod text;
pub mod verdict;
pub mod xmp;

#[cfg(test)]
mod typescript;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use report::{Check, Claim, Evidence, EvidenceKind, Fields, Report, Summary, Verdict};
pub use source::{ReadSeekSource, Source};

use serde::Deserialize;

/// Verification options. Every field is optional; unknown fields are ignored so that
/// embedders can pass options meant for newer versions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "VerifyOptions"))]
#[non_exhaustive]
pub struct Options {
    /// Extra C2PA trust anchors (a PEM bundle of root certificates) added to the shipped
    /// trust lists (JS `trustAnchors`, CLI `--trust-anchors FILE`).
    #[cfg_attr(test, ts(optional))]
    pub trust_anchors: Option<String>,
    /// Embed C2PA thumbnails in the report as `data:` URIs (JS `thumbnails`); off by
    /// default because they are large.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub thumbnails: bool,
    /// Decode the pixels of PNG, JPEG, WebP and GIF images and look for invisible watermarks
    /// (JS `watermarks`, CLI `--watermarks`); off by default while its false-positive rate is
    /// being measured.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub watermarks: bool,
}

impl Options {
    /// Options with extra C2PA trust anchors.
    pub fn with_trust_anchors(mut self, pem: impl Into<String>) -> Self {
        self.trust_anchors = Some(pem.into());
        self
    }

    /// Options that look for invisible watermarks in image pixels.
    pub fn with_watermarks(mut self) -> Self {
        self.watermarks = true;
        self
    }

    /// Options that embed C2PA thumbnails in the report.
    pub fn with_thumbnails(mut self) -> Self {
        self.thumbnails = true;
        self
    }
}

/// Verifies one input held in memory: a supported container, or UTF-8 text.
pub fn verify(data: &[u8], options: &Options) -> Report {
    verify_source(&data, options)
}

/// Verifies one input read through a [`Source`] (a file, a browser `Blob`): video and
/// audio containers are walked by seeking, reading only headers and metadata.
pub fn verify_source(source: &dyn Source, options: &Options) -> Report {
    if source.is_empty() {
        return error_report("unknown", "The input is empty.", "输入为空。");
    }
    let head = match source.read_at(0, sniff::SNIFF_LEN) {
        Ok(head) => head,
        Err(message) => return error_report("unknown", &message, "无法读取该输入。"),
    };
    match sniff::sniff(&head) {
        Some(format) => verify_container(format, source, options),
        None => verify_unknown(source),
    }
}

/// Verifies a text.
pub fn verify_text(text: &str) -> Report {
    text::verify(text)
}

/// Input with no known magic: text when it is UTF-8, an error otherwise.
fn verify_unknown(source: &dyn Source) -> Report {
    let unsupported = || {
        error_report(
            "unknown",
            "Not a supported file (image, video, audio or document format) and not UTF-8 text.",
            "不是受支持的文件格式（图片、视频、音频或文档），也不是 UTF-8 文本。",
        )
    };
    if source.len() > source::MAX_WHOLE_FILE {
        return unsupported();
    }
    match source.read_at(0, source.len() as usize) {
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Ok(text) => text::verify(text),
            Err(_) => unsupported(),
        },
        Err(message) => error_report("unknown", &message, "无法读取该输入。"),
    }
}

fn verify_container(format: sniff::Format, source: &dyn Source, options: &Options) -> Report {
    let mut whole = None;
    let scan = container::scan_source(format, source, &mut whole);
    let mut found = labels::interpret(&scan.blocks);
    validate_c2pa(&mut found, format, source, options);
    if options.watermarks {
        match labels::watermark::check(source, format) {
            Ok(marks) => found.evidence.extend(marks),
            Err(message) => found.errors.push(format!("watermark check: {message}")),
        }
    }
    let verdict = verdict::decide(&found.evidence);
    let summary = verdict::summarize(verdict, &found.evidence);
    let mut errors = scan.errors;
    errors.extend(found.errors);
    Report {
        verdict,
        format: scan.format.unwrap_or(format.as_str()).to_string(),
        media: format.media().as_str().to_string(),
        summary,
        evidence: found.evidence,
        errors,
    }
}

/// C2PA validation needs the whole asset (its hard binding covers the content bytes), so
/// it runs after the block interpreters, and only when a manifest store was located:
/// files without one cost no C2PA work.
#[cfg(feature = "c2pa")]
fn validate_c2pa(
    found: &mut labels::Interpretation,
    format: sniff::Format,
    source: &dyn Source,
    options: &Options,
) {
    let Some(presence) = found
        .evidence
        .iter_mut()
        .find(|e| e.kind == EvidenceKind::C2paManifest)
    else {
        return;
    };
    match labels::c2pa::validate::validate(source, format, &presence.location, options) {
        Ok(validated) => *presence = validated,
        Err(message) => {
            let supported = !message.starts_with("the C2PA SDK does not read");
            if let Some(check) = presence
                .checks
                .iter_mut()
                .find(|c| c.id == labels::c2pa::ids::VALIDATION)
            {
                check.message = format!("Not verified: {message}");
            }
            // A store the SDK cannot read is a record that fails validation.
            presence.unverified = !supported;
            found.errors.push(format!("C2PA: {message}"));
        }
    }
}

#[cfg(not(feature = "c2pa"))]
fn validate_c2pa(_: &mut labels::Interpretation, _: sniff::Format, _: &dyn Source, _: &Options) {}

/// A report for input that could not be read at all.
pub fn error_report(format: &str, en: &str, zh: &str) -> Report {
    Report {
        verdict: Verdict::Error,
        format: format.to_string(),
        media: "unknown".to_string(),
        summary: Summary {
            en: en.to_string(),
            zh: zh.to_string(),
        },
        evidence: Vec::new(),
        errors: vec![en.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        let empty = verify(b"", &Options::default());
        assert_eq!(empty.verdict, Verdict::Error);
        assert_eq!(empty.errors, vec!["The input is empty."]);
        let binary = verify(&[0x00, 0xFF, 0xFE, 0x80], &Options::default());
        assert_eq!(binary.verdict, Verdict::Error);
        assert_eq!(binary.format, "unknown");
        assert_eq!(binary.media, "unknown");
    }

    #[test]
    fn utf8_without_a_container_is_text() {
        let report = verify("hello".as_bytes(), &Options::default());
        assert_eq!(report.format, "text");
        assert_eq!(report.verdict, Verdict::NoLabel);
    }

    #[test]
    fn png_cut_after_its_header_is_no_label_with_an_error() {
        let report = verify(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0", &Options::default());
        assert_eq!(report.verdict, Verdict::NoLabel);
        assert_eq!(report.format, "png");
        assert!(
            report.errors[0].contains("truncated"),
            "{:?}",
            report.errors
        );
    }
}
