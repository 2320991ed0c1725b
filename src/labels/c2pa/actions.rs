//! The actions a C2PA manifest declares, and the strongest digital source type among them:
//! read by validation (the verdict) and by provenance (each ingredient's line).

use serde_json::Value;

use crate::report::Claim;

/// The string at `path` inside a JSON value.
pub fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(value, |v, key| v.get(*key))?.as_str()
}

/// The actions of a manifest (`c2pa.actions` and `c2pa.actions.v2`).
pub fn actions(manifest: &Value) -> impl Iterator<Item = &Value> {
    manifest
        .get("assertions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|a| text(a, &["label"]).is_some_and(|l| l.starts_with("c2pa.actions")))
        .filter_map(|a| a.get("data")?.get("actions")?.as_array())
        .flatten()
}

/// How strongly a digital source type says "AI": higher wins.
fn source_type_rank(uri: &str) -> (u8, Claim) {
    let code = uri.rsplit('/').next().unwrap_or(uri);
    match code {
        "trainedAlgorithmicMedia" | "trainedAlgorithmicData" => (4, Claim::AiGenerated),
        "compositeWithTrainedAlgorithmicMedia" => (3, Claim::AiEdited),
        "composite" | "compositeSynthetic" | "algorithmicMedia" => (2, Claim::Unknown),
        _ => (1, Claim::NotAi),
    }
}

/// The strongest digital source type among a manifest's actions: rank, claim, type URI and
/// the software agent that declared it.
pub fn strongest_action(manifest: &Value) -> Option<(u8, Claim, String, String)> {
    let mut best: Option<(u8, Claim, String, String)> = None;
    for action in actions(manifest) {
        let Some(uri) = text(action, &["digitalSourceType"]) else {
            continue;
        };
        let (rank, claim) = source_type_rank(uri);
        if best.as_ref().is_none_or(|b| rank > b.0) {
            let agent = action
                .get("softwareAgent")
                .and_then(|a| a.as_str().or_else(|| text(a, &["name"])))
                .unwrap_or_default()
                .to_string();
            best = Some((rank, claim, uri.to_string(), agent));
        }
    }
    best
}

/// The strongest digital source type a manifest declares, if any.
pub fn strongest_source_type(manifest: &Value) -> Option<String> {
    strongest_action(manifest).map(|(_, _, uri, _)| uri)
}
