//! Verification options: what the caller asks for. A leaf module, so that every layer may
//! read them without importing the crate root.

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
