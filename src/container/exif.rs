//! EXIF / TIFF: the IFD structure shared by TIFF files, JPEG APP1, PNG `eXIf` and WebP `EXIF`.
//!
//! The IFD walk itself is done by `kamadak-exif` (checked offsets, tolerant mode);
//! this module turns the text-valued fields that labels live in into blocks, and
//! TIFF tag 700 into an XMP block.

use exif::{Context, Field, In, Reader, Tag, Value};

use super::{Block, BlockKind, ByteOffset, Scan};

/// TIFF tag 700 holds an XMP packet.
const TAG_XMP: u16 = 700;
/// UserComment (Exif 2.32 §4.6.5), read in IFD0 too, where some label writers put it.
const TAG_USER_COMMENT: u16 = 0x9286;
/// Windows XPComment, UTF-16LE.
const TAG_XP_COMMENT: u16 = 0x9C9C;
/// EXIF text fields that generators and labellers are known to write, with their names.
const TEXT_TAGS: &[(Tag, &str)] = &[
    (Tag::ImageDescription, "ImageDescription"),
    (Tag::Make, "Make"),
    (Tag::Model, "Model"),
    (Tag::Software, "Software"),
    (Tag::Artist, "Artist"),
    (Tag::Copyright, "Copyright"),
    (Tag::UserComment, "UserComment"),
];

/// Walks a whole TIFF file.
pub fn scan_tiff(data: &[u8]) -> Scan<'_> {
    let mut scan = Scan::new("TIFF");
    read_ifds(&mut scan, data, "", "TIFF IFD", 0);
    scan
}

/// Walks an EXIF payload (a TIFF structure, optionally prefixed with `Exif\0\0`)
/// found in another container at `place`.
pub fn scan_exif(scan: &mut Scan<'_>, payload: &[u8], place: &str, offset: impl ByteOffset) {
    let tiff = payload.strip_prefix(b"Exif\0\0").unwrap_or(payload);
    read_ifds(
        scan,
        tiff,
        &format!("EXIF in {place}"),
        place,
        offset.into_u64(),
    );
}

/// Reads the IFDs of `tiff`; errors name `what` ("EXIF in APP1 segment at byte 2"), or only the
/// problem when `what` is empty (a TIFF file, whose scan names it).
fn read_ifds(scan: &mut Scan<'_>, tiff: &[u8], what: &str, place: &str, offset: u64) {
    let what = if what.is_empty() {
        String::new()
    } else {
        format!("{what}: ")
    };
    let result = Reader::new()
        .continue_on_error(true)
        .read_raw(tiff.to_vec());
    let exif = match result {
        Ok(exif) => exif,
        Err(err) => {
            let mut problems = Vec::new();
            match err.distill_partial_result(|errors| {
                problems.extend(errors.iter().map(|e| e.to_string()))
            }) {
                Ok(exif) => {
                    for problem in problems {
                        scan.error(format!("{what}{problem}"));
                    }
                    exif
                }
                Err(err) => {
                    scan.error(format!("{what}unreadable ({err})"));
                    return;
                }
            }
        }
    };
    let little_endian = exif.little_endian();
    for field in exif.fields() {
        if field.ifd_num != In::PRIMARY {
            continue;
        }
        if field.tag == Tag(Context::Tiff, TAG_XMP) {
            if let Some(bytes) = raw_bytes(&field.value) {
                scan.push(Block::owned(
                    BlockKind::Xmp,
                    format!("tag 700 of {place}"),
                    offset,
                    bytes,
                ));
            }
        } else if let Some(text) = field_text(field, little_endian) {
            let tag = tag_name(field.tag);
            scan.push(Block::owned(
                BlockKind::ExifText { tag },
                format!("EXIF {tag} in {place}"),
                offset,
                text.into_bytes(),
            ));
        }
    }
}

fn tag_name(tag: Tag) -> &'static str {
    if tag == Tag(Context::Tiff, TAG_XP_COMMENT) {
        return "XPComment";
    }
    if tag.number() == TAG_USER_COMMENT {
        return "UserComment";
    }
    TEXT_TAGS
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, name)| *name)
        .unwrap_or("Unknown")
}

fn raw_bytes(value: &Value) -> Option<Vec<u8>> {
    match value {
        Value::Byte(bytes) | Value::Undefined(bytes, _) => Some(bytes.clone()),
        Value::Ascii(parts) => Some(parts.concat()),
        _ => None,
    }
}

/// The text of a label-relevant field, or `None` for any other field.
fn field_text(field: &Field, little_endian: bool) -> Option<String> {
    if field.tag.number() == TAG_USER_COMMENT {
        return match &field.value {
            // Written as ASCII by some tools: the NULs of its code prefix split it into parts.
            Value::Ascii(parts) => Some(user_comment(&parts.join(&0u8), little_endian)),
            other => raw_bytes(other).map(|b| user_comment(&b, little_endian)),
        };
    }
    if field.tag == Tag(Context::Tiff, TAG_XP_COMMENT) {
        return raw_bytes(&field.value).map(|b| utf16(&b, true));
    }
    if !TEXT_TAGS.iter().any(|(t, _)| *t == field.tag) {
        return None;
    }
    let bytes = raw_bytes(&field.value)?;
    Some(String::from_utf8_lossy(trim_nul(&bytes)).into_owned())
}

/// The character codes UserComment may start with (Exif 2.32 Table 9).
const CODE_ASCII: &[u8] = b"ASCII\0\0\0";
const CODE_UNICODE: &[u8] = b"UNICODE\0";
const CODE_JIS: &[u8] = b"JIS\0\0\0\0\0";
const CODE_UNDEFINED: &[u8] = b"\0\0\0\0\0\0\0\0";

/// Decodes UserComment: an 8-byte character-code prefix, then the text. Writers also leave
/// the prefix out: a value whose first 8 bytes are printable ASCII is read whole. Any other
/// first 8 bytes are an unknown (or damaged) code and are dropped like a known one.
pub fn user_comment(bytes: &[u8], little_endian: bool) -> String {
    let (code, text) = bytes.split_at(bytes.len().min(8));
    match code {
        CODE_UNICODE => utf16(text, utf16_little_endian(text, little_endian)),
        // ASCII, JIS and undefined: read as UTF-8, which ASCII is a subset of.
        CODE_ASCII | CODE_JIS | CODE_UNDEFINED => {
            String::from_utf8_lossy(trim_nul(text)).into_owned()
        }
        _ if code.len() == 8 && !code.iter().all(|b| b.is_ascii_graphic() || *b == b' ') => {
            String::from_utf8_lossy(trim_nul(text)).into_owned()
        }
        _ => String::from_utf8_lossy(trim_nul(bytes)).into_owned(),
    }
}

/// The byte order of UTF-16 text: its byte-order mark, else the file's, unless the text opens
/// with an ASCII character in the other order (writers use little-endian in big-endian files).
fn utf16_little_endian(text: &[u8], file_little_endian: bool) -> bool {
    match text {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        [a, 0, ..] if *a != 0 && a.is_ascii() => true,
        [0, b, ..] if *b != 0 && b.is_ascii() => false,
        _ => file_little_endian,
    }
}

fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|pair| match pair {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0,
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    text.trim_start_matches('\u{FEFF}')
        .trim_end_matches('\0')
        .to_string()
}

fn trim_nul(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    bytes.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF with one IFD holding the given (tag, type, bytes) entries.
    pub(crate) fn tiff(entries: &[(u16, u16, &[u8])]) -> Vec<u8> {
        let mut out = b"II*\0\x08\0\0\0".to_vec();
        let count = entries.len() as u16;
        let mut data_at = 8 + 2 + 12 * entries.len() + 4;
        let mut data = Vec::new();
        out.extend_from_slice(&count.to_le_bytes());
        for (tag, kind, bytes) in entries {
            out.extend_from_slice(&tag.to_le_bytes());
            out.extend_from_slice(&kind.to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            if bytes.len() <= 4 {
                let mut inline = bytes.to_vec();
                inline.resize(4, 0);
                out.extend_from_slice(&inline);
            } else {
                out.extend_from_slice(&(data_at as u32).to_le_bytes());
                data.extend_from_slice(bytes);
                data_at += bytes.len();
            }
        }
        out.extend_from_slice(&[0; 4]);
        out.extend(data);
        out
    }

    #[test]
    fn reads_description_software_and_xmp() {
        let file = tiff(&[
            (0x010E, 2, b"Signature: abc\0"),
            (0x0131, 2, b"NovelAI\0"),
            (700, 1, b"<x:xmpmeta/>"),
        ]);
        let scan = scan_tiff(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        let kinds: Vec<_> = scan
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text().into_owned()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (
                    BlockKind::ExifText {
                        tag: "ImageDescription"
                    },
                    "Signature: abc".to_string()
                ),
                (
                    BlockKind::ExifText { tag: "Software" },
                    "NovelAI".to_string()
                ),
                (BlockKind::Xmp, "<x:xmpmeta/>".to_string()),
            ]
        );
    }

    #[test]
    fn reads_user_comment_in_ifd0_as_undefined_and_as_ascii() {
        for kind in [7u16, 2] {
            let file = tiff(&[(0x9286, kind, b"ASCII\0\0\0{\"AIGC\":{}}")]);
            let scan = scan_tiff(&file);
            assert!(scan.errors.is_empty(), "{:?}", scan.errors);
            assert_eq!(scan.blocks.len(), 1, "type {kind}");
            assert_eq!(
                scan.blocks[0].kind,
                BlockKind::ExifText { tag: "UserComment" }
            );
            assert_eq!(scan.blocks[0].text(), r#"{"AIGC":{}}"#, "type {kind}");
            assert_eq!(scan.blocks[0].place, "EXIF UserComment in TIFF IFD");
        }
    }

    #[test]
    fn user_comment_prefixes() {
        assert_eq!(
            user_comment(b"ASCII\0\0\0{\"AIGC\":{}}", true),
            "{\"AIGC\":{}}"
        );
        assert_eq!(user_comment(b"UNICODE\0h\0i\0", true), "hi");
        assert_eq!(user_comment(b"UNICODE\0\0h\0i", false), "hi");
        assert_eq!(user_comment(b"\0\0\0\0\0\0\0\0text\0\0", true), "text");
        assert_eq!(user_comment(b"abc", true), "abc");
        // No code prefix: the whole value is the text.
        assert_eq!(
            user_comment(br#"{"Label":"1","ContentProducer":"p"}"#, true),
            r#"{"Label":"1","ContentProducer":"p"}"#
        );
        // An unknown or damaged code is dropped; printable text from the first byte is kept.
        assert_eq!(
            user_comment(b"ASCII\0\0X{\"AIGC\":{}}", true),
            r#"{"AIGC":{}}"#
        );
        assert_eq!(user_comment(b"Signature: x", true), "Signature: x");
        // UTF-16 in the other byte order than the file's, and with a byte-order mark.
        assert_eq!(user_comment(b"UNICODE\0{\0}\0", false), "{}");
        assert_eq!(user_comment(b"UNICODE\0\xFE\xFF\0h\0i", true), "hi");
    }

    #[test]
    fn every_truncation_is_handled() {
        let file = tiff(&[
            (0x010E, 2, b"Signature: abcdefgh\0"),
            (700, 1, b"<x:xmpmeta/>"),
        ]);
        for end in 0..file.len() {
            let mut scan = Scan::default();
            scan_exif(&mut scan, &file[..end], "APP1 segment at byte 2", 2usize);
            assert!(
                scan.blocks.len() < 2 || end == file.len(),
                "cut at {end} read everything"
            );
        }
    }
}
