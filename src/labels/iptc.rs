//! IPTC `DigitalSourceType` (XMP `Iptc4xmpExt:DigitalSourceType`): a URI from the IPTC
//! NewsCodes vocabulary, or the C2PA addition. Unsigned: anyone can add or strip it.

use super::{Family, Found, Input};
use crate::report::{Check, Claim, Evidence, EvidenceKind};
use crate::xmp::Property;

const IPTC_BASE: &str = "http://cv.iptc.org/newscodes/digitalsourcetype/";
const C2PA_BASE: &str = "http://c2pa.org/digitalsourcetype/";

/// IPTC `DigitalSourceType` values in XMP.
pub struct IptcFamily;

impl Family for IptcFamily {
    fn name(&self) -> &'static str {
        "IPTC digital source type"
    }

    fn kinds(&self) -> &'static [EvidenceKind] {
        &[EvidenceKind::IptcDigitalSourceType]
    }

    fn read(&self, input: &Input<'_>, found: &mut Found) {
        for packet in &input.xmp {
            for value in packet.xmp.get(Property::DigitalSourceType) {
                found
                    .evidence
                    .push(evaluate(value, packet.location.clone()));
            }
        }
    }
}

/// Check ids, listed in docs/checks.md.
pub mod ids {
    /// The value is a URI from the IPTC (or C2PA) digital source type vocabulary.
    pub const VOCABULARY: &str = "iptc.dst.vocabulary";
}

/// How a code bears on AI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Generated,
    Edited,
    /// Reported, but not an AI label by itself.
    Related,
    NotAi,
}

/// (code, class, meaning in English, meaning in Chinese).
const CODES: &[(&str, Class, &str, &str)] = &[
    (
        "trainedAlgorithmicMedia",
        Class::Generated,
        "created by a trained AI model",
        "由训练得到的AI模型生成",
    ),
    (
        "trainedAlgorithmicData",
        Class::Generated,
        "data created by a trained AI model (C2PA)",
        "由训练得到的AI模型生成的数据（C2PA）",
    ),
    (
        "compositeWithTrainedAlgorithmicMedia",
        Class::Edited,
        "a composite that includes AI-generated elements",
        "包含AI生成元素的合成内容",
    ),
    (
        "algorithmicMedia",
        Class::Related,
        "created by an algorithm without training data (not AI by itself)",
        "由不使用训练数据的算法生成（本身不算AI）",
    ),
    (
        "compositeSynthetic",
        Class::Related,
        "a composite with synthetic elements, not necessarily AI",
        "含合成元素的组合内容，未必为AI",
    ),
    (
        "composite",
        Class::Related,
        "a composite of several elements (may contain AI)",
        "多种元素的组合（可能含AI）",
    ),
    (
        "dataDrivenMedia",
        Class::Related,
        "generated from data, not necessarily AI",
        "由数据驱动生成，未必为AI",
    ),
    (
        "virtualRecording",
        Class::Related,
        "a recording of a virtual event",
        "虚拟事件的录制",
    ),
    (
        "algorithmicallyEnhanced",
        Class::Related,
        "algorithmically enhanced capture",
        "经算法增强的拍摄内容",
    ),
    (
        "digitalCapture",
        Class::NotAi,
        "captured by a camera or recorder",
        "由相机或录音设备拍摄/录制",
    ),
    (
        "computationalCapture",
        Class::NotAi,
        "computational photography capture",
        "计算摄影拍摄",
    ),
    (
        "negativeFilm",
        Class::NotAi,
        "scanned from negative film",
        "扫描自底片",
    ),
    (
        "positiveFilm",
        Class::NotAi,
        "scanned from positive film",
        "扫描自正片",
    ),
    (
        "print",
        Class::NotAi,
        "scanned from a print",
        "扫描自印刷品",
    ),
    (
        "humanEdits",
        Class::NotAi,
        "edited by a person",
        "经人工编辑",
    ),
    (
        "minorHumanEdits",
        Class::NotAi,
        "minor human edits (retired code)",
        "轻微人工编辑（已停用的代码）",
    ),
    (
        "digitalCreation",
        Class::NotAi,
        "created digitally by a person",
        "由人以数字方式创作",
    ),
    (
        "digitalArt",
        Class::NotAi,
        "digital art made by a person",
        "人工创作的数字艺术",
    ),
    (
        "softwareImage",
        Class::NotAi,
        "rendered by software",
        "由软件渲染",
    ),
    (
        "screenCapture",
        Class::NotAi,
        "a screen capture",
        "屏幕截图",
    ),
    (
        "compositeCapture",
        Class::NotAi,
        "a composite of captures",
        "多次拍摄的合成",
    ),
];

/// Interprets one `DigitalSourceType` value found at `location`.
pub fn evaluate(value: &str, location: String) -> Evidence {
    let value = value.trim();
    let mut evidence = Evidence::new(
        EvidenceKind::IptcDigitalSourceType,
        Claim::Unknown,
        location,
    );
    evidence.fields.insert("DigitalSourceType", value);
    let code = value
        .strip_prefix(IPTC_BASE)
        .or_else(|| value.strip_prefix(C2PA_BASE));
    let known = code.and_then(|code| CODES.iter().find(|(c, ..)| *c == code));
    let Some((code, class, en, zh)) = known else {
        let (reason, reason_zh) = if code.is_none() && CODES.iter().any(|(c, ..)| *c == value) {
            (
                format!("\"{value}\" is a bare code; the property must hold the full URI {IPTC_BASE}{value}"),
                format!("\"{value}\" 只是代码本身；该属性必须是完整的 URI {IPTC_BASE}{value}"),
            )
        } else {
            (
                format!("\"{value}\" is not a code of the IPTC digital source type vocabulary"),
                format!("\"{value}\" 不是 IPTC 数字来源类型词表中的代码"),
            )
        };
        evidence.push_check(Check::fail(ids::VOCABULARY, reason, reason_zh));
        return evidence;
    };
    evidence.fields.insert("Code", *code);
    evidence.fields.insert("Meaning", format!("{en} / {zh}"));
    evidence.claim = match class {
        Class::Generated => Claim::AiGenerated,
        Class::Edited => Claim::AiEdited,
        Class::Related => Claim::Unknown,
        Class::NotAi => Claim::NotAi,
    };
    let (note, note_zh) = match class {
        Class::Generated | Class::Edited => (
            "an AI label; note that IPTC metadata is unsigned",
            "这是AI标识；注意 IPTC 元数据没有签名",
        ),
        Class::Related => (
            "reported, but not an AI label by itself",
            "予以列出，但其本身不是AI标识",
        ),
        Class::NotAi => ("not an AI source type", "不是AI来源类型"),
    };
    evidence.push_check(Check::pass(
        ids::VOCABULARY,
        format!("\"{code}\" means {en}: {note}"),
        format!("\"{code}\" 表示{zh}：{note_zh}"),
    ));
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_codes() {
        let cases = [
            ("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", Claim::AiGenerated),
            ("http://c2pa.org/digitalsourcetype/trainedAlgorithmicData", Claim::AiGenerated),
            ("http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia", Claim::AiEdited),
            ("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia", Claim::Unknown),
            ("http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture", Claim::NotAi),
        ];
        for (uri, claim) in cases {
            let e = evaluate(uri, "x".into());
            assert!(e.valid, "{uri}");
            assert_eq!(e.claim, claim, "{uri}");
        }
    }

    #[test]
    fn bare_and_unknown_codes_fail() {
        let bare = evaluate("trainedAlgorithmicMedia", "x".into());
        assert!(!bare.valid);
        assert!(bare.checks[0].message.contains("bare code"));
        let unknown = evaluate(
            "http://cv.iptc.org/newscodes/digitalsourcetype/madeUp",
            "x".into(),
        );
        assert!(!unknown.valid);
        assert_eq!(unknown.checks[0].id, ids::VOCABULARY);
    }
}
