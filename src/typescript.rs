//! The TypeScript declarations of the report and the options, generated from the Rust types
//! (ts-rs, test builds only) and checked in as `types/report.d.ts`, which the JS boundary
//! includes in the package's `.d.ts`. The test fails when the file is stale;
//! `UPDATE_TYPES=1 cargo test --lib typescript` rewrites it.

use ts_rs::{Config, TS};

use crate::report::{Check, Claim, Evidence, EvidenceKind, Ingredient, Provenance, Report};
use crate::report::{Summary, Verdict};
use crate::Options;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/types/report.d.ts");

const HEADER: &str =
    "// Generated from the Rust types in src/report.rs and src/lib.rs by src/typescript.rs;\n\
// do not edit (`UPDATE_TYPES=1 cargo test --lib typescript` rewrites it).\n";

/// One exported declaration, without ts-rs's per-file banner and imports.
fn declaration<T: TS + 'static>(config: &Config) -> String {
    let text = T::export_to_string(config).unwrap_or_default();
    let mut kept: Vec<&str> = text
        .lines()
        .filter(|line| {
            !line.starts_with("import type ") && !line.starts_with("// This file was generated")
        })
        .collect();
    while kept.first().is_some_and(|line| line.trim().is_empty()) {
        kept.remove(0);
    }
    indent_object_members(&kept.join("\n"))
}

/// ts-rs writes an object type's members flush left and closes it with `, };` on the last
/// member's line; wasm-bindgen's own indentation then drifts. One member per indented line.
fn indent_object_members(declaration: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in declaration.lines() {
        let line = line.trim_end();
        if inside {
            match line.strip_suffix(" };") {
                Some(last) => {
                    out.push_str(&format!("  {last}\n}};\n"));
                    inside = false;
                }
                None => out.push_str(&format!("  {line}\n")),
            }
        } else {
            out.push_str(line);
            out.push('\n');
            inside = line.ends_with("= {");
        }
    }
    out.trim_end().to_string()
}

fn declarations() -> String {
    let config = Config::default();
    let parts = [
        declaration::<Verdict>(&config),
        declaration::<Claim>(&config),
        declaration::<EvidenceKind>(&config),
        declaration::<Check>(&config),
        declaration::<Summary>(&config),
        declaration::<Ingredient>(&config),
        declaration::<Provenance>(&config),
        declaration::<Evidence>(&config),
        declaration::<Report>(&config),
        declaration::<crate::options::AudioScan>(&config),
        declaration::<Options>(&config),
    ];
    format!("{HEADER}\n{}\n", parts.join("\n\n"))
}

const NAMES_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/names.js");

/// `www/names.js`: the bilingual names of evidence kinds and claims, from
/// [`EvidenceKind::names`] and [`Claim::names`], so that the page, the extension and the
/// report's summaries say the same words.
fn names_js() -> String {
    let capitalised = |en: &str| {
        let mut chars = en.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    let kinds: String = EvidenceKind::ALL
        .iter()
        .map(|k| {
            let (en, zh) = k.names();
            format!("  {}: ['{zh}', '{}'],\n", k.as_str(), capitalised(en))
        })
        .collect();
    let claims: String = Claim::ALL
        .iter()
        .map(|c| {
            let (en, zh) = c.names();
            format!("  {}: ['{zh}', '{en}'],\n", c.as_str())
        })
        .collect();
    format!(
        "// Generated from src/report.rs (EvidenceKind::names, Claim::names) by src/typescript.rs;\n\
// do not edit (`UPDATE_TYPES=1 cargo test --lib typescript` rewrites it). Shared by the page\n\
// (app.js) and the example extension's service worker (copied to www/extension/pkg/).\n\
\n\
/** Evidence kind → [Chinese, English]. */\n\
export const KIND_NAMES = {{\n{kinds}}};\n\
\n\
/** Claim → [Chinese, English]. */\n\
export const CLAIM_NAMES = {{\n{claims}}};\n\
\n\
/** The [Chinese, English] names of an evidence's kind and claim (the raw id when unknown). */\n\
export function evidenceNames(evidence) {{\n\
\x20\x20const kind = KIND_NAMES[evidence.kind] || [String(evidence.kind), String(evidence.kind)];\n\
\x20\x20const claim = CLAIM_NAMES[evidence.claim] || CLAIM_NAMES.unknown;\n\
\x20\x20return {{ kind, claim }};\n\
}}\n"
    )
}

#[test]
fn names_js_is_current() {
    let generated = names_js();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(NAMES_PATH, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(NAMES_PATH).unwrap_or_default();
    assert!(
        committed == generated,
        "www/names.js is stale: run `UPDATE_TYPES=1 cargo test --lib typescript`"
    );
}

#[test]
fn names_match_the_serialised_spellings() {
    for kind in EvidenceKind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
    }
    for claim in Claim::ALL {
        assert_eq!(serde_json::to_value(claim).unwrap(), claim.as_str());
    }
}

#[test]
fn typescript_declarations_are_current() {
    let generated = declarations();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(PATH, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == generated,
        "types/report.d.ts is stale: run `UPDATE_TYPES=1 cargo test --lib typescript`"
    );
}

#[test]
fn declarations_name_every_verdict_and_optional_field() {
    let text = declarations();
    assert!(text.contains(
        r#"export type Verdict = "ai_labeled" | "possibly_ai" | "suspected_ai" | "invalid_label" | "no_label" | "error";"#
    ));
    assert!(text.contains("export type VerifyOptions = "));
    assert!(text.contains("thumbnails?: boolean"));
    assert!(text.contains("advisory?: boolean"));
    assert!(text.contains("fields: Record<string, string>"));
    assert!(!text.contains("unverified"), "serde(skip) fields stay out");
}
