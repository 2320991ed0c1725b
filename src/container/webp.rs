//! WebP: RIFF chunk walk. `XMP `, `EXIF` and C2PA `C2PA` chunks; image chunks are skipped.

use super::{exif, Block, BlockKind, Scan};
use crate::bytes::Cursor;

/// Walks the chunks of a WebP file.
pub fn scan(data: &[u8]) -> Scan<'_> {
    let mut scan = Scan::new("WebP");
    let mut cur = Cursor::at(data, 4);
    let declared = cur.u32_le().map(|n| n as usize);
    cur.skip(4); // "WEBP", checked by the sniffer
    if let Some(declared) = declared {
        let actual = data.len().saturating_sub(8);
        if declared > actual {
            scan.error(format!("RIFF header declares {declared} bytes but the file holds {actual} (file truncated)"));
        }
    }
    while !cur.is_empty() {
        let offset = cur.pos();
        let (Some(fourcc), Some(len)) = (cur.array::<4>(), cur.u32_le()) else {
            scan.error(format!("truncated chunk header at byte {offset}"));
            break;
        };
        let name = String::from_utf8_lossy(&fourcc).into_owned();
        let Some(body) = cur.take(len as usize) else {
            scan.error(format!(
                "'{name}' chunk at byte {offset} claims {len} bytes but only {} remain (file truncated)",
                cur.remaining()
            ));
            break;
        };
        if len % 2 == 1 {
            cur.skip(1); // RIFF pads odd-sized chunks; a missing pad byte at the very end is tolerated
        }
        let place = format!("'{}' chunk at byte {offset}", name.trim_end());
        match &fourcc {
            b"XMP " => scan.push(Block::borrowed(BlockKind::Xmp, place, offset, body)),
            b"EXIF" => exif::scan_exif(&mut scan, body, &place, offset),
            b"C2PA" => scan.push(Block::borrowed(BlockKind::C2pa, place, offset, body)),
            _ => {}
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn webp(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut body = b"WEBP".to_vec();
        for (fourcc, data) in chunks {
            body.extend_from_slice(*fourcc);
            body.extend_from_slice(&(data.len() as u32).to_le_bytes());
            body.extend_from_slice(data);
            if data.len() % 2 == 1 {
                body.push(0);
            }
        }
        let mut out = b"RIFF".to_vec();
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn reads_xmp_and_c2pa_with_padding() {
        let file = webp(&[
            (b"VP8X", &[0; 10]),
            (b"VP8L", b"abc"),
            (b"XMP ", b"<x/>"),
            (b"C2PA", b"jumb"),
        ]);
        let scan = scan(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks.len(), 2);
        assert_eq!(scan.blocks[0].kind, BlockKind::Xmp);
        assert_eq!(scan.blocks[0].place, "'XMP' chunk at byte 42");
        assert_eq!(scan.blocks[1].kind, BlockKind::C2pa);
    }

    #[test]
    fn every_truncation_is_handled() {
        let file = webp(&[(b"VP8L", b"abc"), (b"XMP ", b"<x/>")]);
        for end in 12..file.len() {
            let scan = scan(&file[..end]);
            assert!(!scan.errors.is_empty(), "cut at {end} gave no error");
        }
    }
}
