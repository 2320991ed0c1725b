//! Matroska / WebM: an EBML walk over a [`Source`]. Reads `Tags/Tag/SimpleTag` (name and
//! string) wherever they sit; clusters are skipped by size, and where a cluster's size is
//! unknown (live recordings) the `SeekHead` is used to jump to the tags.

use super::{Block, BlockKind, Scan};
use crate::source::Source;

const SEGMENT: u32 = 0x1853_8067;
const SEEK_HEAD: u32 = 0x114D_9B74;
const SEEK: u32 = 0x4DBB;
const SEEK_ID: u32 = 0x53AB;
const SEEK_POSITION: u32 = 0x53AC;
const TAGS: u32 = 0x1254_C367;
const TAG: u32 = 0x7373;
const SIMPLE_TAG: u32 = 0x67C8;
const TAG_NAME: u32 = 0x45A3;
const TAG_STRING: u32 = 0x4487;
const CLUSTER: u32 = 0x1F43_B675;
/// Largest `Tags` or `SeekHead` element read.
const MAX_ELEMENT: u64 = 16 << 20;
/// Most elements visited at the segment level.
const MAX_ELEMENTS: usize = 200_000;

/// One element header.
#[derive(Debug, Clone, Copy)]
struct Element {
    id: u32,
    start: u64,
    body: u64,
    /// `None` for the "unknown size" marker.
    size: Option<u64>,
}

/// Reads an EBML variable-length integer: (value, length, all value bits set).
fn vint(bytes: &[u8], keep_marker: bool) -> Option<(u64, usize, bool)> {
    let first = *bytes.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let mut value = if keep_marker {
        u64::from(first)
    } else {
        u64::from(first) & (0xFF >> len)
    };
    let mut all_ones = value == (0xFF >> len) as u64;
    for &b in bytes.get(1..len)? {
        value = (value << 8) | u64::from(b);
        all_ones &= b == 0xFF;
    }
    Some((value, len, all_ones))
}

fn element(source: &dyn Source, at: u64) -> Result<Element, String> {
    let head = source.read_at(at, 12)?.into_owned();
    let (id, id_len, _) =
        vint(&head, true).ok_or_else(|| format!("malformed element id at byte {at}"))?;
    let (size, size_len, unknown) = vint(head.get(id_len..).unwrap_or_default(), false)
        .ok_or_else(|| format!("malformed element size at byte {at}"))?;
    Ok(Element {
        id: id as u32,
        start: at,
        body: at + (id_len + size_len) as u64,
        size: (!unknown).then_some(size),
    })
}

/// Walks a Matroska or WebM file.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::new("Matroska");
    let mut at = 0u64;
    let end = source.len();
    // Top level: the EBML header, then the Segment.
    while at < end {
        let el = match element(source, at) {
            Ok(el) => el,
            Err(message) => {
                scan.error(message);
                return scan;
            }
        };
        if el.id == SEGMENT {
            let segment_end = el.size.map_or(end, |s| el.body.saturating_add(s).min(end));
            if el.size.is_some_and(|s| el.body.saturating_add(s) > end) {
                scan.error("the segment claims more bytes than the file holds (file truncated)");
            }
            walk_segment(source, &mut scan, el.body, segment_end);
            return scan;
        }
        match el.size {
            Some(size) => at = el.body.saturating_add(size),
            None => break,
        }
    }
    scan.error("no segment found");
    scan
}

fn walk_segment(source: &dyn Source, scan: &mut Scan<'static>, start: u64, end: u64) {
    let mut at = start;
    let mut tags_read = Vec::new();
    let mut tags_positions = Vec::new();
    for _ in 0..MAX_ELEMENTS {
        if at >= end {
            break;
        }
        let el = match element(source, at) {
            Ok(el) => el,
            Err(message) => {
                scan.error(message);
                break;
            }
        };
        match el.id {
            SEEK_HEAD => {
                tags_positions.extend(seek_tags(source, scan, &el).into_iter().map(|p| start + p))
            }
            TAGS => {
                read_tags(source, scan, &el);
                tags_read.push(el.start);
            }
            _ => {}
        }
        match el.size {
            Some(size) if el.body.saturating_add(size) > end => {
                if el.id != CLUSTER || tags_positions.is_empty() {
                    scan.error(format!(
                        "element at byte {at} runs past the end (file truncated)"
                    ));
                }
                break;
            }
            Some(size) => at = el.body + size,
            None if el.id == CLUSTER => break, // unknown-size cluster: continue through the SeekHead
            None => at = el.body,
        }
    }
    for position in tags_positions {
        if !tags_read.contains(&position) && position < end {
            match element(source, position) {
                Ok(el) if el.id == TAGS => read_tags(source, scan, &el),
                _ => scan.error(format!(
                    "the SeekHead points to Tags at byte {position}, but none are there"
                )),
            }
        }
    }
}

fn payload(source: &dyn Source, scan: &mut Scan<'static>, el: &Element) -> Option<Vec<u8>> {
    let size = el.size?;
    if size > MAX_ELEMENT {
        scan.error(format!(
            "element at byte {} is over {MAX_ELEMENT} bytes; not read",
            el.start
        ));
        return None;
    }
    match source.read_exact_at(el.body, size as usize, "Matroska element") {
        Ok(bytes) => Some(bytes.into_owned()),
        Err(message) => {
            scan.error(message);
            None
        }
    }
}

/// Children of an in-memory element body: (id, body offset within `data`, body).
fn children(data: &[u8]) -> Vec<(u32, usize, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < data.len() && out.len() < 100_000 {
        let rest = data.get(at..).unwrap_or_default();
        let Some((id, id_len, _)) = vint(rest, true) else {
            break;
        };
        let Some((size, size_len, _)) = vint(rest.get(id_len..).unwrap_or_default(), false) else {
            break;
        };
        let body_at = at + id_len + size_len;
        let Some(body) = usize::try_from(size)
            .ok()
            .and_then(|s| data.get(body_at..body_at.checked_add(s)?))
        else {
            break;
        };
        out.push((id as u32, body_at, body));
        at = body_at + body.len();
    }
    out
}

/// SeekHead entries pointing at Tags, as offsets from the segment's data start.
fn seek_tags(source: &dyn Source, scan: &mut Scan<'static>, el: &Element) -> Vec<u64> {
    let Some(data) = payload(source, scan, el) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, _, seek) in children(&data) {
        if id != SEEK {
            continue;
        }
        let fields = children(seek);
        let target = fields
            .iter()
            .find(|(i, ..)| *i == SEEK_ID)
            .and_then(|(_, _, b)| vint(b, true))
            .map(|v| v.0 as u32);
        let position = fields
            .iter()
            .find(|(i, ..)| *i == SEEK_POSITION)
            .map(|(_, _, b)| b.iter().fold(0u64, |acc, &x| (acc << 8) | u64::from(x)));
        if let (Some(TAGS), Some(position)) = (target, position) {
            out.push(position);
        }
    }
    out
}

fn read_tags(source: &dyn Source, scan: &mut Scan<'static>, el: &Element) {
    let Some(data) = payload(source, scan, el) else {
        return;
    };
    for (id, tag_at, tag) in children(&data) {
        if id == TAG {
            read_simple_tags(scan, tag, el.body + tag_at as u64, 0);
        }
    }
}

fn read_simple_tags(scan: &mut Scan<'static>, data: &[u8], base: u64, depth: usize) {
    for (id, at, body) in children(data) {
        if id != SIMPLE_TAG || depth > 8 {
            continue;
        }
        let fields = children(body);
        let text = |wanted: u32| {
            fields.iter().find(|(i, ..)| *i == wanted).map(|(_, _, b)| {
                String::from_utf8_lossy(b)
                    .trim_end_matches('\0')
                    .to_string()
            })
        };
        if let (Some(name), Some(value)) = (text(TAG_NAME), text(TAG_STRING)) {
            let offset = base + at as u64;
            let key = if name.eq_ignore_ascii_case("ENCODER") {
                "Software".to_string()
            } else {
                name.clone()
            };
            let place = format!("SimpleTag \"{name}\" at byte {offset}");
            scan.push(Block::owned(
                BlockKind::Text { key },
                place,
                offset,
                value.into_bytes(),
            ));
        }
        read_simple_tags(scan, body, base + at as u64, depth + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vints() {
        assert_eq!(vint(&[0x81], false), Some((1, 1, false)));
        assert_eq!(vint(&[0x40, 0x02], false), Some((2, 2, false)));
        assert_eq!(vint(&[0xFF], false), Some((0x7F, 1, true)));
        assert_eq!(
            vint(&[0x1A, 0x45, 0xDF, 0xA3], true),
            Some((0x1A45_DFA3, 4, false))
        );
        assert_eq!(vint(&[0x00], false), None);
        assert_eq!(vint(&[0x40], false), None);
    }

    fn el(id: &[u8], body: &[u8]) -> Vec<u8> {
        let mut out = id.to_vec();
        assert!(body.len() < 0x3FFF);
        out.extend_from_slice(&[0x40 | (body.len() >> 8) as u8, body.len() as u8]);
        out.extend_from_slice(body);
        out
    }

    fn simple_tag(name: &str, value: &str) -> Vec<u8> {
        let mut body = el(&[0x45, 0xA3], name.as_bytes());
        body.extend(el(&[0x44, 0x87], value.as_bytes()));
        el(&[0x67, 0xC8], &body)
    }

    fn tags(name: &str, value: &str) -> Vec<u8> {
        el(
            &[0x12, 0x54, 0xC3, 0x67],
            &el(&[0x73, 0x73], &simple_tag(name, value)),
        )
    }

    fn header() -> Vec<u8> {
        el(&[0x1A, 0x45, 0xDF, 0xA3], &el(&[0x42, 0x82], b"matroska"))
    }

    fn run(file: &[u8]) -> Scan<'static> {
        let source: &[u8] = file;
        scan(&source)
    }

    #[test]
    fn reads_tags_after_clusters() {
        let mut segment = el(&[0x1F, 0x43, 0xB6, 0x75], &[0; 300]);
        segment.extend(tags("AIGC", "{\"AIGC\":{}}"));
        let mut file = header();
        file.extend(el(&[0x18, 0x53, 0x80, 0x67], &segment));
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks[0].kind, BlockKind::Text { key: "AIGC".into() });
        assert_eq!(scan.blocks[0].text(), "{\"AIGC\":{}}");
    }

    #[test]
    fn unknown_size_cluster_is_passed_through_the_seek_head() {
        // Segment data: SeekHead (pointing at Tags), an unknown-size Cluster, then Tags.
        let tags = tags("AIGC", "x");
        let cluster_body = [0xE7, 0x81, 0x00]; // Timecode 0
        let mut cluster = vec![
            0x1F, 0x43, 0xB6, 0x75, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ];
        cluster.extend_from_slice(&cluster_body);
        let seek_head_len = 4 + 2 + (2 + 2 + (2 + 2 + 4) + (2 + 2 + 4));
        let tags_position = (seek_head_len + cluster.len()) as u32;
        let mut seek = el(&[0x53, 0xAB], &[0x12, 0x54, 0xC3, 0x67]);
        seek.extend(el(&[0x53, 0xAC], &tags_position.to_be_bytes()));
        let seek_head = el(&[0x11, 0x4D, 0x9B, 0x74], &el(&[0x4D, 0xBB], &seek));
        assert_eq!(seek_head.len(), seek_head_len);
        let mut segment = seek_head;
        segment.extend(cluster);
        segment.extend(tags);
        let mut file = header();
        file.extend_from_slice(&[
            0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ]);
        file.extend(segment);
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks.len(), 1);
        assert_eq!(scan.blocks[0].text(), "x");
    }

    #[test]
    fn every_truncation_is_handled() {
        let mut file = header();
        file.extend(el(&[0x18, 0x53, 0x80, 0x67], &tags("AIGC", "{}")));
        for end in 0..file.len() {
            let scan = run(&file[..end]);
            assert!(
                scan.blocks.is_empty() && !scan.errors.is_empty(),
                "cut at {end}"
            );
        }
    }
}
