//! The JavaScript boundary (wasm32 only): `verify(bytes, options)` and `verifyText(text)`
//! returning plain JS objects shaped like the report in `CONTRACT.md`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Options, Report};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The overall answer for one input. */
export type Verdict = "ai_labeled" | "possibly_ai" | "suspected_ai" | "invalid_label" | "no_label" | "error";
/** What one piece of evidence says about the content. */
export type Claim = "ai_generated" | "ai_edited" | "possibly_ai" | "suspected_ai" | "not_ai" | "unknown";
/** The label family of a piece of evidence (new kinds may be added). */
export type EvidenceKind = "tc260_metadata" | "c2pa_manifest" | "iptc_digital_source_type" | "generation_parameters"
  | "vendor_metadata" | "watermark" | "explicit_text_label" | "hidden_text_payload";
/** One validation rule applied to a piece of evidence. */
export interface Check { id: string; ok: boolean; message: string; }
/** One thing found in the input. */
export interface Evidence {
  kind: EvidenceKind;
  claim: Claim;
  valid: boolean;
  location: string;
  fields: Record<string, string>;
  checks: Check[];
}
/** The result of verifying one input. */
export interface Report {
  verdict: Verdict;
  format: string;
  summary: { en: string; zh: string };
  evidence: Evidence[];
  errors: string[];
}
/** Verification options; all optional (reserved for later versions). */
export interface VerifyOptions {}
"#;

/// Verifies the bytes of a file. `options` may be omitted.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn verify(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] options: Option<
        js_sys::Object,
    >,
) -> JsValue {
    let options = match options {
        None => Ok(Options::default()),
        Some(object) => serde_wasm_bindgen::from_value::<Options>(object.into()),
    };
    match options {
        Ok(options) => to_js(&crate::verify(bytes, &options)),
        Err(err) => {
            let message = format!("Invalid options: {err}");
            to_js(&crate::error_report("unknown", &message, "选项无效。"))
        }
    }
}

/// Verifies a text.
#[wasm_bindgen(js_name = verifyText, unchecked_return_type = "Report")]
pub fn verify_text(text: &str) -> JsValue {
    to_js(&crate::verify_text(text))
}

/// The version of this package.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js(report: &Report) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    report
        .serialize(&serializer)
        .unwrap_or_else(|_| js_sys::JSON::parse(&report.to_json()).unwrap_or(JsValue::NULL))
}
