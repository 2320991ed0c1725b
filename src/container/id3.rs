//! MP3: the ID3v2 tag at the start of the file (v2.3 and v2.4, with unsynchronisation).
//! `TXXX` frames become keyed text (description → value); `TSSE`/`TENC` become Software,
//! `COMM` Comment. Audio frames are never read.
//!
//! Hand-written rather than the `id3` crate: we need frame offsets, and a damaged tag
//! must still yield the frames before the damage.

use super::{Block, BlockKind, Scan};
use crate::bytes::Cursor;
use crate::source::Source;

/// Largest tag read (ID3v2 sizes go up to 256 MB).
const MAX_TAG: usize = 16 << 20;
/// Most frames read.
const MAX_FRAMES: usize = 4096;

/// Reads the ID3v2 tag of an MP3 file (no tag: nothing to read).
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::new("ID3");
    let header = source
        .read_at(0, 10)
        .map(|h| h.into_owned())
        .unwrap_or_default();
    if !header.starts_with(b"ID3") {
        return scan; // MPEG audio without an ID3v2 tag
    }
    let Some((version, flags, size)) = parse_header(&header) else {
        scan.error("truncated or malformed tag header");
        return scan;
    };
    if size > MAX_TAG {
        scan.error(format!(
            "tag of {size} bytes is over the {MAX_TAG}-byte limit; not read"
        ));
        return scan;
    }
    let tag = match source.read_at(10, size) {
        Ok(tag) => tag.into_owned(),
        Err(message) => {
            scan.error(message);
            return scan;
        }
    };
    if tag.len() < size {
        scan.error(format!(
            "tag claims {size} bytes but only {} are present (file truncated)",
            tag.len()
        ));
    }
    let tag = if version == 3 && flags & 0x80 != 0 {
        resync(&tag)
    } else {
        tag
    };
    read_frames(&mut scan, &tag, version, flags);
    scan
}

/// (major version, flags, tag size) from the 10-byte header.
fn parse_header(header: &[u8]) -> Option<(u8, u8, usize)> {
    let mut cur = Cursor::at(header, 3);
    let version = cur.u8()?;
    cur.u8()?; // revision
    let flags = cur.u8()?;
    let size = syncsafe(cur.array::<4>()?)?;
    matches!(version, 2..=4).then_some((version, flags, size))
}

/// A 28-bit "syncsafe" integer (7 bits per byte).
fn syncsafe(bytes: [u8; 4]) -> Option<usize> {
    if bytes.iter().any(|b| b & 0x80 != 0) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 7) | usize::from(b)),
    )
}

/// Undoes unsynchronisation: `FF 00` → `FF`.
fn resync(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut previous_ff = false;
    for &b in data {
        if !(previous_ff && b == 0) {
            out.push(b);
        }
        previous_ff = b == 0xFF;
    }
    out
}

fn read_frames(scan: &mut Scan<'_>, tag: &[u8], version: u8, flags: u8) {
    let mut cur = Cursor::at(tag, 0);
    if flags & 0x40 != 0 {
        // extended header: v2.3 size excludes its own 4 bytes; v2.4 size is syncsafe and includes them
        let skip = match version {
            3 => cur.u32_be().map(|n| n as usize),
            _ => cur
                .array::<4>()
                .and_then(syncsafe)
                .and_then(|n| n.checked_sub(4)),
        };
        if skip.and_then(|n| cur.skip(n)).is_none() {
            scan.error("malformed extended header");
            return;
        }
    }
    let id_len = if version == 2 { 3 } else { 4 };
    for _ in 0..MAX_FRAMES {
        let at = 10 + cur.pos();
        let Some(id) = cur.take(id_len) else { return };
        if id.iter().all(|&b| b == 0) {
            return; // padding
        }
        let size = match version {
            2 => cur
                .array::<3>()
                .map(|[a, b, c]| u32::from_be_bytes([0, a, b, c]) as usize),
            3 => cur.u32_be().map(|n| n as usize),
            _ => cur.array::<4>().and_then(syncsafe),
        };
        let frame_flags = if version == 2 { Some(0) } else { cur.u16_be() };
        let (Some(size), Some(frame_flags)) = (size, frame_flags) else {
            scan.error(format!("truncated frame header at byte {at}"));
            return;
        };
        let Some(body) = cur.take(size) else {
            scan.error(format!(
                "frame at byte {at} claims {size} bytes but the tag ends first"
            ));
            return;
        };
        let body = if version == 4 && frame_flags & 0x0002 != 0 {
            resync(body)
        } else {
            body.to_vec()
        };
        let id = String::from_utf8_lossy(id).into_owned();
        if let Some((key, text)) = frame_text(&id, &body) {
            let place = format!("ID3v2.{version} {id} frame \"{key}\" at byte {at}");
            scan.push(Block::owned(
                BlockKind::Text { key },
                place,
                at,
                text.into_bytes(),
            ));
        }
    }
}

/// The (key, text) of a frame we read: TXXX (description → value), software and comments.
fn frame_text(id: &str, body: &[u8]) -> Option<(String, String)> {
    let (&encoding, rest) = body.split_first()?;
    match id {
        "TXXX" | "TXX" => {
            let (description, value) = split_encoded(encoding, rest);
            Some((decode(encoding, description), decode(encoding, value)))
        }
        "TSSE" | "TENC" | "TSS" | "TEN" => Some(("Software".into(), decode(encoding, rest))),
        "COMM" | "COM" => {
            let (_description, text) = split_encoded(encoding, rest.get(3..)?);
            Some(("Comment".into(), decode(encoding, text)))
        }
        _ => None,
    }
}

/// Splits at the encoding's terminator (one NUL, or two aligned NULs for UTF-16).
fn split_encoded(encoding: u8, data: &[u8]) -> (&[u8], &[u8]) {
    let at = if matches!(encoding, 1 | 2) {
        data.chunks_exact(2)
            .position(|pair| pair == [0, 0])
            .map(|i| (i * 2, 2))
    } else {
        data.iter().position(|&b| b == 0).map(|i| (i, 1))
    };
    match at {
        Some((i, width)) => (
            data.get(..i).unwrap_or_default(),
            data.get(i + width..).unwrap_or_default(),
        ),
        None => (data, &[]),
    }
}

/// Decodes ID3 text: 0 Latin-1, 1 UTF-16 with BOM, 2 UTF-16BE, 3 UTF-8.
fn decode(encoding: u8, data: &[u8]) -> String {
    let text = match encoding {
        1 | 2 => {
            let (little, body) = match data {
                [0xFF, 0xFE, rest @ ..] => (true, rest),
                [0xFE, 0xFF, rest @ ..] => (false, rest),
                _ => (false, data),
            };
            let units = body.chunks_exact(2).map(|p| match p {
                [a, b] if little => u16::from_le_bytes([*a, *b]),
                [a, b] => u16::from_be_bytes([*a, *b]),
                _ => 0,
            });
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        3 => String::from_utf8_lossy(data).into_owned(),
        _ => crate::bytes::latin1(data),
    };
    text.trim_end_matches('\0').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(version: u8, frames: &[u8]) -> Vec<u8> {
        let size = frames.len();
        let mut out = vec![b'I', b'D', b'3', version, 0, 0];
        out.extend_from_slice(&[
            (size >> 21) as u8 & 0x7F,
            (size >> 14) as u8 & 0x7F,
            (size >> 7) as u8 & 0x7F,
            size as u8 & 0x7F,
        ]);
        out.extend_from_slice(frames);
        out
    }

    fn frame(version: u8, id: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = id.to_vec();
        let n = body.len() as u32;
        if version == 4 {
            out.extend_from_slice(&[
                (n >> 21) as u8 & 0x7F,
                (n >> 14) as u8 & 0x7F,
                (n >> 7) as u8 & 0x7F,
                n as u8 & 0x7F,
            ]);
        } else {
            out.extend_from_slice(&n.to_be_bytes());
        }
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn reads_txxx_in_v23_and_v24() {
        for version in [3, 4] {
            let file = tag(
                version,
                &frame(version, b"TXXX", b"\x03AIGC\0{\"AIGC\":{}}"),
            );
            let data: &[u8] = &file;
            let scan = scan(&data);
            assert!(scan.errors.is_empty(), "{:?}", scan.errors);
            assert_eq!(scan.blocks[0].kind, BlockKind::Text { key: "AIGC".into() });
            assert_eq!(scan.blocks[0].text(), "{\"AIGC\":{}}");
            assert_eq!(
                scan.blocks[0].place,
                format!("ID3v2.{version} TXXX frame \"AIGC\" at byte 10")
            );
        }
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let body = b"\x01\xFF\xFEA\0I\0\0\0\xFF\xFE{\0}\0";
        assert_eq!(
            frame_text("TXXX", body),
            Some(("AI".to_string(), "{}".to_string()))
        );
    }

    #[test]
    fn undoes_unsynchronisation() {
        assert_eq!(
            resync(&[0xFF, 0x00, 0xE0, 0xFF, 0x00, 0x00]),
            vec![0xFF, 0xE0, 0xFF, 0x00]
        );
    }

    #[test]
    fn every_truncation_is_handled() {
        let file = tag(4, &frame(4, b"TXXX", b"\x03AIGC\0{}"));
        for end in 0..file.len() {
            let data: &[u8] = &file[..end];
            let scan = scan(&data);
            assert!(
                scan.blocks.is_empty() && (end < 3 || !scan.errors.is_empty()),
                "cut at {end}"
            );
        }
    }
}
