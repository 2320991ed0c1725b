//! Vorbis comments (FLAC `VORBIS_COMMENT` blocks, Ogg Vorbis/Opus/Theora comment headers):
//! a vendor string and `KEY=value` entries, all lengths little-endian.

use super::{Block, BlockKind, ByteOffset, Scan};
use crate::bytes::Cursor;

/// Most comments read from one header.
const MAX_COMMENTS: u32 = 4096;

/// Reads the comments in `data` (starting at the vendor length) found at `place`/`offset`.
pub fn read_comments(scan: &mut Scan<'_>, data: &[u8], place: &str, offset: impl ByteOffset) {
    let offset = offset.into_u64();
    let mut cur = Cursor::at(data, 0);
    let vendor = cur.u32_le().and_then(|n| cur.take(n as usize));
    let Some(vendor) = vendor else {
        scan.error(format!("Vorbis comment in {place} is truncated"));
        return;
    };
    let vendor = String::from_utf8_lossy(vendor).into_owned();
    if !vendor.is_empty() {
        let vendor_place = format!("Vorbis comment vendor in {place}");
        scan.push(Block::owned(
            BlockKind::Text {
                key: "Software".into(),
            },
            vendor_place,
            offset,
            vendor.into_bytes(),
        ));
    }
    let Some(count) = cur.u32_le() else {
        scan.error(format!("Vorbis comment in {place} is truncated"));
        return;
    };
    for index in 0..count.min(MAX_COMMENTS) {
        let Some(entry) = cur.u32_le().and_then(|n| cur.take(n as usize)) else {
            scan.error(format!("Vorbis comment {index} in {place} is truncated"));
            return;
        };
        let entry = String::from_utf8_lossy(entry);
        let Some((key, value)) = entry.split_once('=') else {
            continue;
        };
        let entry_place = format!("Vorbis comment \"{key}\" in {place}");
        scan.push(Block::owned(
            BlockKind::Text {
                key: key.to_string(),
            },
            entry_place,
            offset,
            value.as_bytes().to_vec(),
        ));
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a comment header body: vendor, then entries.
    pub(crate) fn comments(vendor: &str, entries: &[&str]) -> Vec<u8> {
        let mut out = (vendor.len() as u32).to_le_bytes().to_vec();
        out.extend_from_slice(vendor.as_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for e in entries {
            out.extend_from_slice(&(e.len() as u32).to_le_bytes());
            out.extend_from_slice(e.as_bytes());
        }
        out
    }

    #[test]
    fn reads_vendor_and_entries() {
        let data = comments("Lavf", &["AIGC={\"AIGC\":{}}", "TITLE=x"]);
        let mut scan = Scan::default();
        read_comments(&mut scan, &data, "block at byte 4", 4usize);
        let keys: Vec<_> = scan
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text().into_owned()))
            .collect();
        assert_eq!(
            keys[1],
            (
                BlockKind::Text { key: "AIGC".into() },
                "{\"AIGC\":{}}".into()
            )
        );
        assert_eq!(keys.len(), 3);
    }

    #[test]
    fn every_truncation_is_handled() {
        let data = comments("Lavf", &["AIGC=1"]);
        for end in 0..data.len() {
            let mut scan = Scan::default();
            read_comments(&mut scan, &data[..end], "x", 0usize);
            assert!(!scan.errors.is_empty(), "cut at {end}");
        }
    }
}
