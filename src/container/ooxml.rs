//! Office Open XML (DOCX, XLSX, PPTX): a ZIP read through a [`Source`] (only the central
//! directory and `docProps/custom.xml` are read), with the custom property `AIGC`.
//! The ZIP is read by the `zip` crate; the entry is inflated with a size limit.

use std::io::{Read, Seek};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{Block, BlockKind, Scan};
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
            scan.error(format!("unreadable archive ({err})"));
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
    if let Err(err) = (&mut entry).take(MAX_CUSTOM_XML).read_to_end(&mut xml) {
        scan.error(format!("cannot inflate {CUSTOM} ({err})"));
        return scan;
    }
    for (name, value) in custom_properties(&xml, &mut scan) {
        let place = format!("custom property \"{name}\" in {CUSTOM} (ZIP entry at byte {at})");
        scan.push(Block::owned(
            BlockKind::Text { key: name },
            place,
            at,
            value.into_bytes(),
        ));
    }
    scan
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
