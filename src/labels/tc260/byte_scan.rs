//! The last-resort scan: when no reader found a GB 45438 label in a binary container, its bytes
//! are searched for a record, a JSON object with `Label` and `ContentProducer` keys, bare,
//! XML-escaped (`&quot;`) or backslash-escaped, wrapped in `{"AIGC":…}` or not. What it finds is
//! validated like any label, with a warning that it sat outside every field a reader looks in.
//!
//! Bounds: the first [`HEAD`] and last [`TAIL`] bytes only (the report says when the middle was
//! skipped), read [`CHUNK`] bytes at a time; records of at most [`MAX_RECORD`] bytes; at most
//! [`MAX_LABELS`] records.

use memchr::memmem;

use super::{evaluate, ids};
use crate::report::{Check, Evidence};
use crate::sniff::Format;
use crate::source::Source;

/// Bytes searched from the start of the file.
pub const HEAD: u64 = 16 << 20;
/// Bytes searched from the end of the file.
pub const TAIL: u64 = 16 << 20;
/// Bytes read at a time.
const CHUNK: u64 = 1 << 20;
/// Longest record looked at, and how far before a `Label` key its object may start.
const MAX_RECORD: usize = 16 << 10;
/// Most records reported.
const MAX_LABELS: usize = 4;

/// What the scan found.
#[derive(Debug, Default)]
pub struct Scanned {
    /// One evidence per record, in file order.
    pub labels: Vec<Evidence>,
    /// What was not searched, or could not be read.
    pub errors: Vec<String>,
}

/// Whether the scan runs on a file of `format`: binary containers only. Documents are left
/// out with text, so that a PDF or a DOCX quoting the standard's example is not labelled.
pub fn applies(format: Format) -> bool {
    !matches!(format, Format::Pdf | Format::Zip)
}

/// Searches the head and the tail of `source` for GB 45438 records.
pub fn scan(source: &dyn Source) -> Scanned {
    let mut scanned = Scanned::default();
    let len = source.len();
    let ranges = if len <= HEAD + TAIL {
        vec![(0, len)]
    } else {
        scanned.errors.push(format!(
            "last-resort scan: only the first {} MiB and the last {} MiB of the {len} bytes were searched for a GB 45438 record",
            HEAD >> 20,
            TAIL >> 20
        ));
        vec![(0, HEAD), (len - TAIL, len)]
    };
    let finder = memmem::Finder::new(b"Label");
    for (start, end) in ranges {
        let mut at = start;
        while at < end && scanned.labels.len() < MAX_LABELS {
            // Each chunk is read with MAX_RECORD bytes of context on both sides, so a record
            // across a chunk boundary is whole in the chunk that holds its key.
            let from = at.saturating_sub(MAX_RECORD as u64).max(start);
            let to = (at + CHUNK + MAX_RECORD as u64).min(end);
            let bytes = match source.read_at(from, (to - from) as usize) {
                Ok(bytes) => bytes,
                Err(message) => {
                    scanned.errors.push(format!("last-resort scan: {message}"));
                    return scanned;
                }
            };
            let own = (at - from) as usize..((at + CHUNK).min(end) - from) as usize;
            let mut skip_to = 0usize;
            for hit in finder.find_iter(&bytes) {
                if hit < own.start || hit < skip_to {
                    continue;
                }
                if hit >= own.end || scanned.labels.len() >= MAX_LABELS {
                    break;
                }
                if let Some(record) = record_at(&bytes, hit) {
                    let offset = from + record.start as u64;
                    skip_to = record.end;
                    scanned.labels.push(found_label(&record.json, offset));
                }
            }
            at += CHUNK;
        }
    }
    scanned
}

/// A record found around a `Label` key.
struct Record {
    /// Where its object starts and ends in the chunk.
    start: usize,
    end: usize,
    /// Its JSON, unescaped.
    json: String,
}

/// How the record's quotes are written.
#[derive(Clone, Copy)]
enum Quoting {
    Plain,
    Xml,
    Backslash,
}

impl Quoting {
    fn quote(self) -> &'static [u8] {
        match self {
            Quoting::Plain => b"\"",
            Quoting::Xml => b"&quot;",
            Quoting::Backslash => b"\\\"",
        }
    }

    /// The quoting of a key whose name starts at `at`, from the bytes around it.
    fn of_key(bytes: &[u8], at: usize, name: &[u8]) -> Option<Quoting> {
        let before = bytes.get(..at)?;
        let after = bytes.get(at + name.len()..)?;
        [Quoting::Backslash, Quoting::Xml, Quoting::Plain]
            .into_iter()
            .find(|q| before.ends_with(q.quote()) && after.starts_with(q.quote()))
    }

    fn unescape(self, raw: &[u8]) -> String {
        let text = String::from_utf8_lossy(raw);
        match self {
            Quoting::Plain => text.into_owned(),
            Quoting::Backslash => text.replace("\\\"", "\"").replace("\\\\", "\\"),
            Quoting::Xml => text
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        }
    }
}

/// The record whose `Label` key starts at `hit`: the object around it, when the object also
/// has a `ContentProducer` key. A record that is not whole JSON is still returned (up to its
/// first `}`), to be reported as a malformed label.
fn record_at(bytes: &[u8], hit: usize) -> Option<Record> {
    let quoting = Quoting::of_key(bytes, hit, b"Label")?;
    let window_start = hit.saturating_sub(MAX_RECORD);
    let start = window_start + memchr::memrchr(b'{', bytes.get(window_start..hit)?)?;
    let window = bytes.get(start..(start + MAX_RECORD).min(bytes.len()))?;
    let producer = [quoting.quote(), b"ContentProducer", quoting.quote()].concat();
    let close = memchr::memchr(b'}', window)?;
    // The producer key sits in the same object: before its first closing brace.
    memmem::find(window.get(..close)?, &producer)?;
    let text = quoting.unescape(window);
    let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
    let whole = match stream.next() {
        Some(Ok(serde_json::Value::Object(_))) => text.get(..stream.byte_offset()),
        _ => None,
    };
    let json = match whole {
        Some(json) => json.to_string(),
        None => quoting.unescape(window.get(..=close)?),
    };
    let raw_len = match whole {
        // The escaped length is not the unescaped one; the first `}` after the key bounds it.
        Some(_) if matches!(quoting, Quoting::Plain) => json.len(),
        _ => close + 1,
    };
    Some(Record {
        start,
        end: start + raw_len,
        json,
    })
}

/// The evidence of a record found at byte `offset`.
fn found_label(json: &str, offset: u64) -> Evidence {
    let mut evidence = evaluate(json, format!("bytes at byte {offset}, found by a scan"));
    evidence.push_check(
        Check::fail(
            ids::NONSTANDARD_LOCATION,
            "The label was found outside every metadata field a reader looks in",
            "标识位于各读取器所查的元数据字段之外",
        )
        .advisory(),
    );
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Claim;

    const LABEL: &str =
        r#"{"Label":"1","ContentProducer":"001191440101MA9Y9T4H7A10000","ProduceID":"scan-1"}"#;

    fn scan_bytes(bytes: &[u8]) -> Scanned {
        scan(&bytes)
    }

    fn with_noise(record: &[u8]) -> Vec<u8> {
        let mut file = vec![0x89u8; 3000];
        file.extend_from_slice(record);
        file.extend(vec![0u8; 500]);
        file
    }

    #[test]
    fn finds_a_bare_record_and_names_its_byte() {
        let scanned = scan_bytes(&with_noise(LABEL.as_bytes()));
        assert!(scanned.errors.is_empty(), "{:?}", scanned.errors);
        assert_eq!(scanned.labels.len(), 1);
        let label = &scanned.labels[0];
        assert_eq!(label.location, "bytes at byte 3000, found by a scan");
        assert_eq!(label.claim, Claim::AiGenerated);
        assert_eq!(label.fields.get("ProduceID"), Some("scan-1"));
        let warning = label
            .checks
            .iter()
            .find(|c| c.id == ids::NONSTANDARD_LOCATION)
            .unwrap();
        assert!(!warning.ok && warning.advisory);
    }

    #[test]
    fn finds_wrapped_xml_escaped_and_backslash_escaped_records() {
        let wrapped = format!(r#"{{"AIGC":{LABEL}}}"#);
        let xml = LABEL.replace('"', "&quot;");
        let backslash = LABEL.replace('"', "\\\"");
        for (record, at) in [(wrapped, 3008), (xml, 3000), (backslash, 3000)] {
            let scanned = scan_bytes(&with_noise(record.as_bytes()));
            assert_eq!(scanned.labels.len(), 1, "{record}");
            assert_eq!(scanned.labels[0].fields.get("ProduceID"), Some("scan-1"));
            assert_eq!(
                scanned.labels[0].location,
                format!("bytes at byte {at}, found by a scan")
            );
        }
    }

    #[test]
    fn an_object_without_a_producer_is_not_a_label() {
        for text in [
            r#"{"Label":"cat","score":0.9}"#,
            r#"{"Label":"cat"} {"ContentProducer":"x"}"#,
            r#"Label ContentProducer"#,
        ] {
            assert!(
                scan_bytes(&with_noise(text.as_bytes())).labels.is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn a_cut_record_is_a_malformed_label() {
        let cut_inside = &LABEL[..40];
        let scanned = scan_bytes(&with_noise(format!("{cut_inside}}}").as_bytes()));
        assert_eq!(scanned.labels.len(), 1);
        let syntax = scanned.labels[0]
            .checks
            .iter()
            .find(|c| c.id == ids::JSON_SYNTAX)
            .unwrap();
        assert!(!syntax.ok, "{syntax:?}");
    }

    #[test]
    fn a_record_across_a_chunk_boundary_is_found_once() {
        let mut file = vec![0u8; CHUNK as usize - 20];
        file.extend_from_slice(LABEL.as_bytes());
        file.extend(vec![0u8; 100]);
        let scanned = scan_bytes(&file);
        assert_eq!(scanned.labels.len(), 1);
    }

    #[test]
    fn a_large_file_is_searched_at_both_ends_and_says_so() {
        struct Big;
        impl Source for Big {
            fn len(&self) -> u64 {
                4 << 30
            }
            fn read_at(
                &self,
                offset: u64,
                len: usize,
            ) -> Result<std::borrow::Cow<'_, [u8]>, String> {
                let mut bytes = vec![0u8; len];
                let at = (4u64 << 30) - 1000;
                if offset <= at && at < offset + len as u64 {
                    let i = (at - offset) as usize;
                    let end = (i + LABEL.len()).min(len);
                    bytes[i..end].copy_from_slice(&LABEL.as_bytes()[..end - i]);
                }
                Ok(bytes.into())
            }
        }
        let scanned = scan(&Big);
        assert_eq!(scanned.labels.len(), 1);
        assert_eq!(
            scanned.labels[0].location,
            format!("bytes at byte {}, found by a scan", (4u64 << 30) - 1000)
        );
        assert_eq!(
            scanned.errors,
            ["last-resort scan: only the first 16 MiB and the last 16 MiB of the 4294967296 bytes were searched for a GB 45438 record"]
        );
    }
}
