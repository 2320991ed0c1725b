//! Full C2PA validation with the reference SDK (`c2pa`, feature `c2pa`): claim signature,
//! hard binding, assertion hashes, ingredients, certificate validity and trust, decided
//! offline against the trust lists shipped in `trust/` (configured as the Content
//! Credentials Verify site does). AI is found in the active manifest and its ingredients.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use c2pa::{Context, Reader};
use serde_json::Value;

use super::actions::{actions, strongest_action, text};
use super::{ids, provenance};
use crate::options::Options;
use crate::report::{Check, Claim, Evidence, EvidenceKind, Provenance};
use crate::sniff::Format;
use crate::source::{Source, MAX_WHOLE_FILE};

const TRUST_ANCHORS: [&str; 3] = [
    include_str!("../../../trust/cai-anchors.pem"),
    include_str!("../../../trust/C2PA-TRUST-LIST.pem"),
    include_str!("../../../trust/C2PA-TSA-TRUST-LIST.pem"),
];
const ALLOWED_LIST: &str = include_str!("../../../trust/cai-allowed.pem");
const TRUST_CONFIG: &str = include_str!("../../../trust/cai-store.cfg");

thread_local! {
    /// The SDK context with the shipped trust lists, built once per thread.
    static DEFAULT_CONTEXT: RefCell<Option<Arc<Context>>> = const { RefCell::new(None) };
}

/// The media type the SDK reads `format` as, if it supports it.
fn media_type(format: Format) -> Option<&'static str> {
    Some(match format {
        Format::Png => "image/png",
        Format::Jpeg => "image/jpeg",
        Format::Webp => "image/webp",
        Format::Gif => "image/gif",
        Format::Tiff => "image/tiff",
        Format::Heif => "image/heif",
        Format::Avif => "image/avif",
        Format::Mp4 => "video/mp4",
        Format::Mov => "video/quicktime",
        Format::M4a => "audio/mp4",
        Format::Wav => "audio/wav",
        Format::Avi => "video/avi",
        Format::Mp3 => "audio/mpeg",
        _ => return None,
    })
}

/// The allowed list as the SDK keeps it: the base64 SHA-256 of each certificate, one a line.
/// The SDK accepts this form as is; given PEM, it decodes and hashes all 86 certificates again
/// for every manifest store it opens (a tenth of a validation in the browser).
fn allowed_list_hashes() -> &'static str {
    static HASHES: OnceLock<String> = OnceLock::new();
    HASHES.get_or_init(|| certificate_hashes(ALLOWED_LIST))
}

/// Hash lines for every PEM certificate in `pem_text`, plus any hash lines it already holds;
/// the PEM text itself if it cannot be parsed (the SDK then reports the problem).
fn certificate_hashes(pem_text: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let Ok(certificates) = pem::parse_many(pem_text) else {
        return pem_text.to_string();
    };
    let mut inside_pem = false;
    let mut lines: Vec<String> = Vec::new();
    for line in pem_text.lines() {
        if line.contains("-----BEGIN") {
            inside_pem = true;
        } else if line.contains("-----END") {
            inside_pem = false;
        } else if !inside_pem
            && line.len() == 44
            && base64::engine::general_purpose::STANDARD
                .decode(line)
                .is_ok()
        {
            lines.push(line.to_string());
        }
    }
    lines.extend(certificates.iter().map(|c| {
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(c.contents()))
    }));
    lines.join("\n")
}

/// The shipped trust anchors, each certificate once: the TSA list repeats 16 of the C2PA
/// list's 30, and the SDK parses every anchor again each time it checks a chain (the claim
/// signer's and the time-stamp authority's, for every manifest).
fn trust_anchors() -> &'static str {
    static ANCHORS: OnceLock<String> = OnceLock::new();
    ANCHORS.get_or_init(|| unique_certificates(&TRUST_ANCHORS.join("\n")))
}

/// The certificates of `pem_text`, each once, in first-seen order; text outside them is
/// dropped. Compared as text (base64 without line breaks), so that nothing is decoded.
fn unique_certificates(pem_text: &str) -> String {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut seen: Vec<String> = Vec::new();
    let mut unique = String::new();
    let mut rest = pem_text;
    while let Some((_, after_begin)) = rest.split_once(BEGIN) {
        let Some((body, after_end)) = after_begin.split_once(END) else {
            break;
        };
        let key: String = body.split_whitespace().collect();
        if !seen.contains(&key) {
            for part in [BEGIN, body, END, "\n"] {
                unique.push_str(part);
            }
            seen.push(key);
        }
        rest = after_end;
    }
    unique
}

fn settings(user_anchors: Option<&str>) -> Value {
    let mut trust = serde_json::json!({
        "trust_anchors": trust_anchors(),
        "allowed_list": allowed_list_hashes(),
        "trust_config": TRUST_CONFIG,
    });
    if let (Some(pem), Some(object)) = (user_anchors, trust.as_object_mut()) {
        object.insert("user_anchors".into(), Value::String(pem.to_string()));
    }
    serde_json::json!({ "trust": trust, "verify": { "verify_trust": true } })
}

fn context(options: &Options) -> Result<Arc<Context>, String> {
    let build = |anchors: Option<&str>| {
        Context::new()
            .with_settings(settings(anchors))
            .map(Arc::new)
            .map_err(|e| format!("C2PA trust settings: {e}"))
    };
    if let Some(pem) = options.trust_anchors.as_deref() {
        return build(Some(pem));
    }
    DEFAULT_CONTEXT.with(|cell| {
        if let Some(context) = cell.borrow().as_ref() {
            return Ok(context.clone());
        }
        let context = build(None)?;
        *cell.borrow_mut() = Some(context.clone());
        Ok(context)
    })
}

/// Why a store was not validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum C2paError {
    /// The SDK does not read this format: the store stays detected, not verified.
    Unsupported(String),
    /// Validation was attempted and could not finish: the record fails validation.
    Failed(String),
}

impl std::fmt::Display for C2paError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            C2paError::Unsupported(message) | C2paError::Failed(message) => f.write_str(message),
        }
    }
}

impl From<String> for C2paError {
    fn from(message: String) -> Self {
        C2paError::Failed(message)
    }
}

/// Validates the manifest store of the asset in `source`; `location` is where the store sits.
pub fn validate(
    source: &dyn Source,
    format: Format,
    location: &str,
    options: &Options,
) -> Result<Evidence, C2paError> {
    let media_type = media_type(format).ok_or_else(|| {
        C2paError::Unsupported(format!(
            "the C2PA SDK does not read {} files",
            format.as_str()
        ))
    })?;
    // The hard binding covers the whole content, so the SDK reads every byte anyway; it wants
    // a `Send` stream, which a borrowed source is not, so the asset is read into memory (or
    // borrowed, when the source is the file the container already holds: no second copy).
    if source.len() > MAX_WHOLE_FILE {
        return Err(C2paError::Failed(format!(
            "files over {MAX_WHOLE_FILE} bytes are not validated in this version"
        )));
    }
    // One read: a page's source answers each read with a file slice, so many small reads
    // (as `read_to_end` makes) cost a round trip each.
    let len = usize::try_from(source.len()).map_err(|e| e.to_string())?;
    let bytes = source.read_at(0, len)?;
    if bytes.len() != len {
        return Err(C2paError::Failed(format!(
            "read {} of {len} bytes",
            bytes.len()
        )));
    }
    let context = context(options)?;
    let reader = Reader::from_shared_context(&context)
        .with_stream(media_type, std::io::Cursor::new(&*bytes))
        .map_err(|e| format!("the C2PA manifest store could not be read: {e}"))?;
    // A copy read here is freed before the report is made, as when the stream owned it.
    drop(bytes);
    let json: Value =
        serde_json::from_str(&reader.json()).map_err(|e| format!("C2PA report: {e}"))?;
    let mut evidence = evidence_from(&json, location, options.trust_anchors.is_some());
    if options.thumbnails {
        if let Some(provenance) = evidence.provenance.as_mut() {
            provenance.thumbnail = thumbnail(&reader, &json);
        }
    }
    Ok(evidence)
}

/// The largest thumbnail embedded as a `data:` URI; bigger ones are left out.
const MAX_THUMBNAIL: usize = 1024 * 1024;

/// The active manifest's thumbnail (else its first ingredient's) as a `data:` URI, when it is
/// an image a browser shows.
fn thumbnail(reader: &Reader, json: &Value) -> Option<String> {
    use base64::Engine;
    let active = json
        .get("manifests")?
        .get(text(json, &["active_manifest"])?)?;
    // Generators that only record an edit (ChatGPT) keep the picture in the parent ingredient.
    let reference = active.get("thumbnail").or_else(|| {
        active
            .get("ingredients")?
            .as_array()?
            .iter()
            .find_map(|i| i.get("thumbnail"))
    })?;
    let format = text(reference, &["format"])?;
    if !matches!(
        format,
        "image/jpeg" | "image/png" | "image/webp" | "image/gif"
    ) {
        return None;
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    reader
        .resource_to_stream(text(reference, &["identifier"])?, &mut bytes)
        .ok()?;
    let bytes = bytes.into_inner();
    if bytes.len() > MAX_THUMBNAIL {
        return None;
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    Some(format!("data:{format};base64,{encoded}"))
}

/// Every validation status code of the active manifest, by outcome.
struct Codes {
    success: Vec<String>,
    failure: Vec<(String, String)>,
    ingredient_failures: Vec<(String, String)>,
}

fn codes(json: &Value) -> Codes {
    let list = |v: &Value, key: &str| -> Vec<(String, String)> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|s| {
                        let field = |k: &str| {
                            s.get(k)
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_string()
                        };
                        (field("code"), field("explanation"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let results = json.get("validation_results").unwrap_or(&Value::Null);
    let active = results.get("activeManifest").unwrap_or(&Value::Null);
    let mut success: Vec<String> = list(active, "success")
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    success.extend(list(active, "informational").into_iter().map(|(c, _)| c));
    let mut ingredient_failures = Vec::new();
    for delta in results
        .get("ingredientDeltas")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        ingredient_failures.extend(list(
            delta.get("validationDeltas").unwrap_or(&Value::Null),
            "failure",
        ));
    }
    Codes {
        success,
        failure: list(active, "failure"),
        ingredient_failures,
    }
}

/// Whether a status code is about who signed and when, rather than integrity.
fn is_credential_code(code: &str) -> bool {
    code.starts_with("signingCredential.") || code.starts_with("timeStamp.")
}

fn evidence_from(json: &Value, location: &str, user_anchors: bool) -> Evidence {
    let mut evidence = Evidence::new(EvidenceKind::C2paManifest, Claim::Unknown, location);
    let manifests = json.get("manifests").and_then(Value::as_object);
    let active_label = json
        .get("active_manifest")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let active = manifests
        .and_then(|m| m.get(active_label))
        .unwrap_or(&Value::Null);
    describe_manifest(&mut evidence, active, manifests.map_or(0, |m| m.len()));
    classify_ai(&mut evidence, active, manifests);
    let state = json
        .get("validation_state")
        .and_then(Value::as_str)
        .unwrap_or("Unknown")
        .to_string();
    let codes = codes(json);
    integrity_checks(&mut evidence, &codes);
    credential_checks(&mut evidence, &codes, user_anchors);
    let mut all: Vec<&str> = codes.success.iter().map(String::as_str).collect();
    all.extend(codes.failure.iter().map(|(c, _)| c.as_str()));
    all.sort_unstable();
    all.dedup();
    evidence.fields.insert("ValidationState", state);
    evidence.fields.insert("ValidationCodes", all.join(" "));
    evidence.explanation = Some(provenance::explain(&evidence));
    evidence.provenance = Some(Provenance {
        thumbnail: None,
        ingredients: provenance::ingredient_tree(active, manifests),
    });
    evidence
}

fn describe_manifest(evidence: &mut Evidence, active: &Value, count: usize) {
    evidence.fields.insert("Manifests", count.to_string());
    if let Some(label) = text(active, &["label"]) {
        evidence.fields.insert("ActiveManifest", label);
    }
    if let Some(generator) = provenance::generator_name(active) {
        evidence.fields.insert("ClaimGenerator", generator);
    }
    let issuer = text(active, &["signature_info", "issuer"]);
    let common_name = text(active, &["signature_info", "common_name"]);
    match (issuer, common_name) {
        (Some(i), Some(c)) if i != c => evidence.fields.insert("Signer", format!("{i} ({c})")),
        (Some(i), _) => evidence.fields.insert("Signer", i),
        (None, Some(c)) => evidence.fields.insert("Signer", c),
        (None, None) => {}
    }
    if let Some(time) = text(active, &["signature_info", "time"]) {
        evidence.fields.insert("SignedAt", time);
    }
    if let Some(title) = text(active, &["title"]) {
        evidence.fields.insert("Title", title);
    }
    let actions: Vec<&str> = actions(active)
        .filter_map(|a| text(a, &["action"]))
        .collect();
    if !actions.is_empty() {
        evidence.fields.insert("Actions", actions.join(", "));
    }
    let ingredients: Vec<String> = active
        .get("ingredients")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|i| {
            let title = text(i, &["title"]).unwrap_or("untitled");
            let relationship = text(i, &["relationship"]).unwrap_or("ingredient");
            format!("{title} ({relationship})")
        })
        .collect();
    if !ingredients.is_empty() {
        evidence
            .fields
            .insert("Ingredients", ingredients.join("; "));
    }
}

/// Finds the strongest digital source type in the active manifest and every other manifest
/// in the store (generators such as ChatGPT declare it only in an ingredient's manifest). Among
/// manifests of equal rank the first in [`document_order`] is named, so that the report does
/// not follow the SDK's hash-map order.
fn classify_ai(
    evidence: &mut Evidence,
    active: &Value,
    manifests: Option<&serde_json::Map<String, Value>>,
) {
    let mut best: Option<((u8, Claim, String, String), String)> =
        strongest_action(active).map(|b| (b, "active manifest".to_string()));
    for (label, manifest) in document_order(active, manifests) {
        if let Some(found) = strongest_action(manifest) {
            // Rank alone: a tie keeps the manifest met first.
            if best.as_ref().is_none_or(|(b, _)| found.0 > b.0) {
                best = Some((found, format!("ingredient manifest {label}")));
            }
        }
    }
    let Some(((rank, claim, uri, agent), place)) = best else {
        return;
    };
    evidence.claim = claim;
    evidence.fields.insert("DigitalSourceType", uri);
    evidence.fields.insert("DeclaredIn", place);
    if !agent.is_empty() {
        evidence.fields.insert("SoftwareAgent", agent);
    }
    if rank == 2 {
        evidence.fields.insert(
            "Note",
            "A composition that may contain AI-generated parts / 可能包含AI生成部分的合成内容",
        );
    }
}

/// The store's manifests other than the active one, in document order: depth first from the
/// active manifest through each ingredient's own manifest as the ingredients are listed, then
/// any manifest no ingredient names, by label. The SDK's JSON lists them in hash-map order.
fn document_order<'a>(
    active: &'a Value,
    manifests: Option<&'a serde_json::Map<String, Value>>,
) -> Vec<(&'a str, &'a Value)> {
    let Some(manifests) = manifests else {
        return Vec::new();
    };
    let active_label = text(active, &["label"]).unwrap_or_default();
    let mut seen: Vec<&str> = vec![active_label];
    let mut ordered: Vec<(&str, &Value)> = Vec::new();
    visit_ingredients(active, manifests, 0, &mut seen, &mut ordered);
    let mut rest: Vec<(&str, &Value)> = manifests
        .iter()
        .map(|(label, manifest)| (label.as_str(), manifest))
        .filter(|(label, _)| !seen.contains(label))
        .collect();
    rest.sort_by(|a, b| a.0.cmp(b.0));
    ordered.extend(rest);
    ordered
}

/// Pre-order walk of `manifest`'s ingredients' own manifests; `seen` stops loops in a hostile
/// store, and the depth is bounded like the ingredient tree's.
fn visit_ingredients<'a>(
    manifest: &'a Value,
    manifests: &'a serde_json::Map<String, Value>,
    depth: usize,
    seen: &mut Vec<&'a str>,
    ordered: &mut Vec<(&'a str, &'a Value)>,
) {
    if depth >= provenance::MAX_DEPTH {
        return;
    }
    for ingredient in manifest
        .get("ingredients")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some((label, own)) =
            text(ingredient, &["active_manifest"]).and_then(|l| manifests.get_key_value(l))
        else {
            continue;
        };
        if seen.contains(&label.as_str()) {
            continue;
        }
        seen.push(label);
        ordered.push((label, own));
        visit_ingredients(own, manifests, depth + 1, seen, ordered);
    }
}

fn failures_matching<'a>(
    codes: &'a [(String, String)],
    pred: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = &'a (String, String)> + 'a {
    codes.iter().filter(move |(c, _)| pred(c))
}

fn describe_failures<'a>(failures: impl Iterator<Item = &'a (String, String)>) -> String {
    failures
        .map(|(c, e)| {
            if e.is_empty() {
                c.clone()
            } else {
                format!("{c} ({e})")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn is_binding(code: &str) -> bool {
    [
        "assertion.dataHash.",
        "assertion.bmffHash.",
        "assertion.boxesHash.",
        "assertion.collectionHash.",
    ]
    .iter()
    .any(|p| code.starts_with(p))
}

fn integrity_checks(evidence: &mut Evidence, codes: &Codes) {
    let has = |code: &str| codes.success.iter().any(|c| c == code);
    let signature_failures = describe_failures(failures_matching(&codes.failure, |c| {
        c.starts_with("claimSignature.")
    }));
    evidence.push_check(if !signature_failures.is_empty() {
        Check::fail(
            ids::SIGNATURE,
            format!("The claim signature does not verify: {signature_failures}"),
            format!("声明签名校验失败：{signature_failures}"),
        )
    } else if has("claimSignature.validated") {
        Check::pass(
            ids::SIGNATURE,
            "The claim signature verifies (claimSignature.validated)",
            "声明签名校验通过（claimSignature.validated）",
        )
    } else {
        Check::fail(
            ids::SIGNATURE,
            "The claim signature was not validated",
            "声明签名未经校验",
        )
    });

    let binding_failures = describe_failures(failures_matching(&codes.failure, is_binding));
    let binding_match = codes
        .success
        .iter()
        .find(|c| is_binding(c) && c.ends_with(".match"));
    evidence.push_check(match (binding_failures.is_empty(), binding_match) {
        (false, _) => Check::fail(
            ids::BINDING,
            format!("The content was changed after signing: {binding_failures}"),
            format!("内容在签名后被改动：{binding_failures}"),
        ),
        (true, Some(code)) => Check::pass(
            ids::BINDING,
            format!("The content matches its signed hash ({code})"),
            format!("内容与签名时的哈希一致（{code}）"),
        ),
        (true, None) => Check::fail(
            ids::BINDING,
            "No hard binding (content hash) was validated",
            "没有校验到硬绑定（内容哈希）",
        ),
    });

    let other = describe_failures(failures_matching(&codes.failure, |c| {
        !c.starts_with("claimSignature.") && !is_binding(c) && !is_credential_code(c)
    }));
    evidence.push_check(if other.is_empty() {
        Check::pass(
            ids::ASSERTIONS,
            "Every assertion matches its hash in the claim",
            "每条断言都与声明中的哈希一致",
        )
    } else {
        Check::fail(
            ids::ASSERTIONS,
            format!("Assertions fail validation: {other}"),
            format!("断言校验失败：{other}"),
        )
    });

    let ingredients = describe_failures(failures_matching(&codes.ingredient_failures, |c| {
        !is_credential_code(c)
    }));
    evidence.push_check(if ingredients.is_empty() {
        Check::pass(
            ids::INGREDIENTS,
            "Ingredient manifests validate",
            "成分清单校验通过",
        )
    } else {
        Check::fail(
            ids::INGREDIENTS,
            format!("Ingredients fail validation: {ingredients}"),
            format!("成分校验失败：{ingredients}"),
        )
    });
}

fn credential_checks(evidence: &mut Evidence, codes: &Codes, user_anchors: bool) {
    let has = |code: &str| codes.success.iter().any(|c| c == code);
    let failed = |code: &str| codes.failure.iter().any(|(c, _)| c == code);
    let time_check = if failed("signingCredential.expired") {
        Check::fail(
            ids::CERTIFICATE,
            "The signer's certificate has expired and no trusted time-stamp proves it was valid at signing (signingCredential.expired)",
            "签名者的证书已过期，且没有可信时间戳证明签名时有效（signingCredential.expired）",
        )
    } else if failed("signingCredential.revoked") {
        Check::fail(
            ids::CERTIFICATE,
            "The signer's certificate was revoked (signingCredential.revoked)",
            "签名者的证书已被吊销（signingCredential.revoked）",
        )
    } else if let Some((code, _)) = codes
        .failure
        .iter()
        .find(|(c, _)| c.starts_with("signingCredential.") && c != "signingCredential.untrusted")
    {
        Check::fail(
            ids::CERTIFICATE,
            format!("The signer's certificate is not valid ({code})"),
            format!("签名者的证书无效（{code}）"),
        )
    } else if has("timeStamp.trusted") {
        Check::pass(
            ids::CERTIFICATE,
            "The certificate was valid at signing time, proven by a trusted time-stamp",
            "可信时间戳证明签名时证书有效",
        )
    } else if has("claimSignature.insideValidity") {
        Check::pass(
            ids::CERTIFICATE,
            "The certificate was within its validity period at signing time",
            "签名时证书在有效期内",
        )
    } else {
        Check::pass(
            ids::CERTIFICATE,
            "No certificate validity problem was reported",
            "未报告证书有效性问题",
        )
    };
    evidence.push_check(time_check.advisory());
    let trust = if has("signingCredential.trusted") {
        Check::pass(
            ids::TRUST,
            if user_anchors {
                "The signer is on the C2PA / Content Credentials trust lists or under a trust anchor you added"
            } else {
                "The signer is on the C2PA / Content Credentials trust lists"
            },
            if user_anchors {
                "签名者在 C2PA / 内容凭证信任列表中，或在您添加的信任锚之下"
            } else {
                "签名者在 C2PA / 内容凭证信任列表中"
            },
        )
    } else if failed("signingCredential.untrusted") {
        Check::fail(
            ids::TRUST,
            "The signer is not on the trust lists: the manifest is intact, but who signed it is not vouched for",
            "签名者不在信任列表中：清单完好，但无人为签名者的身份担保",
        )
    } else {
        Check::fail(
            ids::TRUST,
            "The signer's trust could not be established",
            "无法确定签名者是否可信",
        )
    };
    evidence.push_check(trust.advisory());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_list_becomes_one_hash_per_certificate() {
        let hashes: Vec<&str> = allowed_list_hashes().lines().collect();
        assert_eq!(
            hashes.len(),
            ALLOWED_LIST.matches("-----BEGIN CERTIFICATE-----").count()
        );
        assert_eq!(hashes.len(), 86);
        assert!(hashes.iter().all(|h| h.len() == 44));
        // The first certificate's hash, computed independently:
        // openssl x509 -outform DER | openssl dgst -sha256 -binary | base64
        assert_eq!(hashes[0], "SwJmKrvd0a561mMCdmrEhSGIj9tda8HjaTsTy8CCjRo=");
    }

    #[test]
    fn trust_anchors_hold_each_shipped_certificate_once() {
        let shipped = pem::parse_many(TRUST_ANCHORS.join("\n")).unwrap();
        let anchors = pem::parse_many(trust_anchors()).unwrap();
        assert_eq!(shipped.len(), 70);
        assert_eq!(anchors.len(), 54);
        for certificate in &shipped {
            let copies = anchors
                .iter()
                .filter(|a| a.contents() == certificate.contents());
            assert_eq!(copies.count(), 1, "{}", certificate.tag());
        }
    }

    #[test]
    fn anchors_are_compared_as_text_and_kept_whole() {
        let a = "-----BEGIN CERTIFICATE-----\nQUJD\nREVG\n-----END CERTIFICATE-----\n";
        let a_other_lines =
            "# again\n-----BEGIN CERTIFICATE-----\nQUJDREVG\n-----END CERTIFICATE-----";
        let broken = "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n";
        let unclosed = "-----BEGIN CERTIFICATE-----\nQUJD";
        assert_eq!(
            unique_certificates(&[a, a_other_lines, broken, a, unclosed].concat()),
            [a, broken].concat()
        );
    }

    #[test]
    fn hash_lines_are_kept_and_bad_pem_is_passed_through() {
        let line = "SwJmKrvd0a561mMCdmrEhSGIj9tda8HjaTsTy8CCjRo=";
        assert_eq!(certificate_hashes(&format!("# comment\n{line}\n")), line);
        let broken = "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n";
        assert_eq!(certificate_hashes(broken), broken);
    }
}
