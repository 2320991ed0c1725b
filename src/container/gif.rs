//! GIF: block walk. XMP application extension ("XMP DataXMP") and comment extensions.
//! Image data sub-blocks are skipped by length, never decompressed.
//!
//! XMP is read however it is packed: raw after the identifier with the 258-byte magic trailer
//! (XMP Specification Part 3, §1.1.2), the same with a wrong authentication code, or as
//! ordinary length-prefixed sub-blocks.

use super::{Block, BlockKind, Scan};
use crate::bytes::Cursor;

/// The application identifier alone; the 3-byte authentication code after it varies.
const XMP_IDENTIFIER: &[u8] = b"XMP Data";
/// Where XMP text starts.
const XMP_OPENINGS: [&[u8]; 3] = [b"<?xpacket", b"<x:xmpmeta", b"<rdf:RDF"];
/// Where raw XMP without a magic trailer ends, the first found in this order.
const XMP_CLOSINGS: [&[u8]; 2] = [b"<?xpacket end", b"</x:xmpmeta>"];

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
            Some(0x21) => match read_extension(&mut scan, &mut cur, data, offset) {
                Some(Step::Stop) => return scan,
                other => other.map(|_| ()),
            },
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

/// Whether the walk goes on after a block.
enum Step {
    Next,
    Stop,
}

fn read_extension<'a>(
    scan: &mut Scan<'a>,
    cur: &mut Cursor<'a>,
    data: &'a [u8],
    offset: usize,
) -> Option<Step> {
    let label = cur.u8()?;
    let start = cur.pos();
    let is_xmp = label == 0xFF
        && cur.clone().u8() == Some(11)
        && data.get(start + 1..start + 9) == Some(XMP_IDENTIFIER);
    if is_xmp {
        let auth = data.get(start + 9..start + 12).unwrap_or_default();
        cur.skip(12)?;
        return read_xmp(scan, cur, data, offset, auth);
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
        return Some(Step::Next);
    }
    skip_sub_blocks(cur).map(|_| Step::Next)
}

/// Reads the XMP of an application extension whose 12-byte header ends at `cur`.
fn read_xmp<'a>(
    scan: &mut Scan<'a>,
    cur: &mut Cursor<'a>,
    data: &'a [u8],
    offset: usize,
    auth: &[u8],
) -> Option<Step> {
    let xmp_start = cur.pos();
    let body = data.get(xmp_start..).unwrap_or_default();
    let place = if auth == b"XMP" {
        format!("XMP application extension at byte {offset}")
    } else {
        let code: Vec<String> = auth.iter().map(|b| format!("{b:02X}")).collect();
        format!(
            "XMP application extension (authentication code {}) at byte {offset}",
            code.join(" ")
        )
    };
    // Sub-block packing: the first length byte is followed by the packet's opening.
    let first = usize::from(body.first().copied().unwrap_or(0));
    if first > 0
        && body
            .get(1..)
            .is_some_and(|b| opens_xmp(b) && first < b.len())
    {
        let mut sub = cur.clone();
        skip_sub_blocks(cur)?;
        let mut packet = Vec::new();
        while let Some(len) = sub.u8().filter(|&n| n > 0) {
            packet.extend_from_slice(sub.take(usize::from(len))?);
        }
        let place = format!("{place}, in sub-blocks");
        scan.push(Block::owned(BlockKind::Xmp, place, offset, packet));
        return Some(Step::Next);
    }
    // Raw packing: sub-block "lengths" are packet bytes, and the magic trailer (0x01, 0xFF..=0x00)
    // makes the chain end cleanly. A chain that ends without one is read as far as it goes.
    let mut walk = cur.clone();
    if let Some(raw) = skip_sub_blocks(&mut walk).and_then(|end| data.get(xmp_start..end)) {
        *cur = walk;
        let packet = strip_magic_trailer(raw);
        scan.push(Block::borrowed(BlockKind::Xmp, place, offset, packet));
        return Some(Step::Next);
    }
    // Raw XMP whose chain runs off the file: the packet ends at its closing; the blocks after it
    // cannot be found again.
    let close = XMP_CLOSINGS
        .iter()
        .find_map(|c| crate::bytes::find(body, c))?;
    let end = crate::bytes::find(body.get(close..)?, b">").map_or(body.len(), |i| close + i + 1);
    let packet = body.get(..end)?;
    scan.push(Block::borrowed(BlockKind::Xmp, place, offset, packet));
    scan.error(format!(
        "the XMP application extension at byte {offset} has no magic trailer; the blocks after it were not read"
    ));
    Some(Step::Stop)
}

/// Whether `bytes` start (after blanks) like an XMP packet.
fn opens_xmp(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let bytes = bytes.get(start..).unwrap_or_default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    XMP_OPENINGS.iter().any(|o| bytes.starts_with(o))
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

    const XMP_APP_ID: &[u8] = b"XMP DataXMP";

    /// An application extension's introducer and the 11-byte "XMP DataXMP" header.
    fn xmp_header() -> Vec<u8> {
        [&[0x21, 0xFF, 11][..], XMP_APP_ID].concat()
    }

    fn xmp_extension(packet: &[u8]) -> Vec<u8> {
        let mut out = xmp_header();
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

    const PACKET: &[u8] = b"<?xpacket begin=''?><x:xmpmeta>label</x:xmpmeta><?xpacket end='w'?>";

    #[test]
    fn reads_xmp_with_a_wrong_authentication_code() {
        let mut extension = xmp_extension(PACKET);
        extension[11..14].copy_from_slice(b"\0\0\0");
        let file = gif_with(&extension);
        let scan = scan(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(&*scan.blocks[0].data, PACKET);
        assert_eq!(
            scan.blocks[0].place,
            "XMP application extension (authentication code 00 00 00) at byte 19"
        );
    }

    #[test]
    fn reads_xmp_packed_in_sub_blocks() {
        let mut extension = xmp_header();
        for part in PACKET.chunks(20) {
            extension.push(part.len() as u8);
            extension.extend_from_slice(part);
        }
        extension.push(0);
        let file = gif_with(&[extension, b"\x21\xFE\x02hi\x00".to_vec()].concat());
        let scan = scan(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(&*scan.blocks[0].data, PACKET);
        assert_eq!(
            scan.blocks[0].place,
            "XMP application extension at byte 19, in sub-blocks"
        );
        assert_eq!(scan.blocks[1].text(), "hi", "the walk goes on after it");
    }

    #[test]
    fn reads_raw_xmp_without_the_magic_trailer() {
        let mut extension = xmp_header();
        extension.extend_from_slice(PACKET);
        extension.push(0);
        let file = gif_with(&extension);
        let scan = scan(&file);
        assert_eq!(&*scan.blocks[0].data, PACKET);
        assert_eq!(
            scan.errors,
            ["GIF: the XMP application extension at byte 19 has no magic trailer; the blocks after it were not read"]
        );
    }

    #[test]
    fn reads_a_damaged_raw_packet_as_far_as_its_chain_goes() {
        // No closing and no trailer; its first byte ('<', 60) read as a length skips the other
        // 60, and the NUL after them ends the chain.
        let damaged = [&PACKET[..31], &[b' '; 30][..]].concat();
        let mut extension = xmp_header();
        extension.extend_from_slice(&damaged);
        extension.push(0);
        let file = gif_with(&[extension, b"\x21\xFE\x02hi\x00".to_vec()].concat());
        let scan = scan(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks[0].data[..61], damaged[..]);
        assert_eq!(scan.blocks[1].text(), "hi", "the walk goes on after it");
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
