//! Verification options: what the caller asks for, and the OCR engine it loaded. It sits just
//! below the label families (ARCHITECTURE.md), above the engine it carries.

#[cfg(feature = "ocr")]
use std::sync::Arc;

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
    /// Read the visible "AI生成" label drawn in an image's corners and edges (JS
    /// `visibleLabels`; the CLI does unless `--metadata-only`). Needs [`Options::text_reader`].
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub visible_labels: bool,
    /// Look for visible labels anywhere in the image, not only along its sides (JS
    /// `wholeImage`, CLI `--whole-image`): slower, and finds labels in the wrong place too.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub whole_image: bool,
    /// Listen for the GB 45438 audio prompt (short-long-short-short) in audio files and
    /// video soundtracks (JS `audioLabels`; the CLI does unless `--metadata-only`).
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub audio_labels: bool,
    /// How much of a track the audio prompt check decodes: `"ends"` (the opening and closing
    /// 20 s, the default) or `"full"` (JS `audioScan`, CLI `--audio-scan full`).
    #[cfg_attr(test, ts(as = "Option<AudioScan>", optional))]
    pub audio_scan: AudioScan,
    /// The loaded OCR models; the front end loads them once and shares them.
    #[cfg(feature = "ocr")]
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub text_reader: Option<Arc<crate::ocr::Engine>>,
}

/// How much of a track to decode for the audio prompt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum AudioScan {
    /// The opening and closing 20 s.
    #[default]
    Ends,
    /// The whole track.
    Full,
}

impl From<AudioScan> for crate::samples::Scan {
    fn from(scan: AudioScan) -> Self {
        match scan {
            AudioScan::Ends => crate::samples::Scan::Ends,
            AudioScan::Full => crate::samples::Scan::Full,
        }
    }
}

impl Options {
    /// Options that listen for the audio prompt, over `scan` of each track.
    pub fn with_audio_labels(mut self, scan: AudioScan) -> Self {
        self.audio_labels = true;
        self.audio_scan = scan;
        self
    }

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

    /// Options that read visible labels with `engine`.
    #[cfg(feature = "ocr")]
    pub fn with_visible_labels(mut self, engine: Arc<crate::ocr::Engine>) -> Self {
        self.visible_labels = true;
        self.text_reader = Some(engine);
        self
    }

    /// Options that embed C2PA thumbnails in the report.
    pub fn with_thumbnails(mut self) -> Self {
        self.thumbnails = true;
        self
    }
}
