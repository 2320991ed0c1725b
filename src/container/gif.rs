//! GIF: block walk. XMP application extension ("XMP DataXMP") and comment extensions.
//! Image data sub-blocks are skipped by length, never decompressed.

use super::{Block, BlockKind, Scan};
use crate::bytes::Cursor;

const XMP_APP_ID: &[u8] = b"XMP DataXMP";

/// Walks the blocks of a GIF file.
pub fn scan(data: &[u8]) -> Scan<'_> {
    let mut scan = Scan::new("GIF");
    let mut cur = Cursor::at(data, 6);
    let Some(screen) = cur.take(7) else {
        scan.error("truncated logical screen descriptor");
        return scan;
    };
    let flags = screen.get(4).copied().unwrap_or(0);
    if !skip_color_table(&mut cur, flags) {
        scan.error("truncated global color table");
        return scan;
    }
    loop {
        let offset = cur.pos();
        let result = match cur.u8() {
            Some(0x3B) => return scan,
            Some(0x21) => read_extension(&mut scan, &mut cur, data, offset),
            Some(0x2C) => skip_image(&mut cur),
            Some(other) => {
                scan.error(format!(
                    "unknown block 0x{other:02X} at byte {offset}; stopped reading"
                ));
                return scan;
            }
            None => None,
        };
        if result.is_none() {
            scan.error(format!("truncated block at byte {offset}"));
            return scan;
        }
    }
}

fn skip_color_table(cur: &mut Cursor<'_>, flags: u8) -> bool {
    if flags & 0x80 == 0 {
        return true;
    }
    let entries = 2usize << (flags & 0x07);
    cur.skip(3 * entries).is_some()
}

/// Skips a chain of data sub-blocks; returns the offset of its terminating zero byte.
fn skip_sub_blocks(cur: &mut Cursor<'_>) -> Option<usize> {
    loop {
        let at = cur.pos();
        match cur.u8()? {
            0 => return Some(at),
            len => cur.skip(usize::from(len))?,
        }
    }
}

fn read_extension<'a>(
    scan: &mut Scan<'a>,
    cur: &mut Cursor<'a>,
    data: &'a [u8],
    offset: usize,
) -> Option<()> {
    let label = cur.u8()?;
    let start = cur.pos();
    let is_xmp = label == 0xFF
        && cur.clone().u8() == Some(11)
        && data.get(start + 1..start + 12) == Some(XMP_APP_ID);
    if is_xmp {
        cur.skip(12)?;
        let xmp_start = cur.pos();
        let end = skip_sub_blocks(cur)?;
        // XMP is stored raw; sub-block "lengths" are packet bytes, and a 257-byte
        // magic trailer (0x01, 0xFF..=0x00) makes the chain end cleanly.
        let raw = data.get(xmp_start..end)?;
        let packet = strip_magic_trailer(raw);
        let place = format!("XMP application extension at byte {offset}");
        scan.push(Block::borrowed(BlockKind::Xmp, place, offset, packet));
        return Some(());
    }
    if label == 0xFE {
        let mut text = Vec::new();
        let mut sub = cur.clone();
        skip_sub_blocks(cur)?;
        while let Some(len) = sub.u8().filter(|&n| n > 0) {
            text.extend_from_slice(sub.take(usize::from(len))?);
        }
        let place = format!("comment extension at byte {offset}");
        let text = String::from_utf8_lossy(&text).into_owned().into_bytes();
        scan.push(Block::owned(
            BlockKind::Text {
                key: "Comment".into(),
            },
            place,
            offset,
            text,
        ));
        return Some(());
    }
    skip_sub_blocks(cur).map(|_| ())
}

fn strip_magic_trailer(raw: &[u8]) -> &[u8] {
    let trailer_start = raw.len().saturating_sub(257);
    match raw.get(trailer_start..) {
        Some(tail)
            if tail.len() == 257 && tail.first() == Some(&1) && tail.get(1) == Some(&0xFF) =>
        {
            raw.get(..trailer_start).unwrap_or(raw)
        }
        _ => raw,
    }
}

fn skip_image(cur: &mut Cursor<'_>) -> Option<()> {
    let descriptor = cur.take(9)?;
    let flags = *descriptor.get(8)?;
    if !skip_color_table(cur, flags) {
        return None;
    }
    cur.u8()?; // LZW minimum code size
    skip_sub_blocks(cur).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gif_with(extension: &[u8]) -> Vec<u8> {
        let mut out = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
        out.extend_from_slice(&[0, 0, 0, 255, 255, 255]); // 2-entry global color table
        out.extend_from_slice(extension);
        out.extend_from_slice(b"\x2C\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0");
        out.push(0x3B);
        out
    }

    fn xmp_extension(packet: &[u8]) -> Vec<u8> {
        let mut out = vec![0x21, 0xFF, 11];
        out.extend_from_slice(XMP_APP_ID);
        out.extend_from_slice(packet);
        out.push(1);
        out.extend((0..=255u8).rev());
        out.push(0);
        out
    }

    #[test]
    fn reads_xmp_extension() {
        let file = gif_with(&xmp_extension(b"<x:xmpmeta>label</x:xmpmeta>"));
        let scan = scan(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks.len(), 1);
        assert_eq!(&*scan.blocks[0].data, b"<x:xmpmeta>label</x:xmpmeta>");
        assert_eq!(scan.blocks[0].place, "XMP application extension at byte 19");
    }

    #[test]
    fn reads_comment_extension() {
        let input1 = gif_with(b"\x21\xFE\x03abc\x02de\x00");
        let scan = scan(&input1);
        assert_eq!(scan.blocks[0].text(), "abcde");
    }

    #[test]
    fn every_truncation_is_handled() {
        let file = gif_with(&xmp_extension(b"<x/>"));
        for end in 6..file.len() {
            let scan = scan(&file[..end]);
            assert!(!scan.errors.is_empty(), "cut at {end} gave no error");
        }
    }
}
