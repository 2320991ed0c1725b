//! Text inputs. This version reports the text as read; explicit labels, front matter
//! and hidden payloads are the subject of the text issue and plug in here.

use crate::report::{Report, Summary, Verdict};

/// Verifies a text. Returns `no_label` until text label detection lands.
pub fn verify(text: &str) -> Report {
    let chars = text.chars().count();
    Report {
        verdict: Verdict::NoLabel,
        format: "text".to_string(),
        summary: Summary {
            en: format!("No AI label was found in this text ({chars} characters). Text label detection is limited in this version."),
            zh: format!("该文本（{chars} 个字符）中未发现AI标识。此版本的文本标识检测尚不完整。"),
        },
        evidence: Vec::new(),
        errors: Vec::new(),
    }
}
