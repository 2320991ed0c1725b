//! The JavaScript boundary (wasm32 only): `verify(bytes, options)` and `verifyText(text)`
//! returning plain JS objects shaped like the report in `docs/CONTRACT.md`.

use std::borrow::Cow;
use std::cell::Cell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Options, Report, Source};

/// The report and option types, generated from the Rust types (see `src/typescript.rs`).
#[wasm_bindgen(typescript_custom_section)]
const REPORT_TYPES: &'static str = include_str!("../types/report.d.ts");

/// The one type of the JS boundary that has no Rust counterpart.
#[wasm_bindgen(typescript_custom_section)]
const SOURCE_TYPES: &'static str = r#"
/**
 * Random access to a file too large to copy into memory, e.g. a `File` in a worker:
 * `{ size: file.size, read: (offset, length) => new Uint8Array(new FileReaderSync().readAsArrayBuffer(file.slice(offset, offset + length))) }`.
 * `read` returns up to `length` bytes (fewer at the end).
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// A JS object with `size` and a synchronous `read(offset, length)`.
    #[wasm_bindgen(typescript_type = "ByteSource")]
    pub type JsByteSource;

    #[wasm_bindgen(method, getter)]
    fn size(this: &JsByteSource) -> f64;

    #[wasm_bindgen(method, catch)]
    fn read(this: &JsByteSource, offset: f64, length: u32) -> Result<js_sys::Uint8Array, JsValue>;
}

/// A [`Source`] backed by a JS `ByteSource`.
struct JsSource {
    inner: JsByteSource,
    len: u64,
    read: Cell<u64>,
}

impl Source for JsSource {
    fn len(&self) -> u64 {
        self.len
    }

    fn read_at(&self, offset: u64, len: usize) -> Result<Cow<'_, [u8]>, String> {
        let available = self.len.saturating_sub(offset).min(u64::from(u32::MAX));
        let len = u32::try_from(len).unwrap_or(u32::MAX).min(available as u32);
        if len == 0 {
            return Ok(Cow::Owned(Vec::new()));
        }
        let bytes = self
            .inner
            .read(offset as f64, len)
            .map_err(|e| format!("cannot read at byte {offset}: {}", describe(&e)))?;
        let bytes = bytes.to_vec();
        self.read
            .set(self.read.get().saturating_add(bytes.len() as u64));
        Ok(Cow::Owned(bytes))
    }

    fn bytes_read(&self) -> u64 {
        self.read.get()
    }
}

fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| js_sys::Error::from(error.clone()).message().as_string())
        .unwrap_or_else(|| "error".into())
}

/// Verifies a file through random-access reads, without copying it into memory:
/// video and audio containers read only their headers and metadata.
#[wasm_bindgen(js_name = verifySource, unchecked_return_type = "Report")]
pub fn verify_source(
    source: JsByteSource,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] options: Option<
        js_sys::Object,
    >,
) -> JsValue {
    let size = source.size();
    if !(size.is_finite() && size >= 0.0) {
        return to_js(&crate::error_report(
            "unknown",
            "The source has no valid size.",
            "数据源大小无效。",
        ));
    }
    let source = JsSource {
        inner: source,
        len: size as u64,
        read: Cell::new(0),
    };
    match parse_options(options) {
        Ok(options) => to_js(&crate::verify_source(&source, &options)),
        Err(report) => to_js(&report),
    }
}

fn parse_options(options: Option<js_sys::Object>) -> Result<Options, Report> {
    let mut options = match options {
        None => Options::default(),
        Some(object) => {
            serde_wasm_bindgen::from_value::<Options>(object.into()).map_err(|err| {
                crate::error_report("unknown", &format!("Invalid options: {err}"), "选项无效。")
            })?
        }
    };
    #[cfg(feature = "ocr")]
    if options.visible_labels {
        options.text_reader = TEXT_READER.with(|reader| reader.borrow().clone());
    }
    Ok(options)
}

#[cfg(feature = "ocr")]
thread_local! {
    /// The OCR engine `loadModels` loaded; every later check with `visibleLabels` uses it.
    static TEXT_READER: std::cell::RefCell<Option<std::sync::Arc<crate::ocr::Engine>>> =
        const { std::cell::RefCell::new(None) };
}

/// Loads the OCR models for the visible-label check (`visibleLabels`): the PP-OCR detection
/// and recognition models (ONNX bytes) and the recogniser's dictionary. Throws a message when
/// they cannot be loaded. Not in the lite build.
#[cfg(feature = "ocr")]
#[wasm_bindgen(js_name = loadModels)]
pub fn load_models(
    detector: Vec<u8>,
    recogniser: Vec<u8>,
    dictionary: &str,
) -> Result<(), JsError> {
    let engine = crate::ocr::Engine::load(detector, recogniser, dictionary)
        .map_err(|message| JsError::new(&message))?;
    TEXT_READER.with(|reader| *reader.borrow_mut() = Some(std::sync::Arc::new(engine)));
    Ok(())
}

/// Whether `loadModels` has loaded the OCR models.
#[cfg(feature = "ocr")]
#[wasm_bindgen(js_name = modelsLoaded)]
pub fn models_loaded() -> bool {
    TEXT_READER.with(|reader| reader.borrow().is_some())
}

/// Verifies the bytes of a file. `options` may be omitted.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn verify(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] options: Option<
        js_sys::Object,
    >,
) -> JsValue {
    match parse_options(options) {
        Ok(options) => to_js(&crate::verify(bytes, &options)),
        Err(report) => to_js(&report),
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
