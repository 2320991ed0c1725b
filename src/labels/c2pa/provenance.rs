//! Turns a validated C2PA manifest store (the SDK's JSON report) into what a person reads:
//! the ingredient tree and one plain sentence on what the checks mean.

use serde_json::{Map, Value};

use super::ids;
use crate::report::{Evidence, Ingredient, Summary};

/// Ingredient trees deeper than this are cut (stores can nest, and a hostile one can loop).
pub(super) const MAX_DEPTH: usize = 8;
/// At most this many ingredients are listed in one tree.
const MAX_NODES: usize = 200;

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key)?.as_str()
}

/// The ingredient tree of `manifest`, following each ingredient's own manifest in the store.
pub fn ingredient_tree(
    manifest: &Value,
    manifests: Option<&Map<String, Value>>,
) -> Vec<Ingredient> {
    let mut budget = MAX_NODES;
    ingredients_of(manifest, manifests, 0, &mut budget)
}

fn ingredients_of(
    manifest: &Value,
    manifests: Option<&Map<String, Value>>,
    depth: usize,
    budget: &mut usize,
) -> Vec<Ingredient> {
    let mut out = Vec::new();
    if depth >= MAX_DEPTH {
        return out;
    }
    for ingredient in manifest
        .get("ingredients")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        let own = text(ingredient, "active_manifest").and_then(|l| manifests?.get(l));
        out.push(Ingredient {
            title: text(ingredient, "title").unwrap_or("untitled").to_string(),
            relationship: text(ingredient, "relationship")
                .unwrap_or("componentOf")
                .to_string(),
            format: text(ingredient, "format").map(str::to_string),
            generator: own.and_then(generator_name),
            digital_source_type: own.and_then(super::actions::strongest_source_type),
            ingredients: own
                .map(|m| ingredients_of(m, manifests, depth + 1, budget))
                .unwrap_or_default(),
        });
    }
    out
}

/// "Adobe Firefly 1.2" from `claim_generator_info` (or the older `claim_generator`).
pub fn generator_name(manifest: &Value) -> Option<String> {
    let info = manifest
        .get("claim_generator_info")
        .and_then(Value::as_array)
        .and_then(|a| a.first());
    match info.and_then(|g| text(g, "name")) {
        Some(name) => Some(match info.and_then(|g| text(g, "version")) {
            Some(version) => format!("{name} {version}"),
            None => name.to_string(),
        }),
        None => text(manifest, "claim_generator").map(str::to_string),
    }
}

/// One sentence on what the integrity and credential checks mean together.
pub fn explain(evidence: &Evidence) -> Summary {
    let passed = |id: &str| evidence.checks.iter().any(|c| c.id == id && c.ok);
    let message = |id: &str| {
        evidence
            .checks
            .iter()
            .find(|c| c.id == id)
            .map_or("", |c| c.message.as_str())
    };
    let (en, zh) = if !passed(ids::SIGNATURE) {
        (
            "The signature does not verify: the credentials were altered or forged, so nothing they say can be relied on.".to_string(),
            "签名无法验证：内容凭证已被篡改或伪造，其中的任何声明都不可信。".to_string(),
        )
    } else if !passed(ids::BINDING) {
        (
            "The signature is intact, but the content was changed after signing: the credentials no longer describe this file.".to_string(),
            "签名完好，但内容在签名后被修改：这份凭证已不能说明当前文件。".to_string(),
        )
    } else if !passed(ids::ASSERTIONS) || !passed(ids::INGREDIENTS) {
        (
            "The signature is intact and the content unchanged, but parts of the record fail validation.".to_string(),
            "签名完好、内容未被修改，但记录中的部分内容未通过校验。".to_string(),
        )
    } else {
        credential_sentence(
            passed(ids::TRUST),
            message(ids::CERTIFICATE).contains("expired"),
        )
    };
    Summary { en, zh }
}

fn credential_sentence(trusted: bool, expired: bool) -> (String, String) {
    const INTACT_EN: &str = "The signature is intact and the content was not changed after signing";
    const INTACT_ZH: &str = "签名完好，内容在签名后未被修改";
    let (en, zh) = match (trusted, expired) {
        (true, false) => (
            ", and the signer is on the trust lists.",
            "，签名方在信任列表中。",
        ),
        (true, true) => (
            ", but the signer's certificate has expired.",
            "，但签名方的证书已过期。",
        ),
        (false, true) => (
            ", but the signer's certificate has expired and the signer is not on the trust lists.",
            "，但签名方的证书已过期，且签名方不在信任列表中。",
        ),
        (false, false) => (
            ", but the signer is not on the trust lists: who signed it is not vouched for.",
            "，但签名方不在信任列表中：无法确认签名者身份。",
        ),
    };
    (format!("{INTACT_EN}{en}"), format!("{INTACT_ZH}{zh}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Check, Claim, EvidenceKind};

    fn manifest_store() -> Value {
        serde_json::json!({
            "active": {
                "label": "active",
                "ingredients": [
                    { "title": "a.png", "relationship": "parentOf", "format": "image/png",
                      "active_manifest": "parent" },
                    { "title": "b.jpg", "relationship": "componentOf" }
                ]
            },
            "parent": {
                "label": "parent",
                "claim_generator_info": [{ "name": "GPT-4o", "version": "1" }],
                "assertions": [{ "label": "c2pa.actions", "data": { "actions": [
                    { "action": "c2pa.created",
                      "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia" }
                ] } }],
                "ingredients": [{ "title": "loop", "relationship": "parentOf", "active_manifest": "active" }]
            }
        })
    }

    #[test]
    fn tree_follows_ingredient_manifests_and_stops_at_loops() {
        let store = manifest_store();
        let manifests = store.as_object();
        let tree = ingredient_tree(&store["active"], manifests);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].title, "a.png");
        assert_eq!(tree[0].generator.as_deref(), Some("GPT-4o 1"));
        assert_eq!(
            tree[0].digital_source_type.as_deref(),
            Some("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")
        );
        assert_eq!(tree[1].relationship, "componentOf");
        assert!(tree[1].generator.is_none());
        // active → parent → active → … is cut at MAX_DEPTH levels.
        let mut depth = 0;
        let mut node = &tree[0];
        while let Some(child) = node.ingredients.first() {
            node = child;
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH - 1);
    }

    #[test]
    fn node_budget_bounds_a_wide_tree() {
        let wide: Vec<Value> = (0..1000)
            .map(|i| serde_json::json!({ "title": format!("i{i}") }))
            .collect();
        let manifest = serde_json::json!({ "ingredients": wide });
        assert_eq!(ingredient_tree(&manifest, None).len(), MAX_NODES);
    }

    fn evidence(checks: &[(&'static str, bool, &str)]) -> Evidence {
        let mut e = Evidence::new(EvidenceKind::C2paManifest, Claim::AiGenerated, "x");
        for (id, ok, message) in checks {
            e.push_check(if *ok {
                Check::pass(id, *message, *message)
            } else {
                Check::fail(id, *message, *message)
            });
        }
        e
    }

    #[test]
    fn explanation_names_the_first_problem() {
        let intact = [
            (ids::SIGNATURE, true, ""),
            (ids::BINDING, true, ""),
            (ids::ASSERTIONS, true, ""),
            (ids::INGREDIENTS, true, ""),
        ];
        let mut expired = intact.to_vec();
        expired.push((
            ids::CERTIFICATE,
            false,
            "The signer's certificate has expired",
        ));
        expired.push((ids::TRUST, false, "not on the trust lists"));
        assert_eq!(
            explain(&evidence(&expired)).en,
            "The signature is intact and the content was not changed after signing, but the signer's certificate has expired and the signer is not on the trust lists."
        );
        let mut trusted = intact.to_vec();
        trusted.push((ids::CERTIFICATE, true, "valid"));
        trusted.push((ids::TRUST, true, "trusted"));
        assert!(explain(&evidence(&trusted))
            .en
            .ends_with("and the signer is on the trust lists."));
        let tampered = [(ids::SIGNATURE, true, ""), (ids::BINDING, false, "")];
        assert!(explain(&evidence(&tampered))
            .en
            .contains("changed after signing"));
        let forged = [(ids::SIGNATURE, false, "")];
        assert!(explain(&evidence(&forged)).zh.starts_with("签名无法验证"));
    }
}
