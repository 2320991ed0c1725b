//! The one place that turns evidence into a verdict and a summary sentence.

use crate::report::{Claim, Evidence, EvidenceKind, Summary, Verdict};

/// Decides the verdict from the evidence, by the contract's precedence.
pub fn decide(evidence: &[Evidence]) -> Verdict {
    let valid = |e: &&Evidence| e.valid;
    if evidence.iter().filter(valid).any(|e| {
        e.kind.is_formal_label() && matches!(e.claim, Claim::AiGenerated | Claim::AiEdited)
    }) {
        Verdict::AiLabeled
    } else if evidence
        .iter()
        .filter(valid)
        .any(|e| e.kind == EvidenceKind::Tc260Metadata && e.claim == Claim::PossiblyAi)
    {
        Verdict::PossiblyAi
    } else if evidence
        .iter()
        .filter(valid)
        .any(|e| e.claim == Claim::SuspectedAi)
    {
        Verdict::SuspectedAi
    } else if evidence.iter().any(|e| !e.valid && !e.unverified) {
        Verdict::InvalidLabel
    } else {
        Verdict::NoLabel
    }
}

/// The label family in words, for summaries: (English, Chinese).
fn family(kind: EvidenceKind) -> (&'static str, &'static str) {
    kind.names()
}

/// Who made the content, if the evidence names it: (English, Chinese).
fn producer(e: &Evidence) -> Option<(String, String)> {
    if let Some(name) = e.fields.get("ProducerName") {
        let (en, zh) = name.split_once(" / ").unwrap_or((name, name));
        return Some((en.to_string(), zh.to_string()));
    }
    if let Some(name) = e.fields.get("ContentProducer").filter(|p| !p.is_empty()) {
        return Some((name.to_string(), name.to_string()));
    }
    // A watermark names the family of pipelines that embeds it.
    e.fields
        .get("Generator")
        .or_else(|| e.fields.get("Family"))
        .map(|g| (g.to_string(), g.to_string()))
}

/// One sentence in English and Chinese for the verdict.
pub fn summarize(verdict: Verdict, evidence: &[Evidence]) -> Summary {
    let first = |pred: &dyn Fn(&Evidence) -> bool| evidence.iter().find(|e| pred(e));
    let (en, zh) = match verdict {
        Verdict::AiLabeled => {
            let e = first(&|e| {
                e.valid
                    && e.kind.is_formal_label()
                    && matches!(e.claim, Claim::AiGenerated | Claim::AiEdited)
            });
            let (fam_en, fam_zh) = e.map(|e| family(e.kind)).unwrap_or(("a label", "标识"));
            let edited = e.is_some_and(|e| e.claim == Claim::AiEdited);
            let (what_en, what_zh) = if edited {
                ("AI-edited", "AI编辑")
            } else {
                ("AI-generated", "AI生成")
            };
            match e.and_then(producer) {
                Some((p_en, p_zh)) => (
                    format!("Carries a valid {what_en} label ({fam_en}); producer: {p_en}."),
                    format!("含有效的{what_zh}标识（{fam_zh}），生成服务：{p_zh}。"),
                ),
                None => (
                    format!("Carries a valid {what_en} label ({fam_en})."),
                    format!("含有效的{what_zh}标识（{fam_zh}）。"),
                ),
            }
        }
        Verdict::PossiblyAi => (
            "Its GB 45438 label marks the content as possibly AI-generated.".to_string(),
            "其 GB 45438 标识表明内容可能为AI生成。".to_string(),
        ),
        Verdict::SuspectedAi => {
            let labelled = first(&|e| {
                e.valid && e.kind == EvidenceKind::Tc260Metadata && e.claim == Claim::SuspectedAi
            });
            if labelled.is_some() {
                (
                    "Its GB 45438 label marks the content as suspected AI-generated.".to_string(),
                    "其 GB 45438 标识表明内容疑似AI生成。".to_string(),
                )
            } else {
                let names: Vec<String> = evidence
                    .iter()
                    .filter(|e| e.claim == Claim::SuspectedAi)
                    .filter_map(|e| producer(e).map(|p| p.0))
                    .collect();
                let names = if names.is_empty() {
                    "unnamed tool".to_string()
                } else {
                    names.join(", ")
                };
                (
                    format!(
                        "No formal AI label, but traces of AI generation were found ({names})."
                    ),
                    format!("未发现正式的AI标识，但发现了AI生成痕迹（{names}）。"),
                )
            }
        }
        Verdict::InvalidLabel => {
            let failure = evidence
                .iter()
                .filter(|e| !e.unverified)
                .find_map(|e| e.first_failure().map(|c| (e.kind, c)));
            let (fam_en, fam_zh) = failure
                .map(|(k, _)| family(k))
                .unwrap_or(("a label", "标识"));
            let reason = failure
                .map(|(_, c)| format!("{} ({})", c.message, c.id))
                .unwrap_or_default();
            (
                format!("A label is present ({fam_en}) but fails validation: {reason}."),
                match failure {
                    Some((_, c)) => format!(
                        "存在标识（{fam_zh}），但未通过校验：{}（{}）。",
                        c.message_zh, c.id
                    ),
                    None => format!("存在标识（{fam_zh}），但未通过校验。"),
                },
            )
        }
        Verdict::NoLabel => {
            let c2pa = |unverified: bool| {
                evidence
                    .iter()
                    .any(|e| e.kind == EvidenceKind::C2paManifest && e.unverified == unverified)
            };
            let not_ai = evidence.iter().any(|e| e.claim == Claim::NotAi);
            // A validated store that reached no_label passed validation (a failing one makes
            // the verdict invalid_label): say so, as the page's C2PA card does.
            if c2pa(false) {
                (
                    "Content Credentials (C2PA) are present and intact, but they carry no AI label. Absence of a label proves nothing.".to_string(),
                    "存在完好的 C2PA 内容凭证，但其中没有AI标识。没有标识并不能证明内容非AI生成。".to_string(),
                )
            } else if c2pa(true) {
                (
                    "Content Credentials (C2PA) are present but were not verified, and no AI label was found. Absence of a label proves nothing.".to_string(),
                    "存在 C2PA 内容凭证（未校验），未发现AI标识。没有标识并不能证明内容非AI生成。".to_string(),
                )
            } else if not_ai {
                (
                    "A valid record says the content is not AI-generated; no AI label was found."
                        .to_string(),
                    "有效记录表明内容并非AI生成；未发现AI标识。".to_string(),
                )
            } else {
                (
                    "No AI label was found. Absence of a label does not prove the content is human-made.".to_string(),
                    "未发现AI标识。没有标识并不能证明内容由人创作。".to_string(),
                )
            }
        }
        Verdict::Error => (
            "The input could not be read.".to_string(),
            "无法读取该输入。".to_string(),
        ),
    };
    Summary { en, zh }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Check;

    fn evidence(kind: EvidenceKind, claim: Claim, ok: bool) -> Evidence {
        let mut e = Evidence::new(kind, claim, "here");
        e.push_check(if ok {
            Check::pass("x", "fine", "正常")
        } else {
            Check::fail("x", "broken", "损坏")
        });
        e
    }

    #[test]
    fn precedence_follows_the_contract() {
        use Claim::*;
        use EvidenceKind::*;
        let cases = [
            (
                vec![
                    evidence(Tc260Metadata, AiGenerated, true),
                    evidence(Tc260Metadata, Unknown, false),
                ],
                Verdict::AiLabeled,
            ),
            (
                vec![evidence(IptcDigitalSourceType, AiEdited, true)],
                Verdict::AiLabeled,
            ),
            (
                vec![
                    evidence(GenerationParameters, SuspectedAi, true),
                    evidence(Tc260Metadata, PossiblyAi, true),
                ],
                Verdict::PossiblyAi,
            ),
            (
                vec![
                    evidence(VendorMetadata, SuspectedAi, true),
                    evidence(Tc260Metadata, Unknown, false),
                ],
                Verdict::SuspectedAi,
            ),
            (
                vec![evidence(Tc260Metadata, SuspectedAi, true)],
                Verdict::SuspectedAi,
            ),
            (
                vec![evidence(Tc260Metadata, AiGenerated, false)],
                Verdict::InvalidLabel,
            ),
            (
                vec![evidence(IptcDigitalSourceType, NotAi, true)],
                Verdict::NoLabel,
            ),
            (vec![], Verdict::NoLabel),
        ];
        for (list, verdict) in cases {
            assert_eq!(decide(&list), verdict, "{list:?}");
        }
    }

    #[test]
    fn unverified_records_do_not_make_a_label_invalid() {
        let mut c2pa = evidence(EvidenceKind::C2paManifest, Claim::Unknown, false);
        c2pa.unverified = true;
        assert_eq!(decide(&[c2pa]), Verdict::NoLabel);
    }

    #[test]
    fn no_label_summary_tells_validated_from_unverified_credentials() {
        let validated = evidence(EvidenceKind::C2paManifest, Claim::Unknown, true);
        let mut detected = validated.clone();
        detected.unverified = true;
        let s = summarize(Verdict::NoLabel, &[validated]);
        assert_eq!(
            s.en,
            "Content Credentials (C2PA) are present and intact, but they carry no AI label. Absence of a label proves nothing."
        );
        assert_eq!(
            s.zh,
            "存在完好的 C2PA 内容凭证，但其中没有AI标识。没有标识并不能证明内容非AI生成。"
        );
        let s = summarize(Verdict::NoLabel, &[detected]);
        assert_eq!(
            s.en,
            "Content Credentials (C2PA) are present but were not verified, and no AI label was found. Absence of a label proves nothing."
        );
    }

    #[test]
    fn invalid_summary_names_the_failing_check() {
        let list = [evidence(EvidenceKind::Tc260Metadata, Claim::Unknown, false)];
        let s = summarize(Verdict::InvalidLabel, &list);
        assert_eq!(
            s.en,
            "A label is present (GB 45438 implicit label) but fails validation: broken (x)."
        );
    }
}
