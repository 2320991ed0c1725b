//! The one pipeline: sniff → the container locates blocks → every label family reads them →
//! the verdict → the report. Files and texts take the same path and end in [`finish`].

use crate::container::{self, Scan};
use crate::labels::{self, Found, Input};
use crate::options::Options;
use crate::report::{Report, Summary, Verdict};
use crate::sniff::{self, Format};
use crate::source::{self, Source};
use crate::verdict;

/// Verifies one input held in memory: a supported container, or UTF-8 text.
pub fn verify(data: &[u8], options: &Options) -> Report {
    verify_source(&data, options)
}

/// Verifies one input read through a [`Source`] (a file, a browser `Blob`): video and
/// audio containers are walked by seeking, reading only headers and metadata.
pub fn verify_source(source: &dyn Source, options: &Options) -> Report {
    if source.is_empty() {
        return error_report("unknown", "The input is empty.", "输入为空。");
    }
    let head = match source.read_at(0, sniff::SNIFF_LEN) {
        Ok(head) => head,
        Err(message) => return error_report("unknown", &message, "无法读取该输入。"),
    };
    match sniff::sniff(&head) {
        Some(format) => verify_file(format, source, options),
        None => verify_unknown(source, options),
    }
}

/// Verifies a text.
pub fn verify_text(text: &str) -> Report {
    verify_text_with(text, &Options::default())
}

fn verify_text_with(text: &str, options: &Options) -> Report {
    let scan = container::text::scan(text);
    let found = labels::read(&Input::new(&scan.blocks, options).with_text(text));
    finish(Subject::Text(text), None, scan, found)
}

/// Input with no known magic: text when it is UTF-8, an error otherwise.
fn verify_unknown(source: &dyn Source, options: &Options) -> Report {
    let unsupported = || {
        error_report(
            "unknown",
            "Not a supported file (image, video, audio or document format) and not UTF-8 text.",
            "不是受支持的文件格式（图片、视频、音频或文档），也不是 UTF-8 文本。",
        )
    };
    if source.len() > source::MAX_WHOLE_FILE {
        return unsupported();
    }
    match source.read_at(0, source.len() as usize) {
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Ok(text) => verify_text_with(text, options),
            Err(_) => unsupported(),
        },
        Err(message) => error_report("unknown", &message, "无法读取该输入。"),
    }
}

fn verify_file(format: Format, source: &dyn Source, options: &Options) -> Report {
    let mut whole = None;
    let (scan, held) = container::scan_source_held(format, source, &mut whole);
    // When the container read the file whole, the families (C2PA hashing, pixel decoding)
    // read those bytes instead of the source: one copy of a 500 MB image per check, not two.
    let asset: &dyn Source = match &held {
        Some(bytes) => bytes,
        None => source,
    };
    let input = Input::new(&scan.blocks, options).with_asset(asset, format);
    let found = labels::read(&input);
    drop(input);
    finish(Subject::File(format), scan.format, scan, found)
}

/// What was verified.
enum Subject<'a> {
    File(Format),
    Text(&'a str),
}

/// The report of one input: the verdict and its sentence from the evidence, the container's
/// errors before the families'.
fn finish(
    subject: Subject<'_>,
    precise: Option<&'static str>,
    scan: Scan<'_>,
    found: Found,
) -> Report {
    let verdict = verdict::decide(&found.evidence);
    let mut summary = verdict::summarize(verdict, &found.evidence);
    let (format, media) = match subject {
        Subject::File(format) => (precise.unwrap_or(format.as_str()), format.media().as_str()),
        Subject::Text(text) => {
            if found.evidence.is_empty() {
                summary = empty_text_summary(text);
            }
            ("text", "text")
        }
    };
    let mut errors = scan.errors;
    errors.extend(found.errors);
    Report {
        verdict,
        format: format.to_string(),
        media: media.to_string(),
        summary,
        evidence: found.evidence,
        errors,
    }
}

fn empty_text_summary(text: &str) -> Summary {
    let chars = text.chars().count();
    Summary {
        en: format!("No AI label was found in this text ({chars} characters)."),
        zh: format!("该文本（{chars} 个字符）中未发现AI标识。"),
    }
}

/// A report for input that could not be read at all.
pub fn error_report(format: &str, en: &str, zh: &str) -> Report {
    Report {
        verdict: Verdict::Error,
        format: format.to_string(),
        media: "unknown".to_string(),
        summary: Summary {
            en: en.to_string(),
            zh: zh.to_string(),
        },
        evidence: Vec::new(),
        errors: vec![en.to_string()],
    }
}
