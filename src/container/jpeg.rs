//! JPEG: marker segment walk up to the first scan. APP1 EXIF and XMP (with Extended XMP
//! reassembled), APP11 JUMBF (C2PA, split over several segments), and COM comments.

use std::collections::BTreeMap;

use super::{exif, Block, BlockKind, Scan};
use crate::bytes::Cursor;

const XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const EXTENDED_XMP_ID: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";
/// Largest Extended XMP we reassemble.
const MAX_EXTENDED_XMP: usize = 16 << 20;
/// Largest C2PA store we reassemble from APP11 segments.
const MAX_JUMBF: usize = 64 << 20;

/// Walks the segments of a JPEG file.
pub fn scan(data: &[u8]) -> Scan<'_> {
    let mut scan = Scan::new("JPEG");
    let mut extended = ExtendedXmp::default();
    let mut jumbf = Jumbf::default();
    let mut cur = Cursor::at(data, 2);
    loop {
        let offset = cur.pos();
        let marker = match next_marker(&mut cur) {
            Next::Marker(marker) => marker,
            Next::End => {
                scan.error(format!(
                    "truncated before the image data (no scan found after byte {offset})"
                ));
                break;
            }
            Next::Garbage(byte) => {
                scan.error(format!(
                    "expected a marker at byte {offset} but found 0x{byte:02X}; stopped reading"
                ));
                break;
            }
        };
        if marker == 0xD9 || marker == 0xDA {
            break; // end of image, or start of scan: no more metadata segments follow
        }
        if is_standalone(marker) {
            continue;
        }
        let segment_at = cur.pos() - 2;
        let Some(body) = cur
            .u16_be()
            .and_then(|len| cur.take(usize::from(len).checked_sub(2)?))
        else {
            scan.error(format!(
                "segment 0x{marker:02X} at byte {segment_at} is truncated"
            ));
            break;
        };
        let place = format!("{} segment at byte {segment_at}", segment_name(marker));
        match marker {
            0xE1 => read_app1(&mut scan, &mut extended, body, place, segment_at),
            0xEB => jumbf.add(body, segment_at),
            0xFE => scan.push(Block::owned(
                BlockKind::Text {
                    key: "Comment".into(),
                },
                place,
                segment_at,
                String::from_utf8_lossy(body).into_owned().into_bytes(),
            )),
            _ => {}
        }
    }
    extended.finish(&mut scan);
    jumbf.finish(&mut scan);
    scan
}

/// What stands where a marker should.
enum Next {
    Marker(u8),
    /// A byte other than 0xFF: the segment structure is broken.
    Garbage(u8),
    End,
}

/// Reads the next marker code, skipping fill bytes.
fn next_marker(cur: &mut Cursor<'_>) -> Next {
    match cur.u8() {
        None => return Next::End,
        Some(0xFF) => {}
        Some(other) => return Next::Garbage(other),
    }
    loop {
        match cur.u8() {
            Some(0xFF) => continue,
            Some(code) => return Next::Marker(code),
            None => return Next::End,
        }
    }
}

fn is_standalone(marker: u8) -> bool {
    matches!(marker, 0x01 | 0xD0..=0xD8)
}

fn segment_name(marker: u8) -> String {
    match marker {
        0xE0..=0xEF => format!("APP{}", marker - 0xE0),
        0xFE => "COM".to_string(),
        _ => format!("0x{marker:02X}"),
    }
}

fn read_app1<'a>(
    scan: &mut Scan<'a>,
    extended: &mut ExtendedXmp,
    body: &'a [u8],
    place: String,
    offset: usize,
) {
    if body.starts_with(b"Exif\0") {
        exif::scan_exif(scan, body.get(6..).unwrap_or_default(), &place, offset);
    } else if let Some(xmp) = body.strip_prefix(XMP_ID) {
        scan.push(Block::borrowed(BlockKind::Xmp, place, offset, xmp));
    } else if let Some(part) = body.strip_prefix(EXTENDED_XMP_ID) {
        extended.add(scan, part, &place, offset);
    }
}

/// Extended XMP portions, keyed by the GUID they belong to.
#[derive(Default)]
struct ExtendedXmp {
    by_guid: BTreeMap<Vec<u8>, Portions>,
    declared: usize,
}

#[derive(Default)]
struct Portions {
    full_length: usize,
    first_offset: usize,
    segments: usize,
    parts: Vec<(usize, Vec<u8>)>,
}

impl ExtendedXmp {
    fn add(&mut self, scan: &mut Scan<'_>, part: &[u8], place: &str, offset: usize) {
        let mut cur = Cursor::at(part, 0);
        let (Some(guid), Some(full), Some(at)) = (cur.take(32), cur.u32_be(), cur.u32_be()) else {
            scan.error(format!("Extended XMP in {place} has a truncated header"));
            return;
        };
        let full = full as usize;
        let is_new = !self.by_guid.contains_key(guid);
        if is_new && self.declared.saturating_add(full) > MAX_EXTENDED_XMP {
            scan.error(format!("Extended XMP in {place} claims {full} bytes, over the {MAX_EXTENDED_XMP}-byte limit"));
            return;
        }
        if is_new {
            self.declared += full;
        }
        let entry = self
            .by_guid
            .entry(guid.to_vec())
            .or_insert_with(|| Portions {
                full_length: full,
                first_offset: offset,
                ..Portions::default()
            });
        entry.segments += 1;
        entry.parts.push((at as usize, cur.rest().to_vec()));
    }

    fn finish(self, scan: &mut Scan<'_>) {
        for (_, portions) in self.by_guid {
            let mut whole = vec![0u8; portions.full_length];
            let mut covered = 0usize;
            for (at, bytes) in &portions.parts {
                let Some(slot) = at
                    .checked_add(bytes.len())
                    .and_then(|end| whole.get_mut(*at..end))
                else {
                    scan.error(format!(
                        "an Extended XMP portion at offset {at} lies outside its declared length"
                    ));
                    continue;
                };
                slot.copy_from_slice(bytes);
                covered = covered.saturating_add(bytes.len());
            }
            if covered < portions.full_length {
                scan.error(format!(
                    "Extended XMP is incomplete ({covered} of {} bytes present)",
                    portions.full_length
                ));
            }
            let place = format!(
                "Extended XMP in {} APP1 segments from byte {}",
                portions.segments, portions.first_offset
            );
            scan.push(Block::owned(
                BlockKind::Xmp,
                place,
                portions.first_offset,
                whole,
            ));
        }
    }
}

/// JUMBF boxes carried in APP11 segments (JPEG XT, ISO 19566-5): each segment is
/// `"JP"`, a 2-byte instance number, a 4-byte sequence number, then box bytes; every
/// segment after the first repeats the 8-byte box header.
#[derive(Default)]
struct Jumbf {
    by_instance: BTreeMap<u16, (usize, Vec<SequencedPart>)>,
}

/// One APP11 segment's box bytes, with its sequence number.
type SequencedPart = (u32, Vec<u8>);

impl Jumbf {
    fn add(&mut self, body: &[u8], offset: usize) {
        let mut cur = Cursor::at(body, 0);
        if cur.take(2) != Some(b"JP") {
            return;
        }
        let (Some(instance), Some(sequence)) = (cur.u16_be(), cur.u32_be()) else {
            return;
        };
        let entry = self
            .by_instance
            .entry(instance)
            .or_insert_with(|| (offset, Vec::new()));
        entry.1.push((sequence, cur.rest().to_vec()));
    }

    fn finish(self, scan: &mut Scan<'_>) {
        for (_, (offset, mut parts)) in self.by_instance {
            parts.sort_by_key(|(sequence, _)| *sequence);
            let segments = parts.len();
            let mut store = Vec::new();
            for (index, (_, bytes)) in parts.into_iter().enumerate() {
                let payload = if index == 0 {
                    &bytes[..]
                } else {
                    bytes.get(8..).unwrap_or_default()
                };
                if store.len().saturating_add(payload.len()) > MAX_JUMBF {
                    scan.error(format!(
                        "JUMBF data over {MAX_JUMBF} bytes; the rest was ignored"
                    ));
                    break;
                }
                store.extend_from_slice(payload);
            }
            let is_jumbf = store.get(4..8) == Some(b"jumb");
            if is_jumbf {
                let place = format!("JUMBF in {segments} APP11 segment(s) from byte {offset}");
                scan.push(Block::owned(BlockKind::C2pa, place, offset, store));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, marker];
        out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(body);
        out
    }

    fn jpeg(segments: &[Vec<u8>]) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        for s in segments {
            out.extend_from_slice(s);
        }
        out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9]);
        out
    }

    fn ext_xmp(guid: &[u8; 32], full: u32, at: u32, data: &[u8]) -> Vec<u8> {
        let mut body = EXTENDED_XMP_ID.to_vec();
        body.extend_from_slice(guid);
        body.extend_from_slice(&full.to_be_bytes());
        body.extend_from_slice(&at.to_be_bytes());
        body.extend_from_slice(data);
        segment(0xE1, &body)
    }

    #[test]
    fn reads_xmp_comment_and_stops_at_scan() {
        let mut xmp = XMP_ID.to_vec();
        xmp.extend_from_slice(b"<x:xmpmeta/>");
        let file = jpeg(&[
            segment(0xE0, b"JFIF\0"),
            segment(0xE1, &xmp),
            segment(0xFE, b"hello"),
        ]);
        let scan = scan(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks.len(), 2);
        assert_eq!(scan.blocks[0].kind, BlockKind::Xmp);
        assert_eq!(scan.blocks[0].place, "APP1 segment at byte 11");
        assert_eq!(&*scan.blocks[0].data, b"<x:xmpmeta/>");
        assert_eq!(scan.blocks[1].text(), "hello");
    }

    #[test]
    fn reassembles_extended_xmp_out_of_order() {
        let guid = [b'A'; 32];
        let file = jpeg(&[
            ext_xmp(&guid, 10, 5, b"fghij"),
            ext_xmp(&guid, 10, 0, b"abcde"),
        ]);
        let scan = scan(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(&*scan.blocks[0].data, b"abcdefghij");
        assert!(scan.blocks[0]
            .place
            .starts_with("Extended XMP in 2 APP1 segments"));
    }

    #[test]
    fn extended_xmp_gaps_and_overruns_are_errors() {
        let guid = [b'B'; 32];
        let input1 = jpeg(&[ext_xmp(&guid, 10, 8, b"xyz")]);
        let scan = scan(&input1);
        assert_eq!(scan.errors.len(), 2, "{:?}", scan.errors);
        let input2 = jpeg(&[ext_xmp(&guid, u32::MAX, 0, b"x")]);
        let scan2 = super::scan(&input2);
        assert!(scan2.errors[0].contains("over the"));
    }

    #[test]
    fn garbage_between_segments_is_named() {
        let mut file = jpeg(&[segment(0xFE, b"hi")]);
        file[8] = 0x00; // where the next marker's 0xFF should be
        let scan = scan(&file);
        assert_eq!(
            scan.errors,
            vec!["JPEG: expected a marker at byte 8 but found 0x00; stopped reading"]
        );
    }

    #[test]
    fn joins_jumbf_segments() {
        let mut first = b"JP\x00\x01\x00\x00\x00\x01".to_vec();
        first.extend_from_slice(b"\x00\x00\x00\x10jumbABCD");
        let mut second = b"JP\x00\x01\x00\x00\x00\x02".to_vec();
        second.extend_from_slice(b"\x00\x00\x00\x10jumbEFGH");
        let input3 = jpeg(&[segment(0xEB, &second), segment(0xEB, &first)]);
        let scan = scan(&input3);
        assert_eq!(scan.blocks.len(), 1);
        assert_eq!(scan.blocks[0].kind, BlockKind::C2pa);
        assert_eq!(&*scan.blocks[0].data, b"\x00\x00\x00\x10jumbABCDEFGH");
    }

    #[test]
    fn every_truncation_is_handled() {
        let mut xmp = XMP_ID.to_vec();
        xmp.extend_from_slice(b"<x:xmpmeta/>");
        let file = jpeg(&[segment(0xE1, &xmp), segment(0xFE, b"hello")]);
        let scan_pos = file.len() - 8;
        for end in 2..scan_pos {
            let scan = scan(&file[..end]);
            assert!(!scan.errors.is_empty(), "cut at {end} gave no error");
        }
    }
}
