//! PDF: the document Info dictionary's string entries (`/AIGC`, `/Producer`, `/Creator`, …) and XMP
//! metadata packets. A bounded text scan, not a PDF engine (no crate reads a PDF's metadata without
//! pulling in a whole document model): the last trailer's `/Info n g R` (a classic trailer or a
//! cross-reference stream's dictionary) is followed to the newest `n g obj`, or, failing that, into
//! the Flate-compressed object streams (`/Type /ObjStm`, PDF 1.5+, what pdf-lib and qpdf write), so
//! an older label left behind by an incremental update is not mistaken for the current one. An
//! `/AIGC` string entry of any other dictionary (catalog, page, trailer, an object in an object
//! stream) is read too, except in stream data and in objects a later update redefined. XMP is
//! read as plain packets and from Flate-compressed metadata streams. Every inflation is bounded by
//! the per-file limits of [`Scan::inflate`]. Files over 64 MB are read at both ends only (the
//! header, and the trailer with recent updates).

mod lexer;
mod objects;

use super::{Block, BlockKind, Scan};
use crate::bytes::find;
use crate::source::Source;
use lexer::{dictionary_entries, pdf_string, reference, rfind, rfind_token, skip_space};
use objects::{compressed_streams, object_stream_entry, StreamObject};

/// Files up to this size are read whole.
const WHOLE: u64 = 64 << 20;
/// Otherwise, this much of each end.
pub(super) const WINDOW: u64 = 8 << 20;
/// Compressed streams of one kind that fail to inflate before the rest of that kind are
/// passed over (a file of broken streams would otherwise fill the report with errors).
pub(super) const MAX_CORRUPT_STREAMS: usize = 3;

/// Scans a PDF for its label.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::new("PDF");
    let len = source.len();
    let windows: Vec<(u64, u64)> = if len <= WHOLE {
        vec![(0, len)]
    } else {
        vec![(0, WINDOW), (len - WINDOW, WINDOW)]
    };
    let mut found_info = false;
    for (start, size) in windows.into_iter().rev() {
        let data = match source.read_at(start, size as usize) {
            Ok(d) => d.into_owned(),
            Err(message) => {
                scan.error(message);
                return scan;
            }
        };
        let streams = compressed_streams(&data);
        let object_streams = inflate_object_streams(&mut scan, &streams);
        let mut info = None;
        if !found_info {
            info = read_info(&mut scan, &data, &object_streams, start);
            found_info = info.is_some();
        }
        read_aigc_entries(&mut scan, &data, start, info);
        read_aigc_in_object_streams(&mut scan, &object_streams, start, info);
        read_xmp_packets(&mut scan, &data, start);
        read_compressed_xmp(&mut scan, &streams, start);
    }
    scan
}

/// Where the Info dictionary that was read sits, so that the scan of every `/AIGC` entry does
/// not read it a second time.
#[derive(Clone, Copy, PartialEq, Eq)]
enum InfoAt {
    /// Its `n g obj` header's offset in the scanned data.
    Object(usize),
    /// Object `number` of the object stream whose own object number is `stream`.
    InStream { stream: u32, number: u32 },
}

/// The object streams (newest first) with their inflated data; after
/// [`MAX_CORRUPT_STREAMS`] that fail to inflate, the rest are passed over.
fn inflate_object_streams<'s, 'd>(
    scan: &mut Scan<'_>,
    streams: &'s [StreamObject<'d>],
) -> Vec<(&'s StreamObject<'d>, Vec<u8>)> {
    let mut out = Vec::new();
    let mut corrupt = 0;
    for stream in streams.iter().rev().filter(|s| s.is_object_stream()) {
        let place = format!("object stream {}", stream.number);
        let errors = scan.errors.len();
        let objects = scan.inflate(stream.data, &place).unwrap_or_default();
        out.push((stream, objects));
        if scan.errors.len() > errors {
            corrupt += 1;
            if corrupt == MAX_CORRUPT_STREAMS {
                scan.error(format!(
                    "{MAX_CORRUPT_STREAMS} object streams could not be inflated; the others were not read"
                ));
                break;
            }
        }
    }
    out
}

/// Follows the last `/Info n g R` to its object, written out or inside an object stream, and
/// reads its string entries there. Returns where the Info dictionary was found.
fn read_info(
    scan: &mut Scan<'_>,
    data: &[u8],
    object_streams: &[(&StreamObject<'_>, Vec<u8>)],
    base: u64,
) -> Option<InfoAt> {
    let info_at = rfind(data, b"/Info")?;
    let (number, generation) = reference(data.get(info_at + 5..).unwrap_or_default())?;
    let header = format!("{number} {generation} obj");
    if let Some(object_at) = rfind_token(data, header.as_bytes()) {
        let at = base + object_at as u64;
        let object = format!("object {number} {generation}");
        read_info_entries(scan, data, object_at + header.len(), &object, at);
        return Some(InfoAt::Object(object_at));
    }
    if generation != 0 {
        return None; // objects in object streams have generation 0
    }
    for (stream, objects) in object_streams {
        if let Some(object_at) = object_stream_entry(stream.dict, objects, number) {
            let at = base + stream.at as u64;
            let object = format!("object {number} 0, in object stream {}", stream.number);
            read_info_entries(scan, objects, object_at, &object, at);
            return Some(InfoAt::InStream {
                stream: stream.number,
                number,
            });
        }
    }
    None
}

/// Every string entry of the Info dictionary that starts at `dict_start`, as keyed text
/// (`/AIGC`, `/Producer`, `/Creator`, …): which ones matter is the label families' choice.
fn read_info_entries(scan: &mut Scan<'_>, data: &[u8], dict_start: usize, object: &str, at: u64) {
    for (key, value_at) in dictionary_entries(data, dict_start) {
        let value = data.get(value_at..).unwrap_or_default();
        let is_string =
            value.starts_with(b"(") || (value.starts_with(b"<") && !value.starts_with(b"<<"));
        if !is_string {
            continue; // names, numbers, references, dictionaries
        }
        let entry = format!("document Info entry \"{key}\" ({object}) at byte {at}");
        match pdf_string(value) {
            Some(text) => scan.push(Block::owned(
                BlockKind::Text { key },
                format!("PDF {entry}"),
                at,
                text.into_bytes(),
            )),
            None => scan.error(format!("{entry}: the value is not a readable string")),
        }
    }
}

/// Most `/AIGC` keys looked at per scanned region.
const MAX_AIGC_KEYS: usize = 64;

/// The offsets of the `/AIGC` keys in `data` (not longer names such as `/AIGCX`), at most
/// [`MAX_AIGC_KEYS`].
fn aigc_keys(data: &[u8]) -> Vec<usize> {
    let mut keys = Vec::new();
    let mut from = 0;
    while let Some(at) = data
        .get(from..)
        .and_then(|d| find(d, b"/AIGC"))
        .map(|i| from + i)
    {
        from = at + 5;
        let ends = data
            .get(from)
            .is_none_or(|&b| !(0x21..=0x7E).contains(&b) || b"()<>[]{}/%".contains(&b));
        if ends {
            keys.push(at);
            if keys.len() == MAX_AIGC_KEYS {
                break;
            }
        }
    }
    keys
}

/// For each key (in file order), the `n g obj` header (offset, number) of the object around it,
/// `None` outside any object (a trailer), and whether a later header redefines that object (an
/// incremental update superseded it). One forward pass over the `obj` keywords.
fn enclosing_objects(data: &[u8], keys: &[usize]) -> Vec<(Option<(usize, u32)>, bool)> {
    let mut out: Vec<(Option<(usize, u32)>, bool)> = Vec::with_capacity(keys.len());
    let mut current: Option<(usize, u32)> = None;
    let mut from = 0;
    loop {
        let next = data
            .get(from..)
            .and_then(|d| find(d, b"obj"))
            .map(|i| from + i);
        let limit = next.unwrap_or(data.len());
        while let Some(&key) = keys.get(out.len()) {
            if key >= limit {
                break;
            }
            out.push((current, false));
        }
        let Some(at) = next else { break };
        from = at + 3;
        if at >= 3 && data.get(at - 3..at) == Some(b"end") {
            current = None;
        } else if let Some((header, number)) = objects::object_header(data, at) {
            for (object, superseded) in out.iter_mut() {
                if object.is_some_and(|(h, n)| n == number && h < header) {
                    *superseded = true;
                }
            }
            current = Some((header, number));
        }
        if out.len() == keys.len() && current.is_none() {
            // Every key placed; only redefinitions matter now, so keep going only if any
            // key is in an object.
            if out.iter().all(|(object, _)| object.is_none()) {
                break;
            }
        }
    }
    out
}

/// For each key (in file order), whether it lies in the data of a stream, between `stream`
/// and `endstream`.
fn in_stream_data(data: &[u8], keys: &[usize]) -> Vec<bool> {
    let mut out = vec![false; keys.len()];
    let mut from = 0;
    for _ in 0..objects::MAX_STREAM_KEYWORDS {
        let Some(keyword) = data
            .get(from..)
            .and_then(|d| find(d, b"stream"))
            .map(|i| from + i)
        else {
            break;
        };
        from = keyword + 6;
        if keyword >= 3 && data.get(keyword - 3..keyword) == Some(b"end") {
            continue;
        }
        let Some(start) = objects::stream_data_start(data, keyword) else {
            continue;
        };
        let end = data
            .get(start..)
            .and_then(|d| find(d, b"endstream"))
            .map_or(data.len(), |i| start + i);
        for (key, inside) in keys.iter().zip(out.iter_mut()) {
            if (start..end).contains(key) {
                *inside = true;
            }
        }
        from = end;
        if keys.last().is_none_or(|&last| end > last) {
            break;
        }
    }
    out
}

/// The string value of the `/AIGC` key at `key`, pushed as keyed text; other values
/// (references, names, dictionaries) are passed over.
fn push_aigc(scan: &mut Scan<'_>, data: &[u8], key: usize, place: String, at: u64) {
    let value = skip_space(data, key + 5);
    let is_string =
        value.starts_with(b"(") || (value.starts_with(b"<") && !value.starts_with(b"<<"));
    if !is_string {
        return;
    }
    match pdf_string(value) {
        Some(text) => scan.push(Block::owned(
            BlockKind::Text { key: "AIGC".into() },
            place,
            at,
            text.into_bytes(),
        )),
        None => scan.error(format!("{place}: the value is not a readable string")),
    }
}

/// Every `/AIGC` string entry of any dictionary written out in `data` (the catalog, a page,
/// the trailer, …) other than the Info dictionary already read and objects that a later
/// update redefined.
fn read_aigc_entries(scan: &mut Scan<'_>, data: &[u8], base: u64, info: Option<InfoAt>) {
    let keys = aigc_keys(data);
    if keys.is_empty() {
        return;
    }
    let in_streams = in_stream_data(data, &keys);
    let objects = enclosing_objects(data, &keys);
    for ((&key, (object, superseded)), in_stream) in keys.iter().zip(objects).zip(in_streams) {
        // Stream data (page contents, compressed bytes) holds no dictionary entries.
        if in_stream || superseded || object.is_some_and(|(h, _)| info == Some(InfoAt::Object(h))) {
            continue;
        }
        let at = base + key as u64;
        let place = match object {
            Some((_, number)) => format!("PDF entry \"AIGC\" (object {number}) at byte {at}"),
            None => format!("PDF entry \"AIGC\" at byte {at}"),
        };
        push_aigc(scan, data, key, place, at);
    }
}

/// Every `/AIGC` string entry of the objects inside object streams, but the Info dictionary's.
fn read_aigc_in_object_streams(
    scan: &mut Scan<'_>,
    object_streams: &[(&StreamObject<'_>, Vec<u8>)],
    base: u64,
    info: Option<InfoAt>,
) {
    for (stream, objects) in object_streams {
        let keys = aigc_keys(objects);
        if keys.is_empty() {
            continue;
        }
        let offsets = objects::object_stream_offsets(stream.dict, objects);
        for key in keys {
            let Some(number) = offsets
                .iter()
                .filter(|&&(_, start)| start <= key)
                .max_by_key(|&&(_, start)| start)
                .map(|&(number, _)| number)
            else {
                continue; // in the stream's header, not in an object
            };
            let here = InfoAt::InStream {
                stream: stream.number,
                number,
            };
            if info == Some(here) {
                continue;
            }
            let at = base + stream.at as u64;
            let place = format!(
                "PDF entry \"AIGC\" (object {number}, in object stream {}) at byte {at}",
                stream.number
            );
            push_aigc(scan, objects, key, place, at);
        }
    }
}

/// XMP packets written as plain text (the usual, uncompressed metadata stream).
fn read_xmp_packets(scan: &mut Scan<'_>, data: &[u8], base: u64) {
    for (start, packet) in xmp_packets(data) {
        let at = base + start as u64;
        let place = format!("XMP metadata stream at byte {at}");
        scan.push(Block::owned(BlockKind::Xmp, place, at, packet.to_vec()));
    }
}

/// XMP packets inside Flate-compressed metadata streams.
fn read_compressed_xmp(scan: &mut Scan<'_>, streams: &[StreamObject<'_>], base: u64) {
    let mut corrupt = 0;
    for stream in streams.iter().filter(|s| s.is_metadata()) {
        let at = base + stream.at as u64;
        let place = format!(
            "Flate-compressed XMP metadata stream (object {}) at byte {at}",
            stream.number
        );
        let errors = scan.errors.len();
        let inflated = scan.inflate(stream.data, &place).unwrap_or_default();
        for (_, packet) in xmp_packets(&inflated) {
            scan.push(Block::owned(
                BlockKind::Xmp,
                place.clone(),
                at,
                packet.to_vec(),
            ));
        }
        if scan.errors.len() > errors {
            corrupt += 1;
            if corrupt == MAX_CORRUPT_STREAMS {
                scan.error(format!(
                    "{MAX_CORRUPT_STREAMS} metadata streams could not be inflated; the others were not read"
                ));
                return;
            }
        }
    }
}

/// Each `<x:xmpmeta …>…</x:xmpmeta>` in `data`, with its offset.
fn xmp_packets(data: &[u8]) -> Vec<(usize, &[u8])> {
    let mut packets = Vec::new();
    let mut from = 0;
    while let Some(start) = data
        .get(from..)
        .and_then(|d| find(d, b"<x:xmpmeta"))
        .map(|i| from + i)
    {
        let Some(end) = data
            .get(start..)
            .and_then(|d| find(d, b"</x:xmpmeta>"))
            .map(|i| start + i + 12)
        else {
            break;
        };
        packets.push((start, data.get(start..end).unwrap_or_default()));
        from = end;
    }
    packets
}

#[cfg(test)]
mod tests {
    use super::lexer::*;
    use super::*;

    fn scan_bytes(data: &[u8]) -> Scan<'static> {
        scan(&data)
    }

    #[test]
    fn follows_the_last_trailer_to_the_newest_info() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Title (old) /AIGC ({\"AIGC\":{\"Label\":\"2\"}}) >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n\
1 0 obj\n<< /Producer (x) /Nested << /AIGC (no) >> /AIGC (\\{\"AIGC\":\\{\"Label\":\"1\"\\}\\}) >>\nendobj\ntrailer\n<< /Size 2 /Info 1 0 R >>\n%%EOF";
        let scan = scan_bytes(pdf);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        // Every string entry of the newest Info, not the nested dictionary's.
        let keys: Vec<&BlockKind> = scan.blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(
            keys,
            [
                &BlockKind::Text {
                    key: "Producer".into()
                },
                &BlockKind::Text { key: "AIGC".into() }
            ]
        );
        assert_eq!(scan.blocks[1].text(), "{\"AIGC\":{\"Label\":\"1\"}}");
        assert_eq!(
            scan.blocks[1].place,
            "PDF document Info entry \"AIGC\" (object 1 0) at byte 100"
        );
    }

    #[test]
    fn decodes_strings() {
        assert_eq!(
            pdf_string(b"(a\\(b\\)c\\101\\\nd)").as_deref(),
            Some("a(b)cAd")
        );
        assert_eq!(pdf_string(b"<FEFF00410049>").as_deref(), Some("AI"));
        assert_eq!(pdf_string(b"<48 69>").as_deref(), Some("Hi"));
        assert_eq!(
            pdf_string(b"(nested (parens) ok)").as_deref(),
            Some("nested (parens) ok")
        );
    }

    #[test]
    fn loose_entries_when_there_is_no_trailer() {
        let scan = scan_bytes(b"%PDF-1.4\n<< /AIGC (x) >>");
        assert_eq!(scan.blocks[0].place, "PDF entry \"AIGC\" at byte 12");
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
    }

    /// `n 0 obj << dict >> stream … endstream endobj`, with `eol` after `stream` and before
    /// `endstream`.
    fn stream_object(number: u32, dict: &str, data: &[u8], eol: &str) -> Vec<u8> {
        let mut object = format!("{number} 0 obj\n<< {dict} >>\nstream{eol}").into_bytes();
        object.extend_from_slice(data);
        object.extend_from_slice(format!("{eol}endstream\nendobj\n").as_bytes());
        object
    }

    /// A PDF 1.5 file whose Info dictionary (object 5) sits in object stream 1 and whose
    /// cross-reference stream names it.
    fn object_stream_pdf(info: &[u8], dict_extra: &str) -> Vec<u8> {
        let objects = [b"<< /Type /Catalog >>".as_slice(), info];
        let offsets = format!("3 0 5 {}", objects[0].len() + 1);
        let first = offsets.len() + 1;
        let body = [offsets.as_bytes(), b" ", objects[0], b" ", objects[1]].concat();
        let packed = zlib(&body);
        let object_stream = format!(
            "/Type /ObjStm /N 2 /First {first} /Filter /FlateDecode{dict_extra} /Length {}",
            packed.len()
        );
        let xref = "/Type /XRef /Info 5 0 R /Root 3 0 R /Filter /FlateDecode /DecodeParms << /Columns 4 /Predictor 12 >> /Length 3";
        [
            b"%PDF-1.5\n".to_vec(),
            stream_object(1, &object_stream, &packed, "\n"),
            stream_object(8, xref, b"xyz", "\n"),
            b"startxref\n0\n%%EOF\n".to_vec(),
        ]
        .concat()
    }

    #[test]
    fn info_names_end_at_delimiters_and_unprintable_bytes() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Ti\x00tle (a) /Creator<4869> /Trapped /False /Producer (x)>>\nendobj\ntrailer\n<< /Info 1 0 R >>\n%%EOF";
        let scan = scan_bytes(pdf);
        let entries: Vec<(String, String)> = scan
            .blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Text { key } => (key.clone(), b.text().to_string()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            entries,
            [
                ("Creator".to_string(), "Hi".to_string()),
                ("Producer".to_string(), "x".to_string())
            ]
        );
    }

    /// The Info dictionary's Producer and Creator reach the traces family.
    #[test]
    fn a_generator_named_as_producer_is_a_trace() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<< /Producer (Midjourney v7) >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n%%EOF";
        let report = crate::verify(pdf, &crate::Options::default());
        assert_eq!(report.verdict, crate::Verdict::SuspectedAi, "{report:?}");
        assert_eq!(
            report.evidence[0].fields.get("Producer"),
            Some("Midjourney v7")
        );
        assert_eq!(report.evidence[0].checks[0].id, "trace.generator.software");
    }

    #[test]
    fn follows_the_info_reference_into_an_object_stream() {
        let pdf = object_stream_pdf(
            b"<< /Producer (p) /AIGC (\\{\"AIGC\":\\{\"Label\":\"2\"\\}\\}) >>",
            "",
        );
        let scan = scan_bytes(&pdf);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks.len(), 2, "{:?}", scan.blocks);
        assert_eq!(scan.blocks[0].text(), "p");
        assert_eq!(scan.blocks[1].text(), "{\"AIGC\":{\"Label\":\"2\"}}");
        assert_eq!(
            scan.blocks[1].place,
            "PDF document Info entry \"AIGC\" (object 5 0, in object stream 1) at byte 9"
        );
    }

    #[test]
    fn object_streams_with_predictors_or_broken_headers_are_passed_over() {
        let info = b"<< /AIGC (x) >>".as_slice();
        let with_predictor = object_stream_pdf(info, " /DecodeParms << /Predictor 12 >>");
        assert!(scan_bytes(&with_predictor).blocks.is_empty());
        // An object number the header does not list.
        let pdf = object_stream_pdf(info, "");
        let other = String::from_utf8_lossy(&pdf).replace("/Info 5 0 R", "/Info 6 0 R");
        assert!(scan_bytes(other.as_bytes()).blocks.is_empty());
        // /First beyond the inflated data.
        let beyond = String::from_utf8_lossy(&pdf).replace("/First 10", "/First 99999");
        assert!(scan_bytes(beyond.as_bytes()).blocks.is_empty());
    }

    #[test]
    fn a_corrupt_object_stream_is_an_error_entry() {
        let pdf = b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\nnot zlib\nendstream\nendobj\n2 0 obj\n<< /Type /XRef /Info 5 0 R >>\nstream\n\nendstream\nendobj\n";
        let scan = scan_bytes(pdf);
        assert!(scan.blocks.is_empty());
        assert_eq!(
            scan.errors,
            ["PDF: object stream 1: its compressed data is corrupt"]
        );
    }

    #[test]
    fn broken_streams_stop_after_three() {
        let broken = |dict: &str| {
            let mut pdf = b"%PDF-1.5\n".to_vec();
            for number in 1..=5 {
                let dict = format!("{dict} /Filter /FlateDecode");
                pdf.extend_from_slice(&stream_object(number, &dict, b"xx", "\n"));
            }
            pdf.extend_from_slice(b"trailer\n<< /Info 9 0 R >>\n");
            scan_bytes(&pdf).errors
        };
        let errors = broken("/Type /ObjStm /N 1 /First 4");
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert_eq!(
            errors[0],
            "PDF: object stream 5: its compressed data is corrupt"
        );
        assert_eq!(
            errors[3],
            "PDF: 3 object streams could not be inflated; the others were not read"
        );
        let errors = broken("/Type /Metadata /Subtype /XML");
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert_eq!(
            errors[3],
            "PDF: 3 metadata streams could not be inflated; the others were not read"
        );
    }

    #[test]
    fn reads_xmp_from_a_compressed_metadata_stream_only() {
        // Repetitive enough that deflate compresses it (a stored block would leave it readable).
        let description = "<rdf:Description rdf:about=''/>".repeat(20);
        let xmp = format!(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF>{description}</rdf:RDF></x:xmpmeta>"
        );
        let xmp = xmp.as_bytes();
        let packed = zlib(xmp);
        assert!(find(&packed, b"xmpmeta").is_none());
        let stream = |dict: &str| {
            let dict = format!("{dict} /Filter /FlateDecode /Length {}", packed.len());
            [
                b"%PDF-1.4\n".to_vec(),
                stream_object(7, &dict, &packed, "\r\n"),
            ]
            .concat()
        };
        let scan = scan_bytes(&stream("/Type /Metadata /Subtype /XML"));
        assert_eq!(scan.blocks.len(), 1);
        assert_eq!(scan.blocks[0].data.as_ref(), xmp);
        assert_eq!(
            scan.blocks[0].place,
            "Flate-compressed XMP metadata stream (object 7) at byte 9"
        );
        // An image that refers to a metadata stream is not one.
        assert!(scan_bytes(&stream("/Subtype /Image /Metadata 9 0 R"))
            .blocks
            .is_empty());
        assert!(
            scan_bytes(&stream("/Type/Metadata/Subtype/XML"))
                .blocks
                .len()
                == 1
        );
    }

    #[test]
    fn compressed_structures_survive_truncation() {
        let mut pdf = object_stream_pdf(b"<< /AIGC (x) >>", "");
        let xmp = zlib(b"<x:xmpmeta></x:xmpmeta>");
        pdf.extend_from_slice(&stream_object(
            9,
            "/Type /Metadata /Filter /FlateDecode",
            &xmp,
            "\n",
        ));
        assert_eq!(scan_bytes(&pdf).blocks.len(), 2);
        for end in 0..pdf.len() {
            let _ = scan_bytes(&pdf[..end]);
        }
    }

    /// A label the pipeline reads as complete (the committed `label1.pdf`'s producer).
    const LABEL: &str = r#"{"AIGC":{"Label":"1","ContentProducer":"001191440101MA9Y9T4H7A10000","ProduceID":"qwen-pdf-9"}}"#;

    /// A PDF whose Info dictionary (object 3) holds only a Producer, with `catalog`, `page`
    /// and `trailer` extra entries.
    fn pdf_with(catalog: &str, page: &str, trailer: &str) -> Vec<u8> {
        format!(
            "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R {catalog}>>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [] /Count 0 {page}>>\nendobj\n\
3 0 obj\n<< /Producer (x) >>\nendobj\n\
trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R {trailer}>>\n%%EOF\n"
        )
        .into_bytes()
    }

    fn literal(text: &str) -> String {
        format!(
            "({})",
            text.replace('\\', "\\\\")
                .replace('(', "\\(")
                .replace(')', "\\)")
        )
    }

    fn aigc_blocks(scan: &Scan<'_>) -> Vec<(String, String)> {
        scan.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Text { key: "AIGC".into() })
            .map(|b| (b.place.clone(), b.text().into_owned()))
            .collect()
    }

    #[test]
    fn reads_aigc_in_the_catalog_an_object_and_the_trailer() {
        let value = literal(LABEL);
        for (catalog, page, trailer, place) in [
            (&*format!("/AIGC {value} "), "", "", "(object 1) at byte"),
            ("", &*format!("/AIGC {value} "), "", "(object 2) at byte"),
            (
                "",
                "",
                &*format!("/AIGC {value} "),
                "PDF entry \"AIGC\" at byte",
            ),
        ] {
            let scan = scan_bytes(&pdf_with(catalog, page, trailer));
            assert!(scan.errors.is_empty(), "{:?}", scan.errors);
            let found = aigc_blocks(&scan);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(found[0].0.contains(place), "{found:?}");
            assert_eq!(found[0].1, LABEL);
        }
    }

    #[test]
    fn reads_aigc_as_a_hex_string_also_in_utf16() {
        let hex: String = LABEL.bytes().map(|b| format!("{b:02X}")).collect();
        let utf16: String = std::iter::once("FEFF".to_string())
            .chain(LABEL.encode_utf16().map(|u| format!("{u:04x}")))
            .collect();
        for value in [hex, utf16] {
            let scan = scan_bytes(&pdf_with(&format!("/AIGC <{value}>"), "", ""));
            assert_eq!(aigc_blocks(&scan).len(), 1, "{:?}", scan.blocks);
            assert_eq!(aigc_blocks(&scan)[0].1, LABEL);
        }
        // A dictionary is not a string.
        let scan = scan_bytes(&pdf_with("/AIGC << /Label (1) >>", "", ""));
        assert!(aigc_blocks(&scan).is_empty() && scan.errors.is_empty());
    }

    #[test]
    fn no_duplicates_no_superseded_objects_no_stream_data() {
        // The Info dictionary's own /AIGC is read once, as an Info entry.
        let value = literal(LABEL);
        let pdf = String::from_utf8(pdf_with("", "", ""))
            .unwrap()
            .replace("/Producer (x)", &format!("/Producer (x) /AIGC {value}"));
        let found = aigc_blocks(&scan_bytes(pdf.as_bytes()));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.starts_with("PDF document Info entry"));
        // An object redefined by a later update, and content stream bytes, are not read.
        let mut pdf = pdf_with("/AIGC (old) ", "", "");
        pdf.extend_from_slice(
            b"4 0 obj\n<< /Length 20 >>\nstream\n/AIGC (in a stream)\nendstream\nendobj\n\
1 0 obj\n<< /Type /Catalog /AIGC (new) >>\nendobj\ntrailer\n<< /Root 1 0 R /Info 3 0 R >>\n",
        );
        let found = aigc_blocks(&scan_bytes(&pdf));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "new");
    }

    #[test]
    fn reads_aigc_in_an_object_inside_an_object_stream() {
        // The catalog (object 3) in the object stream carries the label.
        let objects = [
            b"<< /Type /Catalog /AIGC (yes) >>".as_slice(),
            b"<< /Producer (p) >>",
        ];
        let offsets = format!("3 0 5 {}", objects[0].len() + 1);
        let first = offsets.len() + 1;
        let body = [offsets.as_bytes(), b" ", objects[0], b" ", objects[1]].concat();
        // The packed bytes may hold the text as is (a stored block): it must be read once.
        let packed = zlib(&body);
        let dict = format!(
            "/Type /ObjStm /N 2 /First {first} /Filter /FlateDecode /Length {}",
            packed.len()
        );
        let pdf = [
            b"%PDF-1.5\n".to_vec(),
            stream_object(1, &dict, &packed, "\n"),
            stream_object(8, "/Type /XRef /Info 5 0 R /Root 3 0 R", b"xyz", "\n"),
        ]
        .concat();
        let scan = scan_bytes(&pdf);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        let found = aigc_blocks(&scan);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0],
            (
                "PDF entry \"AIGC\" (object 3, in object stream 1) at byte 9".to_string(),
                "yes".to_string()
            )
        );
    }

    #[test]
    fn an_uncompressed_xmp_metadata_stream_is_read() {
        let xmp = format!(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\" TC260:AIGC=\"{}\"/></rdf:RDF></x:xmpmeta>",
            LABEL.replace('"', "&quot;")
        );
        let mut pdf = pdf_with("/Metadata 4 0 R ", "", "");
        pdf.extend(stream_object(
            4,
            &format!("/Type /Metadata /Subtype /XML /Length {}", xmp.len()),
            xmp.as_bytes(),
            "\n",
        ));
        let scan = scan_bytes(&pdf);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(
            scan.blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Xmp)
                .count(),
            1
        );
        let report = crate::verify(&pdf, &crate::Options::default());
        assert_eq!(report.verdict, crate::Verdict::AiLabeled, "{report:?}");
    }

    #[test]
    fn a_label_outside_the_info_dictionary_reaches_the_verdict() {
        let hex: String = LABEL.bytes().map(|b| format!("{b:02x}")).collect();
        for pdf in [
            pdf_with(&format!("/AIGC {} ", literal(LABEL)), "", ""),
            pdf_with("", "", &format!("/AIGC <{hex}>")),
        ] {
            let report = crate::verify(&pdf, &crate::Options::default());
            assert_eq!(report.verdict, crate::Verdict::AiLabeled, "{report:?}");
            assert_eq!(report.format, "pdf");
            let evidence = report
                .evidence
                .iter()
                .find(|e| e.kind == crate::EvidenceKind::Tc260Metadata)
                .expect("tc260 evidence");
            assert_eq!(evidence.fields.get("ProduceID"), Some("qwen-pdf-9"));
        }
    }

    #[test]
    fn truncation_never_panics() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /AIGC (\\{x\\}) /Y <4142> >>\nendobj\ntrailer\n<< /Info 1 0 R >>";
        for end in 0..pdf.len() {
            let _ = scan_bytes(&pdf[..end]);
        }
    }
}
