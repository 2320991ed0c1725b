//! Text reading for the visible-label check: PaddleOCR's DB text detector and CTC recogniser,
//! run by `rten` from the ONNX files as PaddleOCR exports them (docs/ocr.md).
//!
//! The models are not part of this crate: callers load them once ([`Engine::load`]) from
//! wherever their front end keeps them (beside the CLI binary, the page's Cache API, the
//! extension's package) and pass the engine in [`crate::Options`].

pub mod detect;
pub mod recognise;

use std::fmt;

use rten::{op_registry, Model, ModelOptions, OpRegistry};

use crate::pixels::Rgb;

pub use detect::TextBox;

/// The longest model file accepted, in bytes (the PP-OCRv6 tiny pair is 1.8 MB and 4.5 MB;
/// the PP-OCRv4 mobile recogniser 10.9 MB).
pub const MAX_MODEL_BYTES: usize = 64 * 1024 * 1024;
/// The most dictionary entries accepted (PP-OCRv6 tiny has 6,904; v5 18,383).
pub const MAX_DICTIONARY: usize = 50_000;

/// The operators of the PP-OCR v4, v5 and v6 mobile and tiny exports, and no others: the
/// linker then drops the rest of rten's operators from the wasm (docs/performance.md, "Size").
fn operators() -> OpRegistry {
    op_registry!(
        Add,
        AveragePool,
        BatchNormalization,
        Cast,
        Clip,
        Concat,
        Conv,
        ConvTranspose,
        Div,
        Erf,
        GlobalAveragePool,
        HardSigmoid,
        HardSwish,
        Identity,
        MatMul,
        MaxPool,
        Mul,
        Pow,
        ReduceMean,
        Relu,
        Reshape,
        Resize,
        Shape,
        Sigmoid,
        Slice,
        Softmax,
        Sqrt,
        Squeeze,
        Sub,
        Transpose,
        Unsqueeze
    )
}

/// A loaded detector and recogniser with the recogniser's alphabet.
pub struct Engine {
    detector: Model,
    recogniser: Model,
    /// Index 0 is the CTC blank; then the dictionary, then a space (PaddleOCR's convention).
    alphabet: Vec<String>,
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("alphabet", &self.alphabet.len())
            .finish_non_exhaustive()
    }
}

/// One line of text read from an image.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text as read.
    pub text: String,
    /// Mean probability of the characters read, 0–1.
    pub confidence: f32,
    /// Where it is, in the image's pixels.
    pub bounds: TextBox,
}

impl Engine {
    /// Loads the detector and recogniser (ONNX bytes) and the recogniser's dictionary (one
    /// character per line; CRLF or LF).
    pub fn load(
        detector: Vec<u8>,
        recogniser: Vec<u8>,
        dictionary: &str,
    ) -> Result<Engine, String> {
        for (name, bytes) in [("detection", &detector), ("recognition", &recogniser)] {
            if bytes.len() > MAX_MODEL_BYTES {
                return Err(format!("the {name} model is over {MAX_MODEL_BYTES} bytes"));
            }
        }
        let options = ModelOptions::with_ops(operators());
        let detector = options
            .load(detector)
            .map_err(|e| format!("detection model: {e}"))?;
        let recogniser = options
            .load(recogniser)
            .map_err(|e| format!("recognition model: {e}"))?;
        let mut alphabet = vec![String::new()];
        alphabet.extend(
            dictionary
                .lines()
                .take(MAX_DICTIONARY + 1)
                .map(|l| l.trim_end_matches('\r').to_string()),
        );
        if alphabet.len() > MAX_DICTIONARY + 1 {
            return Err(format!("the dictionary has over {MAX_DICTIONARY} entries"));
        }
        alphabet.push(" ".to_string());
        Ok(Engine {
            detector,
            recogniser,
            alphabet,
        })
    }

    /// The text boxes the detector finds in `image` (a region already scaled for it).
    pub fn detect(&self, image: &Rgb) -> Result<Vec<TextBox>, String> {
        detect::run(&self.detector, image)
    }

    /// The text in `bounds` of `image`, read at its own resolution.
    pub fn recognise(&self, image: &Rgb, bounds: TextBox) -> Result<Option<Line>, String> {
        let Some((text, confidence)) =
            recognise::run(&self.recogniser, &self.alphabet, image, bounds)?
        else {
            return Ok(None);
        };
        Ok(Some(Line {
            text,
            confidence,
            bounds,
        }))
    }
}
