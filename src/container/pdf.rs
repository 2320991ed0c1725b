//! PDF: the document Info dictionary's `/AIGC` entry and uncompressed XMP metadata
//! packets. A bounded text scan, not a PDF engine: the last trailer's `/Info n g R` is
//! followed to the newest `n g obj`, so an older label left behind by an incremental
//! update is not mistaken for the current one. Files over 64 MB are read at both ends
//! only (the header, and the trailer with recent updates).
//!
//! Not read: Info dictionaries inside compressed object streams, and compressed XMP.

use super::{Block, BlockKind, Scan};
use crate::bytes::find;
use crate::source::Source;

/// Files up to this size are read whole.
const WHOLE: u64 = 64 << 20;
/// Otherwise, this much of each end.
const WINDOW: u64 = 8 << 20;
/// Longest PDF string value read.
const MAX_STRING: usize = 1 << 20;

/// Scans a PDF for its label.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::default();
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
                scan.error(format!("PDF: {message}"));
                return scan;
            }
        };
        if !found_info {
            found_info = read_info(&mut scan, &data, start);
        }
        read_xmp_packets(&mut scan, &data, start);
    }
    if !found_info && len <= WHOLE {
        if let Ok(data) = source.read_at(0, len as usize) {
            read_loose_entries(&mut scan, &data);
        }
    }
    scan
}

/// Follows the last `/Info n g R` to its object and reads `/AIGC` there. Returns whether
/// an Info dictionary was found.
fn read_info(scan: &mut Scan<'_>, data: &[u8], base: u64) -> bool {
    let Some(info_at) = rfind(data, b"/Info") else {
        return false;
    };
    let Some((number, generation)) = reference(data.get(info_at + 5..).unwrap_or_default()) else {
        return false;
    };
    let header = format!("{number} {generation} obj");
    let Some(object_at) = rfind_token(data, header.as_bytes()) else {
        return false;
    };
    let dict_start = object_at + header.len();
    let Some(value_at) = dictionary_key(data, dict_start, b"/AIGC") else {
        return true;
    };
    if let Some(value) = pdf_string(data.get(value_at..).unwrap_or_default()) {
        let at = base + object_at as u64;
        let place =
            format!("PDF document Info entry \"AIGC\" (object {number} {generation}) at byte {at}");
        scan.push(Block::owned(
            BlockKind::Text { key: "AIGC".into() },
            place,
            at as usize,
            value.into_bytes(),
        ));
    } else {
        scan.error(format!(
            "PDF: the /AIGC entry of object {number} {generation} is not a readable string"
        ));
    }
    true
}

/// Every `/AIGC (…)` entry, when no Info dictionary could be followed.
fn read_loose_entries(scan: &mut Scan<'_>, data: &[u8]) {
    let mut from = 0;
    while let Some(at) = data
        .get(from..)
        .and_then(|d| find(d, b"/AIGC"))
        .map(|i| from + i)
    {
        from = at + 5;
        if let Some(value) = pdf_string(skip_space(data, from)) {
            let place = format!("PDF entry \"AIGC\" at byte {at}");
            scan.push(Block::owned(
                BlockKind::Text { key: "AIGC".into() },
                place,
                at,
                value.into_bytes(),
            ));
        }
    }
}

fn read_xmp_packets(scan: &mut Scan<'_>, data: &[u8], base: u64) {
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
            return;
        };
        let at = base + start as u64;
        let place = format!("XMP metadata stream at byte {at}");
        scan.push(Block::owned(
            BlockKind::Xmp,
            place,
            at as usize,
            data.get(start..end).unwrap_or_default().to_vec(),
        ));
        from = end;
    }
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The last occurrence of `token` that starts a line or follows white space.
fn rfind_token(haystack: &[u8], token: &[u8]) -> Option<usize> {
    let mut end = haystack.len();
    while let Some(at) = rfind(haystack.get(..end)?, token) {
        if at == 0
            || haystack
                .get(at - 1)
                .is_some_and(|b| b.is_ascii_whitespace())
        {
            return Some(at);
        }
        end = at + token.len() - 1;
    }
    None
}

fn skip_space(data: &[u8], from: usize) -> &[u8] {
    let rest = data.get(from..).unwrap_or_default();
    let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    rest.get(skip..).unwrap_or_default()
}

/// Parses `n g R` at the start of `data` (after white space).
fn reference(data: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(data.get(..data.len().min(40))?)
        .ok()
        .or_else(|| {
            let valid = data.iter().take(40).take_while(|b| b.is_ascii()).count();
            std::str::from_utf8(data.get(..valid)?).ok()
        })?;
    let mut parts = text.split_ascii_whitespace();
    let number = parts.next()?.parse().ok()?;
    let generation = parts.next()?.parse().ok()?;
    parts
        .next()?
        .starts_with('R')
        .then_some((number, generation))
}

/// Finds `key` at the top level of the dictionary starting after `from`; returns where its value starts.
fn dictionary_key(data: &[u8], from: usize, key: &[u8]) -> Option<usize> {
    let start =
        from + find(
            data.get(from..from.saturating_add(256).min(data.len()))?,
            b"<<",
        )? + 2;
    let mut depth = 1usize;
    let mut at = start;
    while at < data.len() && at < start + MAX_STRING {
        match data.get(at..at + 2) {
            Some(b"<<") => {
                depth += 1;
                at += 2;
                continue;
            }
            Some(b">>") => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
                at += 2;
                continue;
            }
            _ => {}
        }
        match data.get(at) {
            Some(b'(') => at += string_len(data.get(at..)?)?,
            Some(b'/') if depth == 1 && data.get(at..at + key.len()) == Some(key) => {
                let after = at + key.len();
                if data.get(after).is_some_and(|b| b.is_ascii_alphanumeric()) {
                    at = after;
                    continue;
                }
                let value = skip_space(data, after);
                return Some(data.len() - value.len());
            }
            _ => at += 1,
        }
    }
    None
}

/// Length of a literal string `( … )` including its parentheses.
fn string_len(data: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0usize;
    while let Some(&b) = data.get(at) {
        match b {
            b'\\' => at += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
        if at > MAX_STRING {
            return None;
        }
    }
    None
}

/// Decodes a literal `( … )` or hex `< … >` string, with the text encodings PDF allows
/// (UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding read as Latin-1).
fn pdf_string(data: &[u8]) -> Option<String> {
    let bytes = match data.first()? {
        b'(' => literal(data.get(..string_len(data)?)?),
        b'<' => hex(data),
        _ => return None,
    }?;
    Some(match bytes.as_slice() {
        [0xFE, 0xFF, rest @ ..] => {
            let units = rest.chunks_exact(2).map(|p| match p {
                [a, b] => u16::from_be_bytes([*a, *b]),
                _ => 0,
            });
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        other => crate::bytes::latin1(other),
    })
}

fn literal(data: &[u8]) -> Option<Vec<u8>> {
    let inner = data.get(1..data.len().checked_sub(1)?)?;
    let mut out = Vec::with_capacity(inner.len());
    let mut at = 0;
    while let Some(&b) = inner.get(at) {
        at += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = inner.get(at) else { break };
        at += 1;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'\r' | b'\n' => {
                if e == b'\r' && inner.get(at) == Some(&b'\n') {
                    at += 1;
                }
            }
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match inner.get(at) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            at += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u8);
            }
            other => out.push(other),
        }
    }
    Some(out)
}

fn hex(data: &[u8]) -> Option<Vec<u8>> {
    let end = data.iter().position(|&b| b == b'>')?;
    let digits: Vec<u8> = data
        .get(1..end)?
        .iter()
        .filter(|b| b.is_ascii_hexdigit())
        .copied()
        .collect();
    let nibble = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    digits
        .chunks(2)
        .map(|pair| {
            Some(nibble(*pair.first()?)? << 4 | pair.get(1).map_or(Some(0), |&b| nibble(b))?)
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
        assert_eq!(scan.blocks.len(), 1);
        assert_eq!(scan.blocks[0].text(), "{\"AIGC\":{\"Label\":\"1\"}}");
        assert!(
            scan.blocks[0]
                .place
                .starts_with("PDF document Info entry \"AIGC\" (object 1 0) at byte 100"),
            "{}",
            scan.blocks[0].place
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

    #[test]
    fn truncation_never_panics() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /AIGC (\\{x\\}) /Y <4142> >>\nendobj\ntrailer\n<< /Info 1 0 R >>";
        for end in 0..pdf.len() {
            let _ = scan_bytes(&pdf[..end]);
        }
    }
}
