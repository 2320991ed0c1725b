//! Generator traces: parameters that image tools write (A1111/Forge, ComfyUI, InvokeAI,
//! NovelAI), vendor export signatures (Midjourney Job ID, xAI/Grok `Signature:`,
//! Samsung Galaxy AI trailer) and generator names in Software/CreatorTool fields.
//!
//! Traces are never formal labels: they make a verdict `suspected_ai` at most.

use serde_json::Value;

use crate::container::{Block, BlockKind};
use crate::report::{Check, Claim, Evidence, EvidenceKind};
use crate::xmp::Property;

use super::{Family, Found, Input, XmpPacket};

/// Check ids, listed in docs/checks.md.
pub mod ids {
    /// A1111 / Forge `parameters` text.
    pub const A1111: &str = "trace.a1111.parameters";
    /// ComfyUI prompt or workflow graph.
    pub const COMFYUI: &str = "trace.comfyui.graph";
    /// InvokeAI metadata.
    pub const INVOKEAI: &str = "trace.invokeai.metadata";
    /// NovelAI generation settings.
    pub const NOVELAI: &str = "trace.novelai.parameters";
    /// Midjourney description with a Job ID.
    pub const MIDJOURNEY: &str = "trace.midjourney.job_id";
    /// xAI / Grok export signature in EXIF.
    pub const XAI: &str = "trace.xai.signature";
    /// A known generator named in Software, CreatorTool or Credit.
    pub const SOFTWARE: &str = "trace.generator.software";
    /// Samsung Galaxy AI generation info after the image data.
    pub const SAMSUNG: &str = "trace.samsung.genai";
}

/// Longest prompt excerpt copied into a report.
const PROMPT_EXCERPT: usize = 300;

/// Known generator names as they appear in Software-like fields: (lower-case needle, name).
const GENERATORS: &[(&str, &str)] = &[
    ("midjourney", "Midjourney"),
    ("dall-e", "DALL·E (OpenAI)"),
    ("dall·e", "DALL·E (OpenAI)"),
    ("chatgpt", "ChatGPT (OpenAI)"),
    ("gpt-4o", "GPT-4o (OpenAI)"),
    ("adobe firefly", "Adobe Firefly"),
    ("stable diffusion", "Stable Diffusion"),
    ("stablediffusion", "Stable Diffusion"),
    ("novelai", "NovelAI"),
    ("comfyui", "ComfyUI"),
    ("invokeai", "InvokeAI"),
    ("fooocus", "Fooocus"),
    ("dreamstudio", "DreamStudio"),
    ("leonardo.ai", "Leonardo.Ai"),
    ("ideogram", "Ideogram"),
    ("bing image creator", "Bing Image Creator"),
    ("microsoft designer", "Microsoft Designer"),
    ("made with google ai", "Google AI"),
    ("google imagen", "Google Imagen"),
    ("black forest labs", "FLUX (Black Forest Labs)"),
    ("grok", "Grok (xAI)"),
    ("doubao", "Doubao (ByteDance)"),
    ("jimeng", "Jimeng (ByteDance)"),
    ("hailuo", "Hailuo (MiniMax)"),
    ("kling", "Kling (Kuaishou)"),
    ("tongyi", "Tongyi (Alibaba)"),
    ("runwayml", "Runway"),
];

/// Generator traces: parameters that generation tools write, vendor export signatures and
/// generator names, merged per generator.
pub struct TracesFamily;

impl Family for TracesFamily {
    fn name(&self) -> &'static str {
        "generator traces"
    }

    fn kinds(&self) -> &'static [EvidenceKind] {
        &[
            EvidenceKind::GenerationParameters,
            EvidenceKind::VendorMetadata,
        ]
    }

    fn read(&self, input: &Input<'_>, found: &mut Found) {
        found.evidence.extend(find(input.blocks, &input.xmp));
    }
}

/// Finds every trace in a file's blocks and parsed XMP packets.
pub fn find(blocks: &[Block<'_>], xmps: &[XmpPacket]) -> Vec<Evidence> {
    let mut found = Traces::default();
    for block in blocks {
        match &block.kind {
            BlockKind::Text { key } => from_text(
                &mut found,
                key,
                &block.text(),
                &super::text_location(&block.place, key),
            ),
            BlockKind::ExifText { tag } => from_exif(&mut found, tag, &block.text(), &block.place),
            BlockKind::Trailer => from_trailer(&mut found, &block.data, &block.place),
            BlockKind::Xmp | BlockKind::C2pa | BlockKind::Hidden { .. } => {}
        }
    }
    for packet in xmps {
        for property in [Property::CreatorTool, Property::Software, Property::Credit] {
            for value in packet.xmp.get(property) {
                software(
                    &mut found,
                    &format!("{property:?}"),
                    value,
                    &packet.location,
                );
            }
        }
    }
    found.0
}

/// Evidence being gathered, merged per (kind, generator) so one tool gives one card.
#[derive(Default)]
struct Traces(Vec<Evidence>);

impl Traces {
    fn add(
        &mut self,
        kind: EvidenceKind,
        generator: &str,
        location: &str,
        fields: &[(&str, String)],
        check: Check,
    ) {
        let index = match self
            .0
            .iter()
            .position(|e| e.kind == kind && e.fields.get("Generator") == Some(generator))
        {
            Some(index) => index,
            None => {
                let mut e = Evidence::new(kind, Claim::SuspectedAi, "");
                e.fields.insert("Generator", generator);
                self.0.push(e);
                self.0.len() - 1
            }
        };
        let Some(evidence) = self.0.get_mut(index) else {
            return;
        };
        if !evidence.location.contains(location) {
            if !evidence.location.is_empty() {
                evidence.location.push_str("; ");
            }
            evidence.location.push_str(location);
        }
        for (key, value) in fields {
            if !value.is_empty() {
                evidence.fields.insert(*key, value.clone());
            }
        }
        if !evidence.checks.iter().any(|c| c.id == check.id) {
            evidence.push_check(check);
        }
    }
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.trim().chars().take(PROMPT_EXCERPT).collect();
    if text.trim().chars().count() > PROMPT_EXCERPT {
        out.push('…');
    }
    out
}

fn from_text(found: &mut Traces, key: &str, text: &str, location: &str) {
    match key {
        "parameters" if text.contains("Steps: ") => a1111(found, text, location),
        "prompt" | "workflow" => comfyui(found, key, text, location),
        "invokeai_metadata" | "invokeai_graph" | "sd-metadata" | "Dream" => {
            let check = Check::pass(
                ids::INVOKEAI,
                format!("InvokeAI wrote its \"{key}\" metadata"),
                format!("InvokeAI 写入的 \"{key}\" 元数据"),
            );
            found.add(
                EvidenceKind::GenerationParameters,
                "InvokeAI",
                location,
                &[],
                check,
            );
        }
        "Comment" if is_novelai_comment(text) => {
            let json: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            let field = |k: &str| {
                json.get(k)
                    .map(|v| v.to_string().trim_matches('"').to_string())
                    .unwrap_or_default()
            };
            let fields = [
                ("Prompt", excerpt(&field("prompt"))),
                ("Steps", field("steps")),
                ("Sampler", field("sampler")),
                ("Seed", field("seed")),
            ];
            let check = Check::pass(
                ids::NOVELAI,
                "NovelAI generation settings in the Comment text",
                "Comment 文本中含 NovelAI 生成设置",
            );
            found.add(
                EvidenceKind::GenerationParameters,
                "NovelAI",
                location,
                &fields,
                check,
            );
        }
        // PNG `Software`/`Source` text, PDF Info `Producer`/`Creator`.
        "Software" | "Source" | "Producer" | "Creator" => software(found, key, text, location),
        _ => {}
    }
    if text.contains("Job ID:") && matches!(key, "Description" | "Comment" | "Title") {
        midjourney(found, text, location);
    }
}

fn from_exif(found: &mut Traces, tag: &str, text: &str, location: &str) {
    match tag {
        "ImageDescription" | "UserComment" if text.starts_with("Signature: ") => {
            let check = Check::pass(
                ids::XAI,
                format!("EXIF {tag} holds an xAI export signature (\"Signature: …\")"),
                format!("EXIF {tag} 中含 xAI 导出签名（\"Signature: …\"）"),
            );
            found.add(
                EvidenceKind::VendorMetadata,
                "Grok (xAI)",
                location,
                &[(tag, excerpt(text))],
                check,
            );
        }
        "Artist"
            if is_uuid(text)
                && found
                    .0
                    .iter()
                    .any(|e| e.fields.get("Generator") == Some("Grok (xAI)")) =>
        {
            let check = Check::pass(
                ids::XAI,
                "EXIF ImageDescription holds an xAI export signature",
                "EXIF ImageDescription 中含 xAI 导出签名",
            );
            found.add(
                EvidenceKind::VendorMetadata,
                "Grok (xAI)",
                location,
                &[("Artist", text.to_string())],
                check,
            );
        }
        "ImageDescription" | "UserComment" if text.contains("Job ID:") => {
            midjourney(found, text, location)
        }
        "Software" | "Make" | "Model" => software(found, tag, text, location),
        _ => {}
    }
}

fn from_trailer(found: &mut Traces, data: &[u8], location: &str) {
    let Some(at) = crate::bytes::find(data, b"genAIType") else {
        return;
    };
    let start = data
        .get(..at)
        .and_then(|d| d.iter().rposition(|&b| b == b'{'))
        .unwrap_or(at);
    let end = data
        .get(at..)
        .and_then(|d| d.iter().position(|&b| b == b'}'))
        .map_or(data.len(), |e| at + e + 1);
    let info = String::from_utf8_lossy(data.get(start..end).unwrap_or_default()).into_owned();
    let check = Check::pass(
        ids::SAMSUNG,
        "Samsung's extended-format trailer records a Galaxy AI generation (genAIType)",
        "三星扩展格式尾部数据记录了一次 Galaxy AI 生成（genAIType）",
    );
    found.add(
        EvidenceKind::VendorMetadata,
        "Samsung Galaxy AI",
        location,
        &[("GenAIInfo", excerpt(&info))],
        check,
    );
}

fn software(found: &mut Traces, field: &str, value: &str, location: &str) {
    let lower = value.to_lowercase();
    if let Some((_, name)) = GENERATORS.iter().find(|(needle, _)| lower.contains(needle)) {
        let check = Check::pass(
            ids::SOFTWARE,
            format!("{field} names a known AI generator: \"{}\"", excerpt(value)),
            format!("{field} 指明了已知的AI生成工具：\"{}\"", excerpt(value)),
        );
        found.add(
            EvidenceKind::VendorMetadata,
            name,
            location,
            &[(field, excerpt(value))],
            check,
        );
    }
}

fn a1111(found: &mut Traces, text: &str, location: &str) {
    let (prompt, settings) = match text.rfind("\nSteps: ") {
        Some(at) => (
            text.get(..at).unwrap_or_default(),
            text.get(at + 1..).unwrap_or_default(),
        ),
        None => ("", text),
    };
    let prompt = prompt
        .split("\nNegative prompt:")
        .next()
        .unwrap_or_default();
    let setting = |name: &str| {
        settings
            .split(", ")
            .find_map(|part| part.strip_prefix(name).and_then(|v| v.strip_prefix(": ")))
            .unwrap_or_default()
            .to_string()
    };
    let fields = [
        ("Prompt", excerpt(prompt)),
        ("Steps", setting("Steps")),
        ("Sampler", setting("Sampler")),
        ("Seed", setting("Seed")),
        ("Model", setting("Model")),
        ("Version", setting("Version")),
    ];
    let check = Check::pass(
        ids::A1111,
        "PNG \"parameters\" text in the Stable Diffusion web UI format (prompt, Steps, Sampler, Seed)",
        "PNG \"parameters\" 文本为 Stable Diffusion web UI 格式（提示词、Steps、Sampler、Seed）",
    );
    found.add(
        EvidenceKind::GenerationParameters,
        "Stable Diffusion web UI (A1111/Forge)",
        location,
        &fields,
        check,
    );
}

fn comfyui(found: &mut Traces, key: &str, text: &str, location: &str) {
    let Ok(json) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let nodes = match key {
        "prompt" => json
            .as_object()
            .filter(|o| o.values().any(|n| n.get("class_type").is_some()))
            .map(|o| o.len()),
        _ => json.get("nodes").and_then(Value::as_array).map(Vec::len),
    };
    let Some(nodes) = nodes else { return };
    let checkpoint = json
        .as_object()
        .and_then(|o| {
            o.values().find_map(|n| {
                n.get("inputs")?
                    .get("ckpt_name")?
                    .as_str()
                    .map(str::to_string)
            })
        })
        .unwrap_or_default();
    let fields = [
        (
            if key == "prompt" {
                "PromptNodes"
            } else {
                "WorkflowNodes"
            },
            nodes.to_string(),
        ),
        ("Checkpoint", checkpoint),
    ];
    let check = Check::pass(
        ids::COMFYUI,
        format!("ComfyUI node graph in the \"{key}\" text ({nodes} nodes)"),
        format!("\"{key}\" 文本中含 ComfyUI 节点图（{nodes} 个节点）"),
    );
    found.add(
        EvidenceKind::GenerationParameters,
        "ComfyUI",
        location,
        &fields,
        check,
    );
}

fn is_novelai_comment(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.contains("\"sampler\"") && text.contains("\"steps\"")
}

fn midjourney(found: &mut Traces, text: &str, location: &str) {
    let (prompt, rest) = text.split_once("Job ID:").unwrap_or((text, ""));
    let job_id: String = rest
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_hexdigit() || *c == '-')
        .collect();
    let version = prompt
        .split("--v ")
        .nth(1)
        .map(|v| v.split_whitespace().next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let fields = [
        ("Job ID", job_id),
        ("Prompt", excerpt(prompt)),
        ("Version", version),
    ];
    let check = Check::pass(
        ids::MIDJOURNEY,
        "The description carries a Midjourney prompt and Job ID",
        "描述中含 Midjourney 提示词和 Job ID",
    );
    found.add(
        EvidenceKind::VendorMetadata,
        "Midjourney",
        location,
        &fields,
        check,
    );
}

fn is_uuid(text: &str) -> bool {
    let t = text.trim();
    t.len() == 36
        && t.chars().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn text_block(key: &str, text: &str) -> Block<'static> {
        Block {
            kind: BlockKind::Text { key: key.into() },
            place: "tEXt chunk at byte 33".into(),
            offset: 33,
            data: Cow::Owned(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn a1111_parameters() {
        let text = "a cat on a mat\nNegative prompt: dogs\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x512, Model: sd_xl_base_1.0, Version: v1.6.0";
        let found = find(&[text_block("parameters", text)], &[]);
        assert_eq!(found.len(), 1);
        let e = &found[0];
        assert_eq!(e.kind, EvidenceKind::GenerationParameters);
        assert_eq!(e.claim, Claim::SuspectedAi);
        assert_eq!(e.fields.get("Prompt"), Some("a cat on a mat"));
        assert_eq!(e.fields.get("Seed"), Some("42"));
        assert_eq!(e.fields.get("Model"), Some("sd_xl_base_1.0"));
        assert_eq!(e.checks[0].id, ids::A1111);
    }

    #[test]
    fn comfyui_prompt_and_workflow_merge_into_one() {
        let prompt = r#"{"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"flux1-dev.safetensors"}},"5":{"class_type":"KSampler","inputs":{}}}"#;
        let workflow = r#"{"nodes":[{},{},{}]}"#;
        let found = find(
            &[
                text_block("prompt", prompt),
                text_block("workflow", workflow),
            ],
            &[],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].fields.get("Checkpoint"),
            Some("flux1-dev.safetensors")
        );
        assert_eq!(found[0].fields.get("WorkflowNodes"), Some("3"));
    }

    #[test]
    fn midjourney_job_id() {
        let found = find(
            &[text_block(
                "Description",
                "a photo --ar 4:3 --v 5.2 Job ID: 2b6e053b-9a65-4ca9-9e13-b6f4465164d4",
            )],
            &[],
        );
        assert_eq!(
            found[0].fields.get("Job ID"),
            Some("2b6e053b-9a65-4ca9-9e13-b6f4465164d4")
        );
        assert_eq!(found[0].fields.get("Version"), Some("5.2"));
    }

    #[test]
    fn ordinary_text_is_not_a_trace() {
        let blocks = [
            text_block("Comment", "holiday photo"),
            text_block("Software", "GIMP 2.10"),
            text_block("prompt", "not json"),
        ];
        assert!(find(&blocks, &[]).is_empty());
    }

    #[test]
    fn samsung_trailer() {
        let block = Block {
            kind: BlockKind::Trailer,
            place: "109 bytes after IEND".into(),
            offset: 0,
            data: Cow::Borrowed(&b"\0PEg_Info{\"genImageVersion\":\"v1\",\"genAIType\":8}SEFH"[..]),
        };
        let found = find(&[block], &[]);
        assert_eq!(
            found[0].fields.get("GenAIInfo"),
            Some("{\"genImageVersion\":\"v1\",\"genAIType\":8}")
        );
    }
}
