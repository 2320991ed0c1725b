//! Text as a container: the places a text carries a GB 45438 label as JSON (Markdown YAML front
//! matter with an `AIGC:` mapping, a leading comment block, `<meta name="AIGC">`), and payloads
//! hidden in invisible characters ([`hidden`]). Like every container it only locates blocks;
//! the label families read them, and read the text itself for explicit label statements.

use std::borrow::Cow;

use serde_json::{Map, Value};
use yaml_rust2::{Yaml, YamlLoader};

use super::{Block, BlockKind, Scan};
use crate::bytes::floor_char_boundary;

pub mod hidden;

/// Longest front matter read.
const MAX_FRONT_MATTER: usize = 256 << 10;

/// Locates the label blocks of a text, in this order: front matter, payloads hidden in
/// invisible characters (each followed by a label block when it carries label JSON), the
/// leading comment block, `<meta>` tags.
pub fn scan(text: &str) -> Scan<'static> {
    let mut scan = Scan::default();
    let mut errors = Vec::new();
    let mut blocks: Vec<Block<'static>> =
        front_matter_label(text, &mut errors).into_iter().collect();
    let payloads = hidden::find(text);
    blocks.extend(payloads.iter().filter_map(hidden_label));
    blocks.extend(payloads.into_iter().map(hidden_block));
    blocks.extend(leading_comment_label(text));
    blocks.extend(html_meta_labels(text));
    for block in blocks {
        scan.push(block);
    }
    for error in errors {
        scan.error(error);
    }
    scan
}

/// A hidden payload as a block: its offset counts characters, not bytes.
fn hidden_block(payload: hidden::Hidden) -> Block<'static> {
    let carrier = payload.carrier.describe();
    Block::owned(
        BlockKind::Hidden {
            carrier: payload.carrier,
            length: payload.length,
        },
        format!(
            "{} invisible characters ({carrier}) at character {}",
            payload.length, payload.char_offset
        ),
        payload.char_offset,
        payload.bytes,
    )
}

/// A GB 45438 label (`{"AIGC":{…}}` JSON) carried by hidden characters, as a label block
/// validated like any metadata label.
fn hidden_label(payload: &hidden::Hidden) -> Option<Block<'static>> {
    if !hidden::carries_label(&payload.bytes) {
        return None;
    }
    let carrier = match payload.carrier {
        hidden::Carrier::Tags => "Unicode tag characters",
        _ => "variation selectors",
    };
    Some(Block::owned(
        BlockKind::Text {
            key: "AIGC".to_string(),
        },
        format!("{carrier} at character {}", payload.char_offset),
        payload.char_offset,
        payload.bytes.clone(),
    ))
}

/// The YAML front matter between a leading `---` line and the next `---` (or `...`) line,
/// with the line number its body starts on.
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == "---" || bare == "..." {
            return rest.get(..offset);
        }
        offset += line.len();
        if offset > MAX_FRONT_MATTER {
            return None;
        }
    }
    None
}

/// The `AIGC` entry of the front matter as a label block (`{"AIGC":{…}}` JSON).
fn front_matter_label(text: &str, errors: &mut Vec<String>) -> Option<Block<'static>> {
    let yaml = front_matter(text)?;
    let docs = match YamlLoader::load_from_str(yaml) {
        Ok(docs) => docs,
        Err(err) => {
            if yaml.contains("AIGC") {
                errors.push(format!("YAML front matter: {err}"));
            }
            return None;
        }
    };
    let Yaml::Hash(map) = docs.into_iter().next()? else {
        return None;
    };
    let (key, value) = map
        .into_iter()
        .find(|(k, _)| k.as_str().is_some_and(|k| k.contains("AIGC")))?;
    let key = key.as_str().unwrap_or("AIGC").to_string();
    let json = match value {
        // A JSON string under the key, as some writers do.
        Yaml::String(s) if s.trim_start().starts_with('{') => s,
        Yaml::Hash(fields) => {
            let mut inner = Map::new();
            for (k, v) in fields {
                if let (Some(k), Some(v)) = (scalar(&k), scalar(&v)) {
                    inner.insert(k, Value::String(v));
                }
            }
            let mut outer = Map::new();
            outer.insert(key.clone(), Value::Object(inner));
            Value::Object(outer).to_string()
        }
        other => format!(
            "{{\"{key}\":{}}}",
            scalar(&other).map(Value::String).unwrap_or(Value::Null)
        ),
    };
    Some(Block {
        kind: BlockKind::Text { key: key.clone() },
        place: format!("YAML front matter, key \"{key}\""),
        offset: 0,
        data: Cow::Owned(json.into_bytes()),
    })
}

/// Only this much of a text's start is searched for a leading comment or `<meta>` labels.
const MAX_HEAD: usize = 256 << 10;
/// At most this many `<meta>` tags are looked at.
const MAX_META_TAGS: usize = 256;

/// A `{"AIGC":…}` JSON object in a comment block that opens the text: `<!-- … -->`, `/* … */`
/// or `// …` lines.
fn leading_comment_label(text: &str) -> Option<Block<'static>> {
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    let body = if let Some(rest) = text.strip_prefix("<!--") {
        rest.get(..rest.get(..MAX_HEAD.min(rest.len()))?.find("-->")?)?
            .to_string()
    } else if let Some(rest) = text.strip_prefix("/*") {
        rest.get(..rest.get(..MAX_HEAD.min(rest.len()))?.find("*/")?)?
            .to_string()
    } else if text.starts_with("//") {
        text.lines()
            .take_while(|line| line.trim_start().starts_with("//"))
            .map(|line| line.trim_start().trim_start_matches('/'))
            .take(1000)
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        return None;
    };
    let json = body.trim();
    (json.starts_with('{') && json.contains("AIGC")).then(|| Block {
        kind: BlockKind::Text {
            key: "AIGC".to_string(),
        },
        place: "the comment block opening the text".to_string(),
        offset: 0,
        data: Cow::Owned(json.as_bytes().to_vec()),
    })
}

/// `<meta name="AIGC" content="…">` tags (HTML): the content, entities decoded, as a label.
fn html_meta_labels(text: &str) -> Vec<Block<'static>> {
    let head = text
        .get(..floor_char_boundary(text, MAX_HEAD))
        .unwrap_or_default();
    let lower = head.to_ascii_lowercase();
    let mut blocks = Vec::new();
    for (start, _) in lower.match_indices("<meta").take(MAX_META_TAGS) {
        let Some(length) = lower.get(start..).and_then(|rest| rest.find('>')) else {
            break;
        };
        let (Some(tag), Some(tag_lower)) = (
            head.get(start..start + length),
            lower.get(start..start + length),
        ) else {
            continue;
        };
        if attribute(tag, tag_lower, "name").is_some_and(|name| name.eq_ignore_ascii_case("AIGC")) {
            if let Some(content) = attribute(tag, tag_lower, "content") {
                blocks.push(Block {
                    kind: BlockKind::Text {
                        key: "AIGC".to_string(),
                    },
                    place: format!("<meta name=\"AIGC\"> at byte {start}"),
                    offset: start as u64,
                    data: Cow::Owned(decode_entities(&content).into_bytes()),
                });
            }
        }
    }
    blocks
}

/// The value of attribute `name` in an HTML tag, quoted with " or '.
fn attribute(tag: &str, tag_lower: &str, name: &str) -> Option<String> {
    let mut search = 0;
    while let Some(found) = tag_lower.get(search..)?.find(name) {
        let at = search + found;
        search = at + name.len();
        let before_ok = tag_lower
            .get(..at)
            .and_then(|b| b.chars().next_back())
            .is_some_and(char::is_whitespace);
        let rest = tag.get(at + name.len()..)?.trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value = rest.get(1..)?;
        return Some(value.get(..value.find(quote)?)?.to_string());
    }
    None
}

/// The five XML entities and numeric character references.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp..).unwrap_or_default();
        let end = after.find(';').filter(|&e| e <= 10);
        let entity = end.and_then(|e| after.get(1..e));
        let decoded = match entity {
            Some("quot") => Some('"'),
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("apos") => Some('\''),
            Some(n) if n.starts_with("#x") || n.starts_with("#X") => {
                u32::from_str_radix(n.get(2..).unwrap_or_default(), 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            Some(n) if n.starts_with('#') => n
                .get(1..)
                .and_then(|d| d.parse().ok())
                .and_then(char::from_u32),
            _ => None,
        };
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = after.get(e + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// A YAML scalar as the text it was written with (YAML `1` and `"1"` are the same label text).
fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Null => Some(String::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Verdict;
    use crate::verify_text as verify;

    const LABEL: &str = r#"{"AIGC":{"Label":"1","ContentProducer":"001191440101MA9Y9T4H7A10000","ProduceID":"doc-1"}}"#;

    #[test]
    fn a_label_in_a_leading_comment_block() {
        for text in [
            format!("<!-- {LABEL} -->\n# Title\nBody"),
            format!("/* {LABEL} */\nBody"),
            format!("// {LABEL}\nBody"),
        ] {
            let report = verify(&text);
            assert_eq!(report.verdict, Verdict::AiLabeled, "{text}");
            assert_eq!(
                report.evidence[0].location,
                "the comment block opening the text (keyword \"AIGC\")"
            );
        }
        // Not at the start: not a leading comment.
        assert_eq!(
            verify(&format!("Body\n<!-- {LABEL} -->")).verdict,
            Verdict::NoLabel
        );
    }

    #[test]
    fn a_label_in_an_html_meta_tag() {
        let content = LABEL.replace('"', "&quot;");
        let html = format!("<html><head><META charset=utf-8><meta name=\"AIGC\" content=\"{content}\"></head><body>x</body></html>");
        let report = verify(&html);
        assert_eq!(report.verdict, Verdict::AiLabeled, "{report:?}");
        assert_eq!(
            report.evidence[0].location,
            "<meta name=\"AIGC\"> at byte 32"
        );
        let html = "<meta content='{\"AIGC\":{\"Label\":\"7\"}}' name='aigc'>";
        assert_eq!(verify(html).verdict, Verdict::InvalidLabel);
        assert_eq!(
            decode_entities("a&amp;b&#x41;&#66;&bogus;&"),
            "a&bAB&bogus;&"
        );
    }

    #[test]
    fn front_matter_mapping_is_a_label() {
        let text = "---\ntitle: x\nAIGC:\n  Label: \"1\"\n  ContentProducer: 001191110102MACQD9K64010000\n  ProduceID: doc-1\n---\n# Body\n";
        let report = verify(text);
        assert_eq!(report.verdict, Verdict::AiLabeled, "{report:?}");
        assert_eq!(
            report.evidence[0].location,
            "YAML front matter, key \"AIGC\""
        );
        assert_eq!(
            report.evidence[0].fields.get("ProducerName"),
            Some("Doubao (ByteDance) / 豆包（字节跳动）")
        );
    }

    #[test]
    fn invalid_front_matter_label_is_invalid() {
        let report = verify("---\nAIGC:\n  Label: 7\n  ContentProducer: x\n  ProduceID: y\n---\n");
        assert_eq!(report.verdict, Verdict::InvalidLabel);
        assert!(report.evidence[0]
            .checks
            .iter()
            .any(|c| c.id == "tc260.label.value" && !c.ok));
    }

    #[test]
    fn plain_text_and_other_front_matter_have_no_label() {
        assert_eq!(verify("hello").verdict, Verdict::NoLabel);
        assert_eq!(verify("---\ntitle: x\n---\nbody").verdict, Verdict::NoLabel);
        assert_eq!(verify("---\nunterminated: yes\n").verdict, Verdict::NoLabel);
    }

    #[test]
    fn broken_yaml_is_reported() {
        let report = verify("---\nAIGC: [unclosed\n---\n");
        assert!(
            report.errors[0].starts_with("YAML front matter:"),
            "{:?}",
            report.errors
        );
    }
}
