//! C2PA Content Credentials. Every build detects a manifest store (JUMBF superbox labelled
//! `c2pa`) and lists its manifests; with the `c2pa` feature, [`validate`] then checks it
//! with the reference SDK. The lite build marks the store as not verified.

use super::{Family, Found, Input};
use crate::bytes::Cursor;
use crate::container::{Block, BlockKind};
use crate::report::{Check, Claim, Evidence, EvidenceKind};

#[cfg(feature = "c2pa")]
pub mod actions;
#[cfg(feature = "c2pa")]
pub mod provenance;
#[cfg(feature = "c2pa")]
pub mod validate;

/// Check ids, listed in docs/checks.md.
pub mod ids {
    /// The JUMBF superbox is a C2PA manifest store.
    pub const STORE: &str = "c2pa.store";
    /// Validation as a whole: not done (lite build) or not possible (unreadable store).
    pub const VALIDATION: &str = "c2pa.validation";
    /// The claim signature verifies.
    pub const SIGNATURE: &str = "c2pa.signature";
    /// The hard binding (data, BMFF or boxes hash) matches the content.
    pub const BINDING: &str = "c2pa.binding";
    /// Every other assertion matches its hashed URI.
    pub const ASSERTIONS: &str = "c2pa.assertions";
    /// Ingredient manifests validate.
    pub const INGREDIENTS: &str = "c2pa.ingredients";
    /// The signing certificate was valid at signing time (advisory).
    pub const CERTIFICATE: &str = "c2pa.certificate";
    /// The signer chains to the trust lists (advisory).
    pub const TRUST: &str = "c2pa.trust";
}

/// Most manifests listed.
const MAX_MANIFESTS: usize = 256;

/// Why a store of the lite build is not verified: (English, Chinese).
pub const LITE_NOT_VERIFIED: (&str, &str) = (
    "Not verified: this build (lite) detects Content Credentials but does not check their signature or hash binding",
    "未校验：此版本（精简版）只检测内容凭证，不校验其签名和哈希绑定",
);
/// Why a C2PA text manifest is not verified: (English, Chinese).
pub const TEXT_MANIFEST_NOT_VERIFIED: (&str, &str) = (
    "Not verified: C2PA text manifests are not validated by the C2PA SDK version this build uses",
    "未校验：本版本所用的 C2PA SDK 不校验 C2PA 文本清单",
);

/// C2PA Content Credentials: every manifest store is detected and its manifests listed; with
/// the `c2pa` feature, the first store of a file is validated with the reference SDK (it
/// hashes the whole asset, so files without a store cost no C2PA work).
pub struct C2paFamily;

impl Family for C2paFamily {
    fn name(&self) -> &'static str {
        "C2PA Content Credentials"
    }

    fn kinds(&self) -> &'static [EvidenceKind] {
        &[EvidenceKind::C2paManifest]
    }

    fn read(&self, input: &Input<'_>, found: &mut Found) {
        let start = found.evidence.len();
        for block in input.blocks.iter().filter(|b| b.kind == BlockKind::C2pa) {
            found.evidence.push(presence(block, LITE_NOT_VERIFIED));
        }
        #[cfg(feature = "c2pa")]
        if let (Some(asset), Some(first)) = (input.asset, found.evidence.get_mut(start)) {
            if let Err(error) = validate_in_place(first, asset, input.options) {
                found.errors.push(format!("C2PA: {error}"));
            }
        }
        #[cfg(not(feature = "c2pa"))]
        let _ = start;
    }
}

/// Replaces a detected store's evidence with its validation; on failure, says why in its
/// `c2pa.validation` check. A store the SDK cannot read is a record that fails validation; a
/// format the SDK does not read stays not verified.
#[cfg(feature = "c2pa")]
fn validate_in_place(
    presence: &mut Evidence,
    asset: super::Asset<'_>,
    options: &crate::options::Options,
) -> Result<(), validate::C2paError> {
    match validate::validate(asset.source, asset.format, &presence.location, options) {
        Ok(validated) => {
            *presence = validated;
            Ok(())
        }
        Err(error) => {
            if let Some(check) = presence.checks.iter_mut().find(|c| c.id == ids::VALIDATION) {
                check.message = format!("Not verified: {error}");
                check.message_zh = format!("未校验：{error}");
            }
            presence.unverified = matches!(error, validate::C2paError::Unsupported(_));
            Err(error)
        }
    }
}

/// Describes one C2PA block as detected, not validated: `not_verified` says why, in English
/// and Chinese.
pub fn presence(block: &Block<'_>, not_verified: (&str, &str)) -> Evidence {
    let mut evidence = Evidence::new(
        EvidenceKind::C2paManifest,
        Claim::Unknown,
        format!("C2PA manifest store in {}", block.place),
    );
    evidence.unverified = true;
    evidence
        .fields
        .insert("Size", format!("{} bytes", block.data.len()));
    match read_store(&block.data) {
        Ok(manifests) => {
            evidence
                .fields
                .insert("Manifests", manifests.len().to_string());
            if let Some(active) = manifests.last() {
                evidence.fields.insert("ActiveManifest", active.clone());
            }
            evidence.push_check(Check::pass(
                ids::STORE,
                format!("A C2PA manifest store with {} manifest(s)", manifests.len()),
                format!("C2PA 清单存储，含 {} 个清单", manifests.len()),
            ));
        }
        Err(reason) => evidence.push_check(Check::fail(
            ids::STORE,
            format!("The JUMBF data is not a readable C2PA manifest store: {reason}"),
            format!("JUMBF 数据不是可读的 C2PA 清单存储：{reason}"),
        )),
    }
    evidence.push_check(Check::fail(ids::VALIDATION, not_verified.0, not_verified.1));
    evidence
}

/// A JUMBF box: its type and payload.
struct JumbfBox<'a> {
    kind: [u8; 4],
    payload: &'a [u8],
}

fn next_box<'a>(cur: &mut Cursor<'a>) -> Result<JumbfBox<'a>, String> {
    let at = cur.pos();
    let size = cur.u32_be().ok_or("truncated box header")?;
    let kind = cur.array::<4>().ok_or("truncated box header")?;
    let payload_len = match size {
        0 => cur.remaining(),
        1 => {
            let large = cur
                .array::<8>()
                .map(u64::from_be_bytes)
                .ok_or("truncated box size")?;
            usize::try_from(large)
                .ok()
                .and_then(|n| n.checked_sub(16))
                .ok_or("bad box size")?
        }
        n => (n as usize).checked_sub(8).ok_or("bad box size")?,
    };
    let payload = cur
        .take(payload_len)
        .ok_or_else(|| format!("box at byte {at} runs past the end of the data"))?;
    Ok(JumbfBox { kind, payload })
}

/// The label of a superbox's description box (`jumd`).
fn description_label(superbox: &[u8]) -> Result<(String, Cursor<'_>), String> {
    let mut cur = Cursor::at(superbox, 0);
    let jumd = next_box(&mut cur)?;
    if &jumd.kind != b"jumd" {
        return Err("superbox without a description box".into());
    }
    let mut d = Cursor::at(jumd.payload, 16); // skip the 16-byte content type UUID
    let toggles = d.u8().ok_or("truncated description box")?;
    let label = if toggles & 0x02 != 0 {
        let rest = d.rest();
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        String::from_utf8_lossy(rest.get(..end).unwrap_or_default()).into_owned()
    } else {
        String::new()
    };
    Ok((label, cur))
}

/// Reads the store and returns its manifests' labels in order.
fn read_store(data: &[u8]) -> Result<Vec<String>, String> {
    let mut cur = Cursor::at(data, 0);
    let store = next_box(&mut cur)?;
    if &store.kind != b"jumb" {
        return Err("does not start with a JUMBF superbox".into());
    }
    let (label, mut children) = description_label(store.payload)?;
    if label != "c2pa" {
        return Err(format!(
            "the superbox is labelled \"{label}\", not \"c2pa\""
        ));
    }
    let mut manifests = Vec::new();
    while !children.is_empty() && manifests.len() < MAX_MANIFESTS {
        let child = next_box(&mut children)?;
        if &child.kind == b"jumb" {
            manifests.push(
                description_label(child.payload)
                    .map(|(l, _)| l)
                    .unwrap_or_default(),
            );
        }
    }
    Ok(manifests)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(payload);
        out
    }

    fn superbox(label: &str, children: &[Vec<u8>]) -> Vec<u8> {
        let mut jumd = vec![0u8; 16];
        jumd.push(0x03);
        jumd.extend_from_slice(label.as_bytes());
        jumd.push(0);
        let mut payload = boxed(b"jumd", &jumd);
        for c in children {
            payload.extend_from_slice(c);
        }
        boxed(b"jumb", &payload)
    }

    fn block(data: Vec<u8>) -> Block<'static> {
        Block {
            kind: crate::container::BlockKind::C2pa,
            place: "caBX chunk at byte 33".into(),
            offset: 33,
            data: Cow::Owned(data),
        }
    }

    #[test]
    fn lists_manifests_and_marks_unverified() {
        let store = superbox(
            "c2pa",
            &[superbox("urn:uuid:one", &[]), superbox("urn:uuid:two", &[])],
        );
        let e = presence(&block(store), LITE_NOT_VERIFIED);
        assert!(e.unverified);
        assert_eq!(e.fields.get("Manifests"), Some("2"));
        assert_eq!(e.fields.get("ActiveManifest"), Some("urn:uuid:two"));
        assert!(e.checks[0].ok);
        assert_eq!(e.checks[1].id, ids::VALIDATION);
        assert_eq!(e.location, "C2PA manifest store in caBX chunk at byte 33");
    }

    #[test]
    fn other_jumbf_and_truncation_fail_the_store_check() {
        let e = presence(&block(superbox("other", &[])), LITE_NOT_VERIFIED);
        assert!(!e.checks[0].ok);
        let store = superbox("c2pa", &[superbox("urn:uuid:one", &[])]);
        for end in 0..store.len() {
            let e = presence(&block(store[..end].to_vec()), LITE_NOT_VERIFIED);
            assert!(!e.checks[0].ok, "cut at {end}");
        }
    }
}
