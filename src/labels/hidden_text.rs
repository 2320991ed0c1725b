//! The hidden-text family: a payload that invisible Unicode characters carry
//! ([`crate::container::text::hidden`] locates them) is `hidden_text_payload` evidence; a C2PA
//! text manifest among them is also listed as `c2pa_manifest`, and a GB 45438 label among them
//! is validated by the `tc260` family from the label block the text container adds beside it.

use super::{c2pa, Family, Found, Input};
use crate::container::text::hidden::{c2pa_text_manifest, carries_label, Carrier};
use crate::container::{Block, BlockKind};
use crate::report::{Check, Claim, Evidence, EvidenceKind};

/// Check ids of this family.
pub mod ids {
    /// Unicode tag characters decoded to ASCII.
    pub const TAGS: &str = "text.hidden.tags";
    /// Bytes carried by variation selectors.
    pub const VARIATION_SELECTORS: &str = "text.hidden.variation_selectors";
    /// A run of zero-width characters.
    pub const ZERO_WIDTH: &str = "text.hidden.zero_width";
}

/// Reads every hidden payload the text container located.
pub struct HiddenTextFamily;

impl Family for HiddenTextFamily {
    fn name(&self) -> &'static str {
        "hidden text payloads"
    }

    fn kinds(&self) -> &'static [EvidenceKind] {
        &[EvidenceKind::HiddenTextPayload, EvidenceKind::C2paManifest]
    }

    fn read(&self, input: &Input<'_>, found: &mut Found) {
        for block in input.blocks {
            let BlockKind::Hidden { carrier, length } = block.kind else {
                continue;
            };
            found.evidence.extend(text_manifest(block));
            let mut evidence = evidence(block, carrier, length);
            // A payload that is a label is only its carrier: the label's own evidence decides.
            if carries_label(&block.data) {
                evidence.claim = Claim::Unknown;
                evidence
                    .fields
                    .insert("Carries", "a GB 45438 label (see its evidence)");
            }
            found.evidence.push(evidence);
        }
    }
}

/// A C2PA text manifest (C2PA 2.4: U+FEFF, then variation selectors carrying `C2PATXT\0`, a
/// version byte, a 4-byte big-endian length and the JUMBF manifest store) as C2PA evidence:
/// the store is read and its manifests listed; it is not validated.
fn text_manifest(block: &Block<'_>) -> Option<Evidence> {
    let manifest = c2pa_text_manifest(&block.data)?;
    let store = Block::borrowed(
        BlockKind::C2pa,
        format!(
            "variation selectors at character {} (C2PA text manifest, version {})",
            block.offset, manifest.version
        ),
        block.offset,
        manifest.store,
    );
    Some(c2pa::presence(&store, c2pa::TEXT_MANIFEST_NOT_VERIFIED))
}

/// What the carried bytes are, in words, and their text if they are text.
fn describe(bytes: &[u8]) -> (String, String, Option<String>) {
    if let Some(manifest) = c2pa_text_manifest(bytes) {
        return (
            format!(
                "a C2PA text manifest (C2PATXT version {}, {}-byte JUMBF store; not validated: the SDK here reads no text assets)",
                manifest.version, manifest.length
            ),
            format!(
                "C2PA 文本清单（C2PATXT 版本 {}，{} 字节的 JUMBF 存储；未校验：此处的 SDK 不读取文本资产）",
                manifest.version, manifest.length
            ),
            None,
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (
            "text".to_string(),
            "文本".to_string(),
            Some(text.to_string()),
        ),
        Err(_) => (
            format!("{} bytes of binary data", bytes.len()),
            format!("{} 字节的二进制数据", bytes.len()),
            None,
        ),
    }
}

/// Evidence for one hidden payload.
pub fn evidence(block: &Block<'_>, carrier: Carrier, length: usize) -> Evidence {
    let (claim, check_id) = match carrier {
        Carrier::Tags => (Claim::SuspectedAi, ids::TAGS),
        Carrier::VariationSelectors => (Claim::SuspectedAi, ids::VARIATION_SELECTORS),
        Carrier::ZeroWidth => (Claim::Unknown, ids::ZERO_WIDTH),
    };
    let mut evidence = Evidence::new(EvidenceKind::HiddenTextPayload, claim, block.place.clone());
    evidence.fields.insert("Carrier", carrier.describe());
    evidence.fields.insert("Offset", block.offset.to_string());
    evidence.fields.insert("Length", length.to_string());
    let (message, message_zh) = match carrier {
        Carrier::ZeroWidth => (
            format!(
                "{length} zero-width characters in a row where no script or emoji needs them: a hidden payload that cannot be decoded without its key (e.g. StegCloak)"
            ),
            format!(
                "连续 {length} 个零宽字符，而此处没有文字或表情符号需要它们：这是无密钥无法解码的隐藏载荷（例如 StegCloak）"
            ),
        ),
        _ => {
            let (what, what_zh, text) = describe(&block.data);
            if let Some(text) = &text {
                evidence.fields.insert("Decoded", text.clone());
            }
            let bytes = block.data.len();
            (
                format!("{bytes} bytes decoded: {what}"),
                format!("解码出 {bytes} 字节：{what_zh}"),
            )
        }
    };
    evidence.push_check(Check::pass(check_id, message, message_zh));
    evidence
}
