//! aigc-label: verifies AI-content labels in files and text.
//!
//! Data flows one way ([`pipeline`]): [`sniff`] names the format from magic bytes → a
//! [`container`] module locates blocks with their offsets → the [`labels`] families turn
//! blocks, pixels or text into evidence with checks → [`verdict`] decides → the [`report`].
//! The JS boundary (`wasm`, wasm32 only) and the CLI (`src/bin/`) sit outside the core;
//! ARCHITECTURE.md draws the layers.

pub mod bytes;
pub mod container;
pub mod labels;
#[cfg(feature = "ocr")]
pub mod ocr;
pub mod options;
pub mod pipeline;
#[cfg(feature = "pixels")]
pub mod pixels;
pub mod report;
pub mod samples;
pub mod sniff;
pub mod source;
pub mod verdict;
pub mod xmp;

#[cfg(test)]
mod typescript;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use options::{AudioScan, Options};
pub use pipeline::{error_report, verify, verify_source, verify_text};
pub use report::{Check, Claim, Evidence, EvidenceKind, Fields, Report, Summary, Verdict};
pub use source::{ReadSeekSource, Source};

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
