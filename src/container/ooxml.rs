//! Office Open XML (DOCX, XLSX, PPTX): a ZIP read through a [`Source`] (only the central
//! directory and `docProps/custom.xml` are read), with the custom property `AIGC`.
//! The ZIP is read by the `zip` crate; the entry is inflated with a size limit. When the
//! central directory is missing or unreadable, the local file headers are walked from the
//! start instead (see [`recover`]), so that a damaged archive still shows its label.

use std::io::{Read, Seek};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{Block, BlockKind, Scan, MAX_INFLATED_TOTAL};
use crate::bytes::{find, Cursor};
use crate::source::{Source, SourceReader};

/// Largest `custom.xml` read (uncompressed).
const MAX_CUSTOM_XML: u64 = 4 << 20;
const CUSTOM: &str = "docProps/custom.xml";

/// Reads the custom properties of an OOXML document.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::new("ZIP");
    let mut archive = match zip::ZipArchive::new(SourceReader::new(source)) {
        Ok(archive) => archive,
        Err(err) => {
            scan.error(format!(
                "unreadable archive ({err}); its entries were read from their local headers"
            ));
            recover(source, &mut scan);
            return scan;
        }
    };
    scan.format = Some(kind(&archive));
    let mut entry = match archive.by_name(CUSTOM) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return scan,
        Err(err) => {
            scan.error(format!("cannot open {CUSTOM} ({err})"));
            return scan;
        }
    };
    let at = entry.header_start();
    if entry.size() > MAX_CUSTOM_XML {
        scan.error(format!("{CUSTOM} is over {MAX_CUSTOM_XML} bytes; not read"));
        return scan;
    }
    let mut xml = Vec::new();
    // `read_to_end` keeps what it read before an error: a bad CRC-32 (reported only at the
    // end) or a cut-off stream must not hide a label that was read whole.
    if let Err(err) = (&mut entry).take(MAX_CUSTOM_XML).read_to_end(&mut xml) {
        scan.error(format!(
            "cannot inflate {CUSTOM} ({err}); the {} bytes read were kept",
            xml.len()
        ));
    }
    push_properties(&mut scan, &xml, at, "");
    scan
}

/// One block per custom property of `xml`, the `custom.xml` entry whose header is at `at`.
fn push_properties(scan: &mut Scan<'static>, xml: &[u8], at: u64, how: &str) {
    for (name, value) in custom_properties(xml, scan) {
        let place = format!("custom property \"{name}\" in {CUSTOM} (ZIP entry at byte {at}{how})");
        scan.push(Block::owned(
            BlockKind::Text { key: name },
            place,
            at,
            value.into_bytes(),
        ));
    }
}

/// Most of a damaged archive walked: its first 64 MiB (an OOXML package is rarely larger).
const RECOVERY_WINDOW: u64 = 64 << 20;
/// Most local headers walked (the classic ZIP limit).
const MAX_ENTRIES: usize = 65_535;
/// Most errors the walk reports before it stops (a file of broken headers would fill the report).
const MAX_ERRORS: usize = 64;
/// Most bytes inflated only to find where entries without sizes end, per file.
const MAX_SKIPPED_OUTPUT: usize = 8 * MAX_INFLATED_TOTAL;

const LOCAL: &[u8] = b"PK\x03\x04";
const CENTRAL: &[u8] = b"PK\x01\x02";
const END: &[u8] = b"PK\x05\x06";
const DESCRIPTOR: &[u8] = b"PK\x07\x08";

/// What the walk of the local headers found.
#[derive(Default)]
struct Walk {
    /// The last `custom.xml` read: its header's offset and content.
    custom: Option<(usize, Vec<u8>)>,
    /// Which main part was seen: `docx`, `xlsx`, `pptx`.
    kind: Option<&'static str>,
    /// Bytes inflated to skip entries so far.
    skipped: usize,
    /// Whether a limit ended the walk.
    stop: bool,
}

/// Walks the local file headers from the start of the file when the central directory cannot
/// be read: stored and deflated entries, with sizes in the header or in a data descriptor
/// after the data (the end of a deflate stream is found by inflating it, that of a stored
/// entry by the descriptor's signature and size). Reads `custom.xml` as [`scan`] does; a
/// CRC-32 that does not match is an error, and the content is read anyway.
fn recover(source: &dyn Source, scan: &mut Scan<'static>) {
    let size = source.len().min(RECOVERY_WINDOW);
    let data = match source.read_at(0, size as usize) {
        Ok(data) => data,
        Err(message) => {
            scan.error(message);
            return;
        }
    };
    if source.len() > RECOVERY_WINDOW {
        scan.error(format!(
            "only the first {RECOVERY_WINDOW} bytes were walked for local headers"
        ));
    }
    let data: &[u8] = &data;
    let mut walk = Walk::default();
    let mut at = 0usize;
    let mut entries = 0usize;
    let errors = scan.errors.len();
    loop {
        let rest = data.get(at..).unwrap_or_default();
        if rest.is_empty() || rest.starts_with(CENTRAL) || rest.starts_with(END) {
            break;
        }
        let Some(header) = find(rest, LOCAL).map(|i| at + i) else {
            scan.error(format!(
                "{} bytes at byte {at} are not a ZIP entry",
                rest.len()
            ));
            break;
        };
        if header != at {
            scan.error(format!(
                "{} bytes at byte {at} are not a ZIP entry; the walk went on at byte {header}",
                header - at
            ));
        }
        entries += 1;
        if walk.stop {
            break;
        }
        if scan.errors.len() > errors + MAX_ERRORS {
            scan.error("too many damaged entries; the rest were not read");
            break;
        }
        if entries > MAX_ENTRIES {
            scan.error(format!(
                "more than {MAX_ENTRIES} local headers; the rest were not read"
            ));
            break;
        }
        match local_entry(data, header, &mut walk, scan) {
            // Always forward: a header is at least 30 bytes.
            Some(next) if next > header => at = next,
            // The entry's end is unknown: look for the next header after this one.
            _ => at = header + LOCAL.len(),
        }
    }
    scan.format = Some(walk.kind.unwrap_or("zip"));
    if let Some((header, xml)) = walk.custom {
        push_properties(
            scan,
            &xml,
            header as u64,
            ", found without the central directory",
        );
    }
}

/// Reads the local entry whose header is at `header`; returns where the next entry starts,
/// or `None` when its end could not be found.
fn local_entry(data: &[u8], header: usize, walk: &mut Walk, scan: &mut Scan<'_>) -> Option<usize> {
    let mut c = Cursor::at(data, header + LOCAL.len());
    let fields = (|| {
        c.skip(2)?; // version needed
        let flags = c.u16_le()?;
        let method = c.u16_le()?;
        c.skip(4)?; // time, date
        Some((flags, method, c.u32_le()?, c.u32_le()?, c.u32_le()?))
    })();
    let name_len = c.u16_le();
    let extra_len = c.u16_le();
    let (Some((flags, method, crc, compressed, _)), Some(name_len), Some(extra_len)) =
        (fields, name_len, extra_len)
    else {
        scan.error(format!("the local header at byte {header} is cut short"));
        return None;
    };
    let name = String::from_utf8_lossy(c.take(usize::from(name_len)).unwrap_or_default());
    let Some(extra) = c.take(usize::from(extra_len)) else {
        scan.error(format!(
            "the local header of {name} at byte {header} is cut short"
        ));
        return None;
    };
    let start = c.pos();
    match name.as_ref() {
        "word/document.xml" => walk.kind = Some("docx"),
        "xl/workbook.xml" => walk.kind = Some("xlsx"),
        "ppt/presentation.xml" => walk.kind = Some("pptx"),
        _ => {}
    }
    let wanted = name == CUSTOM;
    let described = flags & 8 != 0;
    let compressed = if compressed == u32::MAX {
        zip64_compressed(extra)
    } else {
        Some(u64::from(compressed))
    };
    // A size is known when the header gives one that fits in the file.
    let known = compressed
        .filter(|&n| !(described && n == 0))
        .and_then(|n| usize::try_from(n).ok())
        .and_then(|n| {
            start
                .checked_add(n)
                .filter(|&end| end <= data.len())
                .map(|end| (n, end))
        });
    if known.is_none() && !described {
        scan.error(format!(
            "{name} at byte {header} claims {} compressed bytes, past the end of the file",
            compressed.map_or_else(|| "more than 4 GiB of".to_string(), |n| n.to_string())
        ));
    }
    if flags & 1 != 0 {
        if wanted {
            scan.error(format!("{name} at byte {header} is encrypted; not read"));
        }
        return known.map(|(_, end)| end);
    }
    let (content, end) = match (method, known) {
        (0, Some((_, end))) => (
            data.get(start..end).filter(|_| wanted).map(<[u8]>::to_vec),
            end,
        ),
        (0, None) => {
            let Some(end) = stored_end(data, start) else {
                scan.error(format!(
                    "{name} at byte {header}: no data descriptor ends its stored data"
                ));
                return None;
            };
            (
                data.get(start..end).filter(|_| wanted).map(<[u8]>::to_vec),
                end,
            )
        }
        (8, Some((_, end))) if !wanted => (None, end),
        (8, known) => {
            let input = data.get(start..known.map_or(data.len(), |(_, end)| end))?;
            let limit = if wanted {
                MAX_CUSTOM_XML as usize
            } else if walk.skipped < MAX_SKIPPED_OUTPUT {
                MAX_SKIPPED_OUTPUT - walk.skipped
            } else {
                walk.stop = true;
                scan.error(format!(
                    "more than {MAX_SKIPPED_OUTPUT} bytes inflated to find the ends of entries; the rest were not read"
                ));
                return None;
            };
            let inflated = inflate_raw(input, wanted, limit);
            if !wanted {
                walk.skipped = walk.skipped.saturating_add(inflated.produced);
            }
            if let Some(problem) = &inflated.problem {
                scan.error(format!("{name} at byte {header}: {problem}"));
            }
            if wanted {
                let end = known.map_or(start + inflated.consumed, |(_, end)| end);
                (Some(inflated.data), end)
            } else if inflated.ended {
                (None, start + inflated.consumed)
            } else {
                return known.map(|(_, end)| end);
            }
        }
        (other, Some((_, end))) => {
            if wanted {
                scan.error(format!(
                    "{name} at byte {header}: compression method {other} is not read"
                ));
            }
            (None, end)
        }
        (other, None) => {
            scan.error(format!(
                "{name} at byte {header}: compression method {other} with no size; its end is unknown"
            ));
            return None;
        }
    };
    // The data descriptor, when there is one, holds the CRC-32 (its signature is optional).
    let (crc, next) = if described {
        let mut d = Cursor::at(data, end);
        if data.get(end..end + 4) == Some(DESCRIPTOR) {
            d.skip(4)?;
        }
        let recorded = d.u32_le();
        if recorded.is_none() {
            scan.error(format!(
                "the data descriptor of {name} at byte {end} is cut short"
            ));
        }
        // Then the compressed and uncompressed sizes, 4 bytes each.
        (recorded.unwrap_or(crc), (d.pos() + 8).min(data.len()))
    } else {
        (crc, end)
    };
    if let Some(content) = content {
        let actual = crc32fast::hash(&content);
        if actual != crc {
            scan.error(format!(
                "{name} at byte {header}: its CRC-32 is {actual:08x}, not the recorded {crc:08x}; read anyway"
            ));
        }
        walk.custom = Some((header, content));
    }
    Some(next)
}

/// The compressed size in a local header's ZIP64 extra field (id 1: uncompressed size, then
/// compressed size, 8 bytes each).
fn zip64_compressed(extra: &[u8]) -> Option<u64> {
    let mut c = Cursor::at(extra, 0);
    while !c.is_empty() {
        let id = c.u16_le()?;
        let len = c.u16_le()?;
        let body = c.take(usize::from(len))?;
        if id == 1 {
            let mut b = Cursor::at(body, 8);
            return b.array::<8>().map(u64::from_le_bytes);
        }
    }
    None
}

/// Where the stored data starting at `start` ends: at a data descriptor whose compressed size
/// is the distance from `start`, found by its signature or, when it has none, as the 12 bytes
/// before the next header.
fn stored_end(data: &[u8], start: usize) -> Option<usize> {
    let size_at = |at: usize| {
        Cursor::at(data, at)
            .u32_le()
            .and_then(|n| usize::try_from(n).ok())
    };
    let mut from = start;
    loop {
        // The end of the file counts as a header: the last entry is followed by nothing.
        let at = data
            .get(from..)
            .and_then(|d| find(d, b"PK"))
            .map_or(data.len(), |i| from + i);
        if at >= data.len() {
            let end = data.len().checked_sub(12)?;
            return (end >= start && size_at(end + 4) == Some(end - start)).then_some(end);
        }
        let here = data.get(at..).unwrap_or_default();
        if here.starts_with(DESCRIPTOR) && size_at(at + 8) == Some(at - start) {
            return Some(at);
        }
        let header = here.starts_with(LOCAL) || here.starts_with(CENTRAL) || here.starts_with(END);
        if header && at >= start + 12 && size_at(at - 8) == Some(at - 12 - start) {
            return Some(at - 12);
        }
        from = at + 1;
    }
}

/// A raw deflate stream inflated as far as it goes.
struct Inflated {
    /// The output kept (when asked for).
    data: Vec<u8>,
    /// Output bytes made, kept or not.
    produced: usize,
    /// Input bytes read: where the stream ends when `ended`.
    consumed: usize,
    /// Whether the stream's last block was reached.
    ended: bool,
    /// What stopped it otherwise.
    problem: Option<String>,
}

/// Inflates the raw deflate stream at the start of `input`, keeping the output when `keep`,
/// and stopping after `limit` output bytes.
fn inflate_raw(input: &[u8], keep: bool, limit: usize) -> Inflated {
    use miniz_oxide::inflate::stream::{inflate, InflateState};
    use miniz_oxide::{DataFormat, MZFlush, MZStatus};
    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut buffer = vec![0u8; 32 << 10];
    let mut out = Inflated {
        data: Vec::new(),
        produced: 0,
        consumed: 0,
        ended: false,
        problem: None,
    };
    loop {
        let rest = input.get(out.consumed..).unwrap_or_default();
        let result = inflate(&mut state, rest, &mut buffer, MZFlush::None);
        out.consumed += result.bytes_consumed;
        let made = buffer.get(..result.bytes_written).unwrap_or_default();
        if keep {
            let room = limit.saturating_sub(out.data.len());
            out.data
                .extend_from_slice(made.get(..made.len().min(room)).unwrap_or_default());
        }
        out.produced = out.produced.saturating_add(made.len());
        if out.produced > limit {
            out.problem = Some(format!(
                "inflates to more than {limit} bytes; stopped there"
            ));
            return out;
        }
        match result.status {
            Ok(MZStatus::StreamEnd) => {
                out.ended = true;
                return out;
            }
            Ok(_) if result.bytes_consumed > 0 || result.bytes_written > 0 => {}
            Ok(_) | Err(miniz_oxide::MZError::Buf) => {
                out.problem = Some("its deflate stream is cut short".into());
                return out;
            }
            Err(_) => {
                out.problem = Some("its compressed data is corrupt".into());
                return out;
            }
        }
    }
}

/// `docx`, `xlsx`, `pptx`, or `zip` for any other archive.
fn kind<R: Read + Seek>(archive: &zip::ZipArchive<R>) -> &'static str {
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("word/document.xml") {
        "docx"
    } else if has("xl/workbook.xml") {
        "xlsx"
    } else if has("ppt/presentation.xml") {
        "pptx"
    } else {
        "zip"
    }
}

/// (name, text value) of each `<property name="…"><vt:…>value</vt:…></property>`.
fn custom_properties(xml: &[u8], scan: &mut Scan<'_>) -> Vec<(String, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"property" => {
                let name = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"name")
                    .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                current = name.map(|n| (n, String::new()));
            }
            Ok(Event::Text(t)) => {
                if let Some((_, value)) = current.as_mut() {
                    value.push_str(&t.unescape().map(|v| v.into_owned()).unwrap_or_default());
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"property" => {
                if let Some(done) = current.take() {
                    out.push(done);
                }
            }
            Ok(Event::Eof) => break,
            Err(err) => {
                scan.error(format!("{CUSTOM}: malformed XML ({err})"));
                break;
            }
            _ => {}
        }
        if out.len() > 4096 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(body.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    const CUSTOM_XML: &str = r#"<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Other"><vt:lpwstr>x</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="AIGC"><vt:lpwstr>{"AIGC":{"Label":"1"}}</vt:lpwstr></property></Properties>"#;

    fn run(file: &[u8]) -> Scan<'static> {
        let source: &[u8] = file;
        scan(&source)
    }

    #[test]
    fn reads_the_aigc_custom_property_and_names_the_kind() {
        let file = archive(&[("xl/workbook.xml", "<workbook/>"), (CUSTOM, CUSTOM_XML)]);
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.format, Some("xlsx"));
        assert_eq!(scan.blocks.len(), 2);
        assert_eq!(scan.blocks[1].kind, BlockKind::Text { key: "AIGC".into() });
        assert_eq!(scan.blocks[1].text(), r#"{"AIGC":{"Label":"1"}}"#);
    }

    #[test]
    fn a_plain_zip_is_a_zip() {
        let scan = run(&archive(&[("readme.txt", "hi")]));
        assert_eq!(scan.format, Some("zip"));
        assert!(scan.blocks.is_empty() && scan.errors.is_empty());
    }

    /// A label the pipeline reads as complete (the committed `label1.docx`'s).
    const LABEL: &str = r#"{"AIGC":{"Label":"1","ContentProducer":"001191440101MA9Y9T4H7A10000","ProduceID":"qwen-docx-1"}}"#;

    fn custom_xml(label: &str) -> String {
        CUSTOM_XML.replace(r#"{"AIGC":{"Label":"1"}}"#, label)
    }

    /// The archive without its central directory (and end record).
    fn without_central_directory(file: &[u8]) -> Vec<u8> {
        let at = crate::bytes::find(file, CENTRAL).unwrap();
        file[..at].to_vec()
    }

    /// A local header and its data; `descriptor` is written after the data when flag bit 3
    /// is set.
    fn local(name: &str, method: u16, flags: u16, sizes: (u32, u32, u32), data: &[u8]) -> Vec<u8> {
        let (crc, compressed, size) = sizes;
        let mut out = LOCAL.to_vec();
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&flags.to_le_bytes());
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&compressed.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        out
    }

    /// An entry with a data descriptor (sizes and CRC 0 in the header), stored or deflated.
    fn described(name: &str, body: &[u8], deflate: bool, signature: bool) -> Vec<u8> {
        let data = if deflate {
            miniz_oxide::deflate::compress_to_vec(body, 6)
        } else {
            body.to_vec()
        };
        let method = if deflate { 8 } else { 0 };
        let mut out = local(name, method, 8, (0, 0, 0), &data);
        if signature {
            out.extend_from_slice(DESCRIPTOR);
        }
        out.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out
    }

    fn aigc(scan: &Scan<'_>) -> Option<String> {
        scan.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Text { key: "AIGC".into() })
            .map(|b| b.text().into_owned())
    }

    #[test]
    fn an_archive_without_its_central_directory_is_walked_by_local_headers() {
        let xml = custom_xml(LABEL);
        let file = archive(&[("word/document.xml", "<w/>"), (CUSTOM, &xml)]);
        let scan = run(&without_central_directory(&file));
        assert_eq!(scan.format, Some("docx"));
        assert_eq!(aigc(&scan).as_deref(), Some(LABEL));
        assert_eq!(scan.errors.len(), 1, "{:?}", scan.errors);
        assert!(
            scan.errors[0].starts_with("ZIP: unreadable archive ("),
            "{:?}",
            scan.errors
        );
        assert!(scan.blocks[1]
            .place
            .ends_with("found without the central directory)"));
    }

    #[test]
    fn data_descriptor_entries_stored_and_deflated() {
        let xml = custom_xml(LABEL);
        for deflate in [false, true] {
            for signature in [false, true] {
                let file = [
                    described("xl/workbook.xml", b"<workbook/>", deflate, signature),
                    described(
                        "xl/other.xml",
                        b"PK\x07\x08 not a descriptor",
                        deflate,
                        signature,
                    ),
                    described(CUSTOM, xml.as_bytes(), deflate, signature),
                ]
                .concat();
                let scan = run(&file);
                let case = (deflate, signature);
                assert_eq!(scan.format, Some("xlsx"), "{case:?}");
                assert_eq!(aigc(&scan).as_deref(), Some(LABEL), "{case:?}");
                assert_eq!(scan.errors.len(), 1, "{case:?} {:?}", scan.errors);
            }
        }
    }

    #[test]
    fn a_bad_crc_is_an_error_and_the_label_is_still_read() {
        let xml = custom_xml(LABEL);
        let file = archive(&[("word/document.xml", "<w/>"), (CUSTOM, &xml)]);
        // Both copies of the entry's CRC-32 (local header and central directory) changed.
        let crc = crc32fast::hash(xml.as_bytes()).to_le_bytes();
        let mut bad = file.clone();
        for at in 0..bad.len() - 4 {
            if bad[at..at + 4] == crc {
                bad[at..at + 4].copy_from_slice(&[1, 2, 3, 4]);
            }
        }
        let scan = run(&bad);
        assert_eq!(aigc(&scan).as_deref(), Some(LABEL));
        assert_eq!(scan.errors.len(), 1, "{:?}", scan.errors);
        assert!(scan.errors[0].contains("checksum"), "{:?}", scan.errors);
        // Without the central directory: a wrong and a zero CRC-32.
        for recorded in [[1, 2, 3, 4], [0; 4]] {
            let mut file = without_central_directory(&file);
            for at in 0..file.len() - 4 {
                if file[at..at + 4] == crc {
                    file[at..at + 4].copy_from_slice(&recorded);
                }
            }
            let scan = run(&file);
            assert_eq!(aigc(&scan).as_deref(), Some(LABEL));
            assert_eq!(scan.errors.len(), 2, "{:?}", scan.errors);
            assert!(
                scan.errors[1].contains("its CRC-32 is"),
                "{:?}",
                scan.errors
            );
        }
    }

    #[test]
    fn hostile_sizes_end_in_errors() {
        let xml = custom_xml(LABEL);
        let packed = miniz_oxide::deflate::compress_to_vec(xml.as_bytes(), 6);
        let crc = crc32fast::hash(xml.as_bytes());
        // A stored entry claiming 4 GiB, then the label whose header claims 4 GiB too: its
        // deflate stream still ends where it ends.
        let mut file = local("a.bin", 0, 0, (0, u32::MAX - 1, u32::MAX - 1), b"junk");
        file.extend(local(CUSTOM, 8, 0, (crc, u32::MAX, u32::MAX), &packed));
        let scan = run(&file);
        assert_eq!(aigc(&scan).as_deref(), Some(LABEL), "{:?}", scan.errors);
        assert!(scan
            .errors
            .iter()
            .any(|e| e.contains("a.bin at byte 0 claims 4294967294")));
        assert!(scan.errors.iter().any(|e| e.contains("more than 4 GiB")));
        // A stored entry with a descriptor that never comes; a deflate bomb; an unknown method.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'<'; 5 << 20], 6);
        for file in [
            local(CUSTOM, 0, 8, (0, 0, 0), b"<Properties>"),
            local(CUSTOM, 8, 8, (0, 0, 0), &bomb),
            local(CUSTOM, 12, 8, (0, 0, 0), b"xx"),
            local(CUSTOM, 8, 0, (0, 4, 4), b"\xff\xff\xff\xff"),
        ] {
            let scan = run(&file);
            assert!(scan.errors.len() >= 2, "{:?}", scan.errors);
            assert!(aigc(&scan).is_none());
        }
        // Many tiny broken headers: the walk stops with an error.
        let many = LOCAL.repeat(100_000);
        let scan = run(&many);
        assert!(scan.errors.len() <= MAX_ERRORS + 3, "{}", scan.errors.len());
        assert!(
            scan.errors.last().unwrap().contains("too many"),
            "{:?}",
            scan.errors.last()
        );
    }

    #[test]
    fn recovered_labels_reach_the_verdict() {
        let xml = custom_xml(LABEL);
        let file = archive(&[("word/document.xml", "<w/>"), (CUSTOM, &xml)]);
        let damaged = without_central_directory(&file);
        let described = [
            described("word/document.xml", b"<w/>", true, true),
            described(CUSTOM, xml.as_bytes(), true, false),
        ]
        .concat();
        for file in [damaged, described] {
            let report = crate::verify(&file, &crate::Options::default());
            assert_eq!(report.verdict, crate::Verdict::AiLabeled, "{report:?}");
            assert_eq!(report.format, "docx");
            let evidence = report
                .evidence
                .iter()
                .find(|e| e.kind == crate::EvidenceKind::Tc260Metadata)
                .expect("tc260 evidence");
            assert_eq!(evidence.fields.get("ProduceID"), Some("qwen-docx-1"));
        }
    }

    #[test]
    fn recovery_survives_truncation() {
        let xml = custom_xml(LABEL);
        let file = [
            described("word/document.xml", b"<w/>", true, true),
            described(CUSTOM, xml.as_bytes(), false, true),
        ]
        .concat();
        for end in 0..file.len() {
            let _ = run(&file[..end]);
        }
    }

    #[test]
    fn truncation_is_an_error() {
        let file = archive(&[("word/document.xml", "<w/>"), (CUSTOM, CUSTOM_XML)]);
        for end in (0..file.len()).step_by(7) {
            let scan = run(&file[..end]);
            assert!(
                !scan.errors.is_empty() || scan.blocks.len() == 2,
                "cut at {end}"
            );
        }
    }
}
