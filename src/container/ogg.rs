//! Ogg: pages from the start of the file, reassembled into the first logical stream's
//! packets until its comment header (Vorbis, Opus, Theora, FLAC-in-Ogg) is found.

use super::{vorbis, Scan};
use crate::bytes::Cursor;
use crate::source::Source;

/// Most pages read looking for the comment header.
const MAX_PAGES: usize = 64;
/// Largest packet reassembled.
const MAX_PACKET: usize = 16 << 20;

/// Reads the comment header of an Ogg file.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::new("Ogg");
    let mut at = 0u64;
    let mut serial = None;
    let mut packet: Vec<u8> = Vec::new();
    let mut packet_at = 0u64;
    let mut packets = 0;
    for _ in 0..MAX_PAGES {
        let header = match source.read_exact_at(at, 27, "Ogg page header") {
            Ok(h) => h.into_owned(),
            Err(message) => {
                scan.error(message);
                return scan;
            }
        };
        let mut cur = Cursor::at(&header, 0);
        if cur.take(4) != Some(b"OggS") {
            scan.error(format!("no page at byte {at}; stopped reading"));
            return scan;
        }
        cur.skip(10);
        let page_serial = cur.u32_le();
        let segments = header.get(26).copied().unwrap_or(0) as usize;
        let lacing = match source.read_exact_at(at + 27, segments, "Ogg segment table") {
            Ok(l) => l.into_owned(),
            Err(message) => {
                scan.error(message);
                return scan;
            }
        };
        let body_len: u64 = lacing.iter().map(|&n| u64::from(n)).sum();
        let body_at = at + 27 + segments as u64;
        let keep = serial.is_none() || serial == page_serial;
        serial = serial.or(page_serial);
        if keep {
            let body = match source.read_exact_at(body_at, body_len as usize, "Ogg page") {
                Ok(b) => b.into_owned(),
                Err(message) => {
                    scan.error(message);
                    return scan;
                }
            };
            let mut offset = 0usize;
            for &lace in &lacing {
                if packet.is_empty() {
                    packet_at = body_at + offset as u64;
                }
                let end = offset + lace as usize;
                packet.extend_from_slice(body.get(offset..end).unwrap_or_default());
                offset = end;
                if packet.len() > MAX_PACKET {
                    scan.error(format!(
                        "a header packet is over {MAX_PACKET} bytes; stopped reading"
                    ));
                    return scan;
                }
                if lace < 255 {
                    packets += 1;
                    if read_comment_packet(&mut scan, &packet, packet_at) || packets >= 4 {
                        return scan;
                    }
                    packet.clear();
                }
            }
        }
        at = body_at + body_len;
    }
    scan
}

/// Reads `packet` if it is a comment header; returns whether it was one.
fn read_comment_packet(scan: &mut Scan<'_>, packet: &[u8], at: u64) -> bool {
    let place = format!("Ogg comment header at byte {at}");
    let body = if let Some(rest) = packet.strip_prefix(b"\x03vorbis") {
        rest
    } else if let Some(rest) = packet.strip_prefix(b"OpusTags") {
        rest
    } else if let Some(rest) = packet.strip_prefix(b"\x81theora") {
        rest
    } else if packet.first().is_some_and(|b| b & 0x7F == 4)
        && packet.len() > 4
        && !packet.starts_with(b"\x7fFLAC")
    {
        packet.get(4..).unwrap_or_default() // a FLAC VORBIS_COMMENT metadata block
    } else {
        return false;
    };
    vorbis::read_comments(scan, body, &place, at);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::BlockKind;

    /// One Ogg page carrying `segments` (each a lacing value list + data) for stream 7.
    fn page(sequence: u32, packets: &[&[u8]]) -> Vec<u8> {
        let mut lacing = Vec::new();
        let mut body = Vec::new();
        for packet in packets {
            let mut left = packet.len();
            while left >= 255 {
                lacing.push(255);
                left -= 255;
            }
            lacing.push(left as u8);
            body.extend_from_slice(packet);
        }
        let mut out = b"OggS\0\0".to_vec();
        out.extend_from_slice(&[0; 8]);
        out.extend_from_slice(&7u32.to_le_bytes());
        out.extend_from_slice(&sequence.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.push(lacing.len() as u8);
        out.extend(lacing);
        out.extend(body);
        out
    }

    fn comment_packet(value: &str) -> Vec<u8> {
        let mut out = b"\x03vorbis".to_vec();
        out.extend_from_slice(&4u32.to_le_bytes());
        out.extend_from_slice(b"Lavf");
        out.extend_from_slice(&1u32.to_le_bytes());
        let entry = format!("AIGC={value}");
        out.extend_from_slice(&(entry.len() as u32).to_le_bytes());
        out.extend_from_slice(entry.as_bytes());
        out
    }

    fn run(file: &[u8]) -> Scan<'static> {
        let source: &[u8] = file;
        scan(&source)
    }

    #[test]
    fn reassembles_a_comment_packet_longer_than_255_bytes() {
        let long = "x".repeat(600);
        let mut file = page(0, &[b"\x01vorbis-identification"]);
        file.extend(page(1, &[&comment_packet(&long)]));
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        let aigc = scan
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Text { key: "AIGC".into() })
            .unwrap();
        assert_eq!(aigc.text(), long);
    }

    #[test]
    fn every_truncation_is_handled() {
        let mut file = page(0, &[b"\x01vorbis"]);
        file.extend(page(1, &[&comment_packet("{}")]));
        for end in 0..file.len() {
            let scan = run(&file[..end]);
            assert!(!scan.errors.is_empty(), "cut at {end}");
        }
    }
}
