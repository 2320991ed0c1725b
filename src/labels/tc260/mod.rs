//! GB 45438-2025 Annex E implicit metadata label ("TC260" label): JSON with seven fields,
//! validated rule by rule. Each rule is a check with a stable id.

use serde_json::{Map, Value};

use super::service_code::{self, Role};
use super::{Family, Found, Input};
use crate::container::BlockKind;
use crate::report::{Check, Claim, Evidence, EvidenceKind};
use crate::xmp::Property;

mod byte_scan;

/// The seven Annex E fields, in their standard order.
pub const FIELDS: [&str; 7] = crate::xmp::ANNEX_E_FIELDS;
const REQUIRED: [&str; 3] = ["Label", "ContentProducer", "ProduceID"];
/// Longest label text we parse; real labels are a few hundred bytes.
const MAX_LABEL_BYTES: usize = 1 << 20;

/// GB 45438 implicit labels: XMP `TC260:AIGC` values, then keyed text entries and EXIF text
/// fields that hold label JSON; one label per file.
pub struct Tc260Family;

impl Family for Tc260Family {
    fn name(&self) -> &'static str {
        "GB 45438 implicit label"
    }

    fn kinds(&self) -> &'static [EvidenceKind] {
        &[EvidenceKind::Tc260Metadata]
    }

    fn read(&self, input: &Input<'_>, found: &mut Found) {
        let mut labels = Vec::new();
        for packet in &input.xmp {
            for value in packet.xmp.get(Property::Tc260Aigc) {
                labels.push(evaluate(value, packet.location.clone()));
            }
            for fields in packet.xmp.annex_e_groups() {
                if let Some(label) = plain_properties_label(&fields, &packet.location) {
                    labels.push(label);
                }
            }
        }
        for block in input.blocks {
            let (key, location) = match &block.kind {
                BlockKind::Text { key } => (key.as_str(), super::text_location(&block.place, key)),
                BlockKind::ExifText { tag } => (*tag, block.place.clone()),
                _ => continue,
            };
            let text = block.text();
            if is_candidate(key, &text) {
                labels.push(evaluate(&text, location));
            }
        }
        if labels.is_empty() {
            if let Some(asset) = input
                .asset
                .as_ref()
                .filter(|a| byte_scan::applies(a.format))
            {
                let scanned = byte_scan::scan(asset.source);
                found.errors.extend(scanned.errors);
                labels.extend(scanned.labels);
            }
        }
        enforce_single_label(&mut labels);
        found.evidence.extend(labels);
    }
}

/// A label written as plain XMP properties on one `rdf:Description`: read when it has `Label`
/// and a producer field (so that `xmp:Label="Red"`, a colour label, is not one), validated as
/// the JSON it stands for, with a warning that it is not in the standard form.
fn plain_properties_label(fields: &[(&'static str, &str)], packet: &str) -> Option<Evidence> {
    let has = |name: &str| fields.iter().any(|(f, _)| *f == name);
    if !has("Label") || !(has("ContentProducer") || has("ProduceID")) {
        return None;
    }
    let object: Map<String, Value> = FIELDS
        .iter()
        .filter_map(|name| {
            let (_, value) = fields.iter().find(|(f, _)| f == name)?;
            Some((name.to_string(), Value::String(value.to_string())))
        })
        .collect();
    let json = Value::Object(object).to_string();
    let mut evidence = evaluate(&json, format!("plain properties in {packet}"));
    evidence.push_check(
        Check::fail(
            ids::XMP_FORM,
            "The label is written as plain XMP properties, not as the standard JSON in TC260:AIGC",
            "标识以分散的 XMP 属性写入，而非标准规定的 TC260:AIGC JSON",
        )
        .advisory(),
    );
    Some(evidence)
}

/// Check ids, listed in docs/checks.md.
pub mod ids {
    /// The label text is JSON.
    pub const JSON_SYNTAX: &str = "tc260.json.syntax";
    /// The JSON is an object holding the label fields (wrapped in an `AIGC` key where needed).
    pub const JSON_STRUCTURE: &str = "tc260.json.structure";
    /// Label, ContentProducer and ProduceID are present and non-empty.
    pub const REQUIRED: &str = "tc260.field.required";
    /// Every field is a string.
    pub const TYPE: &str = "tc260.field.type";
    /// Values use printable ASCII without spaces or backslashes.
    pub const CHARSET: &str = "tc260.field.charset";
    /// Label is "1", "2" or "3".
    pub const LABEL_VALUE: &str = "tc260.label.value";
    /// ContentProducer, when written as a service code, is well-formed.
    pub const PRODUCER_CODE: &str = "tc260.producer.code";
    /// ContentPropagator, when written as a service code, is well-formed.
    pub const PROPAGATOR_CODE: &str = "tc260.propagator.code";
    /// The file carries one implicit label only.
    pub const SINGLE_LABEL: &str = "tc260.single_label";
    /// The label is the standard JSON in `TC260:AIGC`, not plain XMP properties (a warning).
    pub const XMP_FORM: &str = "tc260.xmp.form";
    /// The label sits in a metadata field a reader looks in (a warning when the last-resort
    /// byte scan found it elsewhere).
    pub const NONSTANDARD_LOCATION: &str = "tc260.location.nonstandard";
}

/// Whether a text entry should be read as a GB 45438 label: its key names AIGC,
/// or its value is a JSON object mentioning AIGC.
pub fn is_candidate(key: &str, text: &str) -> bool {
    let object = text.trim_start().starts_with('{');
    key.to_ascii_uppercase().contains("AIGC")
        || (object && text.contains("AIGC"))
        || (object && text.contains("\"Label\"") && text.contains("\"ContentProducer\""))
}

/// Validates one label's text found at `location`.
pub fn evaluate(raw: &str, location: String) -> Evidence {
    let mut evidence = Evidence::new(EvidenceKind::Tc260Metadata, Claim::Unknown, location);
    if raw.len() > MAX_LABEL_BYTES {
        evidence.push_check(Check::fail(
            ids::JSON_SYNTAX,
            format!(
                "the label is {} bytes long; labels over {MAX_LABEL_BYTES} bytes are not read",
                raw.len()
            ),
            format!(
                "标识长 {} 字节；超过 {MAX_LABEL_BYTES} 字节的标识不予读取",
                raw.len()
            ),
        ));
        return evidence;
    }
    let value: Value = match serde_json::from_str(raw.trim()) {
        Ok(v) => {
            evidence.push_check(Check::pass(
                ids::JSON_SYNTAX,
                "The label is well-formed JSON",
                "标识是格式正确的 JSON",
            ));
            v
        }
        Err(err) => {
            evidence
                .fields
                .insert("Raw", raw.chars().take(200).collect::<String>());
            evidence.push_check(Check::fail(
                ids::JSON_SYNTAX,
                format!("The label is not valid JSON: {err}"),
                format!("标识不是有效的 JSON：{err}"),
            ));
            return evidence;
        }
    };
    let Some(object) = label_object(&value) else {
        evidence.push_check(Check::fail(
            ids::JSON_STRUCTURE,
            "The JSON holds no label object (expected {\"AIGC\":{\"Label\":…}} or the inner object with a \"Label\" field)",
            "JSON 中没有标识对象（应为 {\"AIGC\":{\"Label\":…}}，或含 \"Label\" 字段的内层对象）",
        ));
        return evidence;
    };
    evidence.push_check(Check::pass(
        ids::JSON_STRUCTURE,
        "The JSON holds a label object",
        "JSON 中含有标识对象",
    ));
    let standard = FIELDS.iter().filter_map(|k| object.get_key_value(*k));
    let extra = object.iter().filter(|(k, _)| !FIELDS.contains(&k.as_str()));
    for (key, value) in standard.chain(extra) {
        evidence.fields.insert(key.clone(), display(value));
    }
    check_fields(&mut evidence, object);
    evidence.claim = claim_for(object.get("Label"));
    name_services(&mut evidence);
    evidence
}

/// The object holding the fields: `{"AIGC":{…}}` (any key containing "AIGC") or the inner object itself.
fn label_object(value: &Value) -> Option<&Map<String, Value>> {
    let object = value.as_object()?;
    if object.contains_key("Label") {
        return Some(object);
    }
    object
        .iter()
        .find(|(k, v)| k.to_ascii_uppercase().contains("AIGC") && v.is_object())
        .and_then(|(_, v)| v.as_object())
}

fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn check_fields(evidence: &mut Evidence, object: &Map<String, Value>) {
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|k| {
            object
                .get(*k)
                .is_none_or(|v| v.as_str().is_some_and(str::is_empty) || v.is_null())
        })
        .collect();
    evidence.push_check(if missing.is_empty() {
        Check::pass(
            ids::REQUIRED,
            "Label, ContentProducer and ProduceID are present",
            "Label、ContentProducer 和 ProduceID 均已填写",
        )
    } else {
        Check::fail(
            ids::REQUIRED,
            format!("Required field(s) missing or empty: {}", missing.join(", ")),
            format!("必填字段缺失或为空：{}", missing.join("、")),
        )
    });

    let not_strings: Vec<&str> = FIELDS
        .into_iter()
        .filter(|k| object.get(*k).is_some_and(|v| !v.is_string()))
        .collect();
    evidence.push_check(if not_strings.is_empty() {
        Check::pass(ids::TYPE, "Every field is a string", "所有字段均为字符串")
    } else {
        Check::fail(
            ids::TYPE,
            format!(
                "Field(s) not written as strings: {}",
                not_strings.join(", ")
            ),
            format!("以下字段不是字符串：{}", not_strings.join("、")),
        )
    });

    let bad_char = FIELDS.into_iter().find_map(|k| {
        let text = object.get(k)?.as_str()?;
        text.chars()
            .enumerate()
            .find(|(_, c)| !allowed_char(*c))
            .map(|(i, c)| (k, i, c))
    });
    evidence.push_check(match bad_char {
        None => Check::pass(
            ids::CHARSET,
            "All values use printable ASCII without spaces",
            "所有值均为不含空格的可打印 ASCII 字符",
        ),
        Some((field, index, c)) => Check::fail(
            ids::CHARSET,
            format!("{field} contains {} (U+{:04X}) at character {}; only printable ASCII without spaces is allowed", describe_char(c), c as u32, index + 1),
            format!("{field} 的第 {} 个字符是{}（U+{:04X}）；只允许不含空格的可打印 ASCII 字符", index + 1, describe_char_zh(c), c as u32),
        ),
    });

    evidence.push_check(match object.get("Label") {
        Some(Value::String(s)) if matches!(s.as_str(), "1" | "2" | "3") => Check::pass(
            ids::LABEL_VALUE,
            format!("Label is \"{s}\" ({})", label_meaning(s).0),
            format!("Label 为 \"{s}\"（{}）", label_meaning(s).1),
        ),
        Some(other) => Check::fail(
            ids::LABEL_VALUE,
            format!("Label is {other}; it must be \"1\" (AI-generated), \"2\" (possibly) or \"3\" (suspected)"),
            format!("Label 为 {other}；必须是 \"1\"（AI生成）、\"2\"（可能）或 \"3\"（疑似）"),
        ),
        None => Check::fail(ids::LABEL_VALUE, "Label is missing", "缺少 Label"),
    });

    check_code(
        evidence,
        object,
        "ContentProducer",
        ids::PRODUCER_CODE,
        Role::Generating,
    );
    check_code(
        evidence,
        object,
        "ContentPropagator",
        ids::PROPAGATOR_CODE,
        Role::Distributing,
    );
}

/// Printable ASCII 0x21–0x7E except the backslash; `"` is allowed (it is written `\"`).
fn allowed_char(c: char) -> bool {
    matches!(c, '\u{21}'..='\u{7E}') && c != '\\'
}

fn describe_char_zh(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        "空格或控制字符".to_string()
    } else {
        format!("\"{c}\"")
    }
}

fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        "a space or control character".to_string()
    } else {
        format!("\"{c}\"")
    }
}

fn label_meaning(label: &str) -> (&'static str, &'static str) {
    match label {
        "1" => ("AI-generated", "AI生成"),
        "2" => ("possibly AI-generated", "可能为AI生成"),
        _ => ("suspected AI-generated", "疑似AI生成"),
    }
}

fn claim_for(label: Option<&Value>) -> Claim {
    match label.and_then(Value::as_str) {
        Some("1") => Claim::AiGenerated,
        Some("2") => Claim::PossiblyAi,
        Some("3") => Claim::SuspectedAi,
        _ => Claim::Unknown,
    }
}

fn check_code(
    evidence: &mut Evidence,
    object: &Map<String, Value>,
    field: &str,
    id: &'static str,
    role: Role,
) {
    let Some(value) = object.get(field).and_then(Value::as_str) else {
        return;
    };
    if !service_code::looks_like_code(value) {
        return; // a name, which the standard allows
    }
    let check = match service_code::parse(value) {
        Err(reason) => Check::fail(
            id,
            format!("{field} {reason}"),
            format!("{field} 不是有效的服务编码：{reason}"),
        ),
        Ok(code) if code.role != role => {
            let (wanted, wanted_zh) = if role == Role::Generating {
                ("1 (generating service)", "1（生成服务）")
            } else {
                ("2 (distributing platform)", "2（传播平台）")
            };
            Check::fail(
                id,
                format!("{field} has role digit for the other role; expected {wanted}"),
                format!("{field} 的角色位是另一角色的；应为 {wanted_zh}"),
            )
        }
        Ok(code) => match code.credit_code {
            Some(credit) if !service_code::credit_code_is_valid(credit) => Check::fail(
                id,
                format!("{field}'s credit code {credit} fails its GB 32100 check character"),
                format!("{field} 中的统一社会信用代码 {credit} 未通过 GB 32100 校验码检查"),
            ),
            Some(credit) => Check::pass(
                id,
                format!("{field} is a well-formed service code; credit code {credit} checks out"),
                format!("{field} 是格式正确的服务编码；统一社会信用代码 {credit} 校验通过"),
            ),
            None => Check::pass(
                id,
                format!("{field} is a well-formed service code"),
                format!("{field} 是格式正确的服务编码"),
            ),
        },
    };
    evidence.push_check(check);
}

fn name_services(evidence: &mut Evidence) {
    for (field, name_field) in [
        ("ContentProducer", "ProducerName"),
        ("ContentPropagator", "PropagatorName"),
    ] {
        let name = evidence
            .fields
            .get(field)
            .and_then(service_code::known_service);
        if let Some((en, zh)) = name {
            evidence.fields.insert(name_field, format!("{en} / {zh}"));
        }
    }
}

/// Applies the one-label rule (GB 45438 6.1 c) across every label found in a file:
/// differing labels make each of them invalid; identical copies are noted.
pub fn enforce_single_label(evidence: &mut [Evidence]) {
    let labels: Vec<usize> = (0..evidence.len())
        .filter(|&i| {
            evidence
                .get(i)
                .is_some_and(|e| e.kind == EvidenceKind::Tc260Metadata)
        })
        .collect();
    if labels.len() < 2 {
        return;
    }
    let signature = |e: &Evidence| FIELDS.map(|f| e.fields.get(f).unwrap_or("").to_string());
    let first = labels.first().and_then(|&i| evidence.get(i)).map(signature);
    let all_same = labels
        .iter()
        .all(|&i| evidence.get(i).map(signature) == first);
    let places: Vec<String> = labels
        .iter()
        .filter_map(|&i| evidence.get(i).map(|e| e.location.clone()))
        .collect();
    let check = if all_same {
        Check::pass(
            ids::SINGLE_LABEL,
            format!(
                "The same label is stored {} times ({})",
                labels.len(),
                places.join("; ")
            ),
            format!(
                "同一标识存储了 {} 次（{}）",
                labels.len(),
                places.join("；")
            ),
        )
    } else {
        Check::fail(
            ids::SINGLE_LABEL,
            format!("The file carries {} different labels ({}); a file may keep only one (GB 45438 6.1 c)", labels.len(), places.join("; ")),
            format!("文件中有 {} 个不同的标识（{}）；一个文件只能有一个（GB 45438 6.1 c）", labels.len(), places.join("；")),
        )
    };
    for &i in &labels {
        if let Some(e) = evidence.get_mut(i) {
            e.push_check(check.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOUBAO: &str = r#"{"Label":"1","ContentProducer":"001191110102MACQD9K64010000","ProduceID":"cc75f5e99aae4210960acb722f10974e","ReservedCode1":"","ContentPropagator":"","PropagateID":"","ReservedCode2":""}"#;

    fn failing(e: &Evidence) -> Vec<&str> {
        e.checks.iter().filter(|c| !c.ok).map(|c| c.id).collect()
    }

    #[test]
    fn doubao_label_is_valid_and_named() {
        let e = evaluate(DOUBAO, "here".into());
        assert!(e.valid, "{:?}", e.checks);
        assert_eq!(e.claim, Claim::AiGenerated);
        assert_eq!(
            e.fields.get("ProducerName"),
            Some("Doubao (ByteDance) / 豆包（字节跳动）")
        );
        assert_eq!(
            e.fields.get("ProduceID"),
            Some("cc75f5e99aae4210960acb722f10974e")
        );
        assert!(e
            .checks
            .iter()
            .any(|c| c.id == ids::LABEL_VALUE && c.message == "Label is \"1\" (AI-generated)"));
    }

    #[test]
    fn wrapped_form_is_accepted() {
        let e = evaluate(
            r#"{"AIGC":{"Label":"2","ContentProducer":"MiniMax","ProduceID":"abc"}}"#,
            "here".into(),
        );
        assert!(e.valid, "{:?}", e.checks);
        assert_eq!(e.claim, Claim::PossiblyAi);
        assert_eq!(e.fields.get("ProducerName"), Some("MiniMax / MiniMax"));
    }

    #[test]
    fn each_rule_fails_with_its_own_id() {
        let cases = [
            (
                r#"{"AIGC":{"Label":"AIGC","ContentProducer":"MiniMax","ProduceID":"x"}}"#,
                ids::LABEL_VALUE,
            ),
            (
                r#"{"AIGC":{"Label":"1","ContentProducer":"MiniMax"}}"#,
                ids::REQUIRED,
            ),
            (
                r#"{"AIGC":{"Label":"1","ContentProducer":"MiniMax","ProduceID":"扣子123"}}"#,
                ids::CHARSET,
            ),
            (
                r#"{"AIGC":{"Label":"1","ContentProducer":"Mini Max","ProduceID":"x"}}"#,
                ids::CHARSET,
            ),
            (
                r#"{"AIGC":{"Label":1,"ContentProducer":"MiniMax","ProduceID":"x"}}"#,
                ids::TYPE,
            ),
            (
                r#"{"AIGC":{"Label":"1","ContentProducer":"001191110102MACQD9K64110000","ProduceID":"x"}}"#,
                ids::PRODUCER_CODE,
            ),
            (
                r#"{"AIGC":{"Label":"1","ContentProducer":"001191110102MACQD9K64020000","ProduceID":"x"}}"#,
                ids::PRODUCER_CODE,
            ),
            (
                r#"{"AIGC":{"Label":"1","ContentProducer":"x","ProduceID":"y","ContentPropagator":"00119144030008867405X210001"}}"#,
                ids::PROPAGATOR_CODE,
            ),
            (r#"{"AIGC":{"Label":"1","#, ids::JSON_SYNTAX),
            (r#"["Label"]"#, ids::JSON_STRUCTURE),
        ];
        for (raw, id) in cases {
            let e = evaluate(raw, "here".into());
            assert!(!e.valid, "{raw}");
            assert!(failing(&e).contains(&id), "{raw}: {:?}", e.checks);
        }
    }

    #[test]
    fn charset_message_names_field_and_character() {
        let e = evaluate(
            r#"{"Label":"1","ContentProducer":"x","ProduceID":"ab扣"}"#,
            "here".into(),
        );
        let check = e.checks.iter().find(|c| c.id == ids::CHARSET).unwrap();
        assert_eq!(check.message, "ProduceID contains \"扣\" (U+6263) at character 3; only printable ASCII without spaces is allowed");
    }

    #[test]
    fn two_different_labels_invalidate_both() {
        let mut list = vec![
            evaluate(DOUBAO, "a".into()),
            evaluate(&DOUBAO.replace("\"1\"", "\"2\""), "b".into()),
        ];
        enforce_single_label(&mut list);
        assert!(list
            .iter()
            .all(|e| !e.valid && failing(e) == vec![ids::SINGLE_LABEL]));
    }

    #[test]
    fn identical_copies_are_noted_not_failed() {
        let mut list = vec![evaluate(DOUBAO, "a".into()), evaluate(DOUBAO, "b".into())];
        enforce_single_label(&mut list);
        assert!(list.iter().all(|e| e.valid));
        assert!(list[0]
            .checks
            .last()
            .unwrap()
            .message
            .starts_with("The same label is stored 2 times"));
    }

    #[test]
    fn candidates() {
        assert!(is_candidate("AIGC", ""));
        assert!(is_candidate("UserComment", r#" {"AIGC":{}}"#));
        assert!(!is_candidate("Comment", "made with AIGC tools"));
    }
}
