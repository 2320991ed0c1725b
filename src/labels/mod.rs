//! Label families: one module per family, each turning what the containers located (and,
//! for some, the pixels or the text itself) into evidence with checks.
//!
//! Every family implements [`Family`] and is registered once in [`FAMILIES`], whose order is
//! the order of evidence in the report. Families see only [`Input`]; they never import the
//! pipeline, the verdict or a front end (ARCHITECTURE.md, "Adding a label family").

#[cfg(feature = "pixels")]
use std::cell::OnceCell;

use crate::container::{Block, BlockKind};
use crate::options::Options;
#[cfg(feature = "pixels")]
use crate::pixels::{self, Rgb};
use crate::report::{Evidence, EvidenceKind};
use crate::samples::{self, Scan, Stretch, Track};
use crate::sniff::Format;
use crate::source::Source;
use crate::xmp::{self, Xmp};

pub mod c2pa;
pub mod explicit_audio;
pub mod explicit_image;
pub mod explicit_text;
pub mod hidden_text;
pub mod iptc;
pub mod service_code;
pub mod tc260;
pub mod traces;
pub mod watermark;

/// Every label family, in report order.
pub static FAMILIES: &[&dyn Family] = &[
    &tc260::Tc260Family,
    &iptc::IptcFamily,
    &c2pa::C2paFamily,
    &traces::TracesFamily,
    &watermark::WatermarkFamily,
    &explicit_image::ExplicitImageFamily,
    &explicit_audio::ExplicitAudioFamily,
    &explicit_text::ExplicitTextFamily,
    &hidden_text::HiddenTextFamily,
];

/// One label family.
pub trait Family: Sync {
    /// The family in words, as ARCHITECTURE.md lists it ("GB 45438 implicit label").
    fn name(&self) -> &'static str;
    /// The evidence kinds it reports.
    fn kinds(&self) -> &'static [EvidenceKind];
    /// Adds what it finds in `input` to `found`: evidence, and errors in words.
    fn read(&self, input: &Input<'_>, found: &mut Found);
}

/// Everything the families made of one input.
#[derive(Debug, Default)]
pub struct Found {
    /// Evidence in family order.
    pub evidence: Vec<Evidence>,
    /// Problems met while reading labels (malformed XMP, undecodable pixels), in words.
    pub errors: Vec<String>,
}

/// The file itself, for families that need more than its blocks (C2PA hashes every byte;
/// pixel families decode the image).
#[derive(Clone, Copy)]
pub struct Asset<'a> {
    /// Random access to its bytes.
    pub source: &'a dyn Source,
    /// Its format, from its magic.
    pub format: Format,
}

/// One parsed XMP packet and where it sits.
#[derive(Debug)]
pub struct XmpPacket {
    /// "XMP packet in iTXt chunk at byte 33".
    pub location: String,
    /// The properties read from it.
    pub xmp: Xmp,
}

/// What every family reads: the located blocks (XMP parsed once), the text when the input is
/// text, the asset when it is a file, the options, and the pixels, decoded on first use and
/// shared by every pixel family.
pub struct Input<'a> {
    /// Blocks in file order.
    pub blocks: &'a [Block<'a>],
    /// The XMP blocks, parsed.
    pub xmp: Vec<XmpPacket>,
    /// The text, when the input is text.
    pub text: Option<&'a str>,
    /// The file, when the input is a file.
    pub asset: Option<Asset<'a>>,
    /// What the caller asked for.
    pub options: &'a Options,
    #[cfg(feature = "pixels")]
    pixels: OnceCell<Result<Rgb, String>>,
}

impl<'a> Input<'a> {
    /// The input of a file's or a text's blocks; XMP packets are parsed here, once.
    pub fn new(blocks: &'a [Block<'a>], options: &'a Options) -> Self {
        let xmp = blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Xmp)
            .map(|b| XmpPacket {
                location: format!("XMP packet in {}", b.place),
                xmp: xmp::parse(&b.data),
            })
            .collect();
        Input {
            blocks,
            xmp,
            text: None,
            asset: None,
            options,
            #[cfg(feature = "pixels")]
            pixels: OnceCell::new(),
        }
    }

    /// The same input, with the file it came from.
    pub fn with_asset(mut self, source: &'a dyn Source, format: Format) -> Self {
        self.asset = Some(Asset { source, format });
        self
    }

    /// The same input, with the text it came from.
    pub fn with_text(mut self, text: &'a str) -> Self {
        self.text = Some(text);
        self
    }

    /// Decodes the sound of `asset` (the Samples stage), handing each stretch to `visit`.
    /// Only the audio prompt listens today, so nothing is kept for a second family.
    pub fn samples(
        &self,
        asset: Asset<'_>,
        scan: Scan,
        visit: &mut dyn FnMut(Stretch),
    ) -> Result<Track, String> {
        samples::decode(asset.source, asset.format, scan, visit)
    }

    /// The image's pixels, decoded on the first call and shared afterwards; `None` when the
    /// input is not an image whose pixels this build reads.
    #[cfg(feature = "pixels")]
    pub fn pixels(&self) -> Option<Result<&Rgb, &str>> {
        let asset = self.asset.filter(|a| pixels::readable(a.format))?;
        let decoded = self
            .pixels
            .get_or_init(|| pixels::decode(asset.source, asset.format));
        Some(decoded.as_ref().map_err(String::as_str))
    }
}

/// Runs every family over `input`, in registry order.
pub fn read(input: &Input<'_>) -> Found {
    let mut found = Found::default();
    for packet in &input.xmp {
        if let Some(error) = &packet.xmp.error {
            found.errors.push(format!("{}: {error}", packet.location));
        }
    }
    for family in FAMILIES {
        family.read(input, &mut found);
    }
    found
}

/// Runs every family over blocks alone, with default options: no asset, no text (the fuzz
/// targets and regression replays use this).
pub fn interpret(blocks: &[Block<'_>]) -> Found {
    let options = Options::default();
    read(&Input::new(blocks, &options))
}

/// Where a keyed text entry sits, naming the key unless the place already does.
pub fn text_location(place: &str, key: &str) -> String {
    if place.contains(&format!("\"{key}\"")) {
        place.to_string()
    } else {
        format!("{place} (keyword \"{key}\")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Check, Claim};

    /// Every evidence kind is reported by some registered family, so a new kind cannot be
    /// added without the family that reports it.
    #[test]
    fn every_evidence_kind_has_a_family() {
        for kind in EvidenceKind::ALL {
            assert!(
                FAMILIES.iter().any(|f| f.kinds().contains(kind)),
                "no family reports {kind:?}"
            );
        }
        let mut names: Vec<&str> = FAMILIES.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FAMILIES.len(), "two families share a name");
    }

    /// A family defined here, outside the registry, reads the same input as the registered
    /// ones: adding one takes its own code and one line in FAMILIES, nothing else.
    struct ShoutingFamily;

    impl Family for ShoutingFamily {
        fn name(&self) -> &'static str {
            "test family"
        }
        fn kinds(&self) -> &'static [EvidenceKind] {
            &[EvidenceKind::ExplicitTextLabel]
        }
        fn read(&self, input: &Input<'_>, found: &mut Found) {
            if let Some(text) = input.text.filter(|t| t.contains("AI!")) {
                let mut evidence = Evidence::new(
                    EvidenceKind::ExplicitTextLabel,
                    Claim::AiGenerated,
                    format!("{} characters of text", text.chars().count()),
                );
                evidence.push_check(Check::pass("test.shout", "shouted", "喊了"));
                found.evidence.push(evidence);
            }
            for block in input.blocks {
                found.errors.push(format!("saw {}", block.place));
            }
        }
    }

    #[test]
    fn a_family_needs_only_its_own_code() {
        let options = Options::default();
        let blocks = [Block::borrowed(
            BlockKind::Trailer,
            "a trailer".into(),
            7u64,
            b"x",
        )];
        let input = Input::new(&blocks, &options).with_text("made by AI!");
        let mut found = Found::default();
        ShoutingFamily.read(&input, &mut found);
        assert_eq!(found.evidence.len(), 1);
        assert_eq!(found.evidence[0].checks[0].id, "test.shout");
        assert_eq!(found.errors, ["saw a trailer"]);
    }
}
