//! Label interpreters: one module per label family, each turning located blocks into
//! evidence with checks. They know nothing of containers beyond [`Block`].

use crate::container::{Block, BlockKind};
use crate::report::Evidence;
use crate::xmp::{self, Property, Xmp};

pub mod c2pa;
pub mod explicit_text;
pub mod hidden_text;
pub mod iptc;
pub mod service_code;
pub mod tc260;
pub mod traces;
pub mod watermark;

/// Everything the interpreters made of a file's blocks.
#[derive(Debug, Default)]
pub struct Interpretation {
    /// Evidence grouped by family: GB 45438, IPTC, C2PA, then traces.
    pub evidence: Vec<Evidence>,
    /// Problems met while reading metadata (malformed XMP), in words.
    pub errors: Vec<String>,
}

/// Runs every interpreter over the blocks of one file.
pub fn interpret(blocks: &[Block<'_>]) -> Interpretation {
    let mut out = Interpretation::default();
    let xmps: Vec<(String, Xmp)> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Xmp)
        .map(|b| (format!("XMP packet in {}", b.place), xmp::parse(&b.data)))
        .collect();
    for (location, xmp) in &xmps {
        if let Some(error) = &xmp.error {
            out.errors.push(format!("{location}: {error}"));
        }
    }

    for (location, xmp) in &xmps {
        for value in xmp.get(Property::Tc260Aigc) {
            out.evidence.push(tc260::evaluate(value, location.clone()));
        }
    }
    for block in blocks {
        let (key, location) = match &block.kind {
            BlockKind::Text { key } => (key.as_str(), text_location(&block.place, key)),
            BlockKind::ExifText { tag } => (*tag, block.place.clone()),
            _ => continue,
        };
        let text = block.text();
        if tc260::is_candidate(key, &text) {
            out.evidence.push(tc260::evaluate(&text, location));
        }
    }
    tc260::enforce_single_label(&mut out.evidence);

    for (location, xmp) in &xmps {
        for value in xmp.get(Property::DigitalSourceType) {
            out.evidence.push(iptc::evaluate(value, location.clone()));
        }
    }
    out.evidence.extend(
        blocks
            .iter()
            .filter(|b| b.kind == BlockKind::C2pa)
            .map(c2pa::evaluate),
    );
    out.evidence.extend(traces::find(blocks, &xmps));
    out
}

/// Where a keyed text entry sits, naming the key unless the place already does.
pub fn text_location(place: &str, key: &str) -> String {
    if place.contains(&format!("\"{key}\"")) {
        place.to_string()
    } else {
        format!("{place} (keyword \"{key}\")")
    }
}
