//! PNG: chunk walk. Text chunks (tEXt, zTXt, iTXt), `eXIf`, C2PA `caBX`, and bytes after IEND.
//!
//! Pixel data (IDAT) is skipped by length without being read or checksummed.

use super::{exif, Block, BlockKind, Scan};
use crate::bytes::{split_nul, Cursor};

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// PNG limits chunk lengths to 2^31 - 1.
const MAX_CHUNK_LEN: u32 = 0x7FFF_FFFF;
const XMP_KEYWORD: &[u8] = b"XML:com.adobe.xmp";

/// Walks the chunks of a PNG file.
pub fn scan(data: &[u8]) -> Scan<'_> {
    let mut scan = Scan::new("PNG");
    let mut cur = Cursor::at(data, SIGNATURE.len());
    if !data.starts_with(SIGNATURE) {
        scan.error("missing signature");
        return scan;
    }
    let mut saw_iend = false;
    while !cur.is_empty() {
        let offset = cur.pos();
        let (Some(len), Some(kind)) = (cur.u32_be(), cur.array::<4>()) else {
            scan.error(format!("truncated chunk header at byte {offset}"));
            break;
        };
        if len > MAX_CHUNK_LEN || !kind.iter().all(u8::is_ascii_alphabetic) {
            scan.error(format!(
                "invalid chunk header at byte {offset}; stopped reading"
            ));
            break;
        }
        let name = String::from_utf8_lossy(&kind).into_owned();
        let Some(body) = cur.take(len as usize) else {
            scan.error(format!(
                "{name} chunk at byte {offset} claims {len} bytes but only {} remain (file truncated)",
                cur.remaining()
            ));
            break;
        };
        let crc = cur.u32_be();
        let place = format!("{name} chunk at byte {offset}");
        if is_metadata(&kind) {
            check_crc(&mut scan, &kind, body, crc, &place);
            read_chunk(&mut scan, &kind, body, place, offset);
        } else if crc.is_none() {
            scan.error(format!("{place} has no CRC (file truncated)"));
        }
        if &kind == b"IEND" {
            saw_iend = true;
            break;
        }
    }
    if saw_iend && !cur.is_empty() {
        let offset = cur.pos();
        let trailer = cur.rest();
        scan.push(Block::borrowed(
            BlockKind::Trailer,
            format!("{} bytes after IEND at byte {offset}", trailer.len()),
            offset,
            trailer,
        ));
    } else if !saw_iend && scan.errors.is_empty() {
        scan.error("no IEND chunk (file truncated)");
    }
    scan
}

fn is_metadata(kind: &[u8; 4]) -> bool {
    matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"caBX")
}

fn check_crc(scan: &mut Scan<'_>, kind: &[u8; 4], body: &[u8], crc: Option<u32>, place: &str) {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(kind);
    hasher.update(body);
    match crc {
        None => scan.error(format!("{place} has no CRC (file truncated)")),
        Some(crc) if crc != hasher.finalize() => scan.error(format!(
            "{place} has a wrong CRC (the chunk was altered or damaged)"
        )),
        Some(_) => {}
    }
}

fn read_chunk<'a>(
    scan: &mut Scan<'a>,
    kind: &[u8; 4],
    body: &'a [u8],
    place: String,
    offset: usize,
) {
    match kind {
        b"tEXt" => read_text(scan, body, place, offset),
        b"zTXt" => read_ztxt(scan, body, place, offset),
        b"iTXt" => read_itxt(scan, body, place, offset),
        b"eXIf" => exif::scan_exif(scan, body, &place, offset),
        b"caBX" => scan.push(Block::borrowed(BlockKind::C2pa, place, offset, body)),
        _ => {}
    }
}

/// tEXt and zTXt are Latin-1 by the PNG specification, but generators (Midjourney among them)
/// write UTF-8 there. Bytes that are valid UTF-8 are read as UTF-8, anything else as Latin-1.
fn legacy_text(data: &[u8]) -> String {
    match std::str::from_utf8(data) {
        Ok(text) => text.to_string(),
        Err(_) => crate::bytes::latin1(data),
    }
}

fn text_block<'a>(keyword: &[u8], text: Vec<u8>, place: String, offset: usize) -> Block<'a> {
    let kind = if keyword == XMP_KEYWORD {
        BlockKind::Xmp
    } else {
        BlockKind::Text {
            key: legacy_text(keyword),
        }
    };
    Block::owned(kind, place, offset, text)
}

fn read_text<'a>(scan: &mut Scan<'a>, body: &'a [u8], place: String, offset: usize) {
    let Some((keyword, text)) = split_nul(body) else {
        scan.error(format!("{place} has no keyword separator"));
        return;
    };
    if keyword == XMP_KEYWORD {
        scan.push(Block::borrowed(BlockKind::Xmp, place, offset, text));
    } else {
        scan.push(text_block(
            keyword,
            legacy_text(text).into_bytes(),
            place,
            offset,
        ));
    }
}

fn read_ztxt(scan: &mut Scan<'_>, body: &[u8], place: String, offset: usize) {
    let Some((keyword, rest)) = split_nul(body) else {
        scan.error(format!("{place} has no keyword separator"));
        return;
    };
    let mut cur = Cursor::at(rest, 0);
    if cur.u8() != Some(0) {
        scan.error(format!("{place} uses an unknown compression method"));
        return;
    }
    if let Some(text) = scan.inflate(cur.rest(), &place) {
        scan.push(text_block(
            keyword,
            legacy_text(&text).into_bytes(),
            place,
            offset,
        ));
    }
}

fn read_itxt<'a>(scan: &mut Scan<'a>, body: &'a [u8], place: String, offset: usize) {
    let parsed = split_nul(body).and_then(|(keyword, rest)| {
        let mut cur = Cursor::at(rest, 0);
        let compressed = cur.u8()?;
        let method = cur.u8()?;
        let (_language, rest) = split_nul(cur.rest())?;
        let (_translated, text) = split_nul(rest)?;
        Some((keyword, compressed, method, text))
    });
    let Some((keyword, compressed, method, text)) = parsed else {
        scan.error(format!("{place} is malformed (missing separators)"));
        return;
    };
    match (compressed, method) {
        (0, _) if keyword == XMP_KEYWORD => {
            scan.push(Block::borrowed(BlockKind::Xmp, place, offset, text))
        }
        (0, _) => scan.push(Block::borrowed(
            BlockKind::Text {
                key: legacy_text(keyword),
            },
            place,
            offset,
            text,
        )),
        (1, 0) => {
            if let Some(text) = scan.inflate(text, &place) {
                scan.push(text_block(keyword, text, place, offset));
            }
        }
        _ => scan.error(format!(
            "{place} uses an unknown compression flag or method"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = (body.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        let mut h = crc32fast::Hasher::new();
        h.update(kind);
        h.update(body);
        out.extend_from_slice(&h.finalize().to_be_bytes());
        out
    }

    fn png(chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut out = SIGNATURE.to_vec();
        out.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
        for c in chunks {
            out.extend_from_slice(c);
        }
        out.extend(chunk(b"IEND", b""));
        out
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
    }

    #[test]
    fn reads_text_ztxt_and_itxt() {
        let mut ztxt = b"parameters\0\0".to_vec();
        ztxt.extend(zlib(b"a cat\nSteps: 20"));
        let mut itxt = b"XML:com.adobe.xmp\0\x01\x00\0\0".to_vec();
        itxt.extend(zlib(b"<x:xmpmeta/>"));
        let file = png(&[
            chunk(b"tEXt", b"AIGC\0{\"AIGC\":{}}"),
            chunk(b"zTXt", &ztxt),
            chunk(b"iTXt", &itxt),
        ]);
        let scan = scan(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks.len(), 3);
        assert_eq!(scan.blocks[0].kind, BlockKind::Text { key: "AIGC".into() });
        assert_eq!(scan.blocks[0].place, "tEXt chunk at byte 33");
        assert_eq!(&*scan.blocks[1].data, b"a cat\nSteps: 20");
        assert_eq!(scan.blocks[2].kind, BlockKind::Xmp);
        assert_eq!(&*scan.blocks[2].data, b"<x:xmpmeta/>");
    }

    #[test]
    fn utf8_in_text_chunks_is_kept() {
        let input = png(&[chunk(b"tEXt", "Description\0danh võ".as_bytes())]);
        assert_eq!(scan(&input).blocks[0].text(), "danh võ");
    }

    #[test]
    fn text_is_latin1() {
        let file = png(&[chunk(b"tEXt", b"Comment\0caf\xe9")]);
        assert_eq!(scan(&file).blocks[0].text(), "café");
    }

    #[test]
    fn flags_wrong_crc_but_keeps_the_block() {
        let mut c = chunk(b"tEXt", b"AIGC\0x");
        let last = c.len() - 1;
        c[last] ^= 1;
        let input1 = png(&[c]);
        let scan = scan(&input1);
        assert_eq!(scan.blocks.len(), 1);
        assert!(scan.errors[0].contains("wrong CRC"), "{:?}", scan.errors);
    }

    #[test]
    fn reports_bytes_after_iend() {
        let mut file = png(&[]);
        file.extend_from_slice(b"TRAILER");
        let scan = scan(&file);
        assert_eq!(scan.blocks[0].kind, BlockKind::Trailer);
        assert_eq!(&*scan.blocks[0].data, b"TRAILER");
    }

    #[test]
    fn inflation_is_capped() {
        let mut ztxt = b"bomb\0\0".to_vec();
        ztxt.extend(zlib(&vec![b'a'; super::super::MAX_INFLATED_BLOCK + 10]));
        let input2 = png(&[chunk(b"zTXt", &ztxt)]);
        let scan = scan(&input2);
        assert!(
            scan.errors
                .iter()
                .any(|e| e.contains("inflates to more than")),
            "{:?}",
            scan.errors
        );
        assert_eq!(scan.blocks[0].data.len(), super::super::MAX_INFLATED_BLOCK);
    }

    #[test]
    fn every_truncation_is_handled() {
        let file = png(&[
            chunk(b"tEXt", b"AIGC\0{\"AIGC\":{}}"),
            chunk(b"caBX", b"jumb"),
        ]);
        for end in 0..file.len() {
            let scan = scan(&file[..end]);
            assert!(!scan.errors.is_empty(), "cut at {end} gave no error");
        }
        assert!(scan(&file).errors.is_empty());
    }
}
