//! FLV: the `onMetaData` script tag (AMF0) near the start of the file. String entries
//! become keyed text (`AIGC`, `encoder` → Software); audio and video tags are skipped.

use super::{Block, BlockKind, Scan};
use crate::bytes::Cursor;
use crate::source::Source;

/// Most tags looked at before giving up on finding script data.
const MAX_TAGS: usize = 64;
/// Largest script tag read.
const MAX_SCRIPT: usize = 16 << 20;
/// Deepest AMF0 nesting read.
const MAX_DEPTH: usize = 16;

/// Reads the script data of an FLV file.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::new("FLV");
    let header_len = match source.read_exact_at(5, 4, "FLV header") {
        Ok(b) => u64::from(u32::from_be_bytes(
            b.as_ref().try_into().unwrap_or_default(),
        )),
        Err(message) => {
            scan.error(message);
            return scan;
        }
    };
    let mut at = header_len + 4; // skip PreviousTagSize0
    for _ in 0..MAX_TAGS {
        if at >= source.len() {
            return scan;
        }
        let header = match source.read_exact_at(at, 11, "FLV tag header") {
            Ok(h) => h.into_owned(),
            Err(message) => {
                scan.error(message);
                return scan;
            }
        };
        let kind = header.first().copied().unwrap_or(0) & 0x1F;
        let size = Cursor::at(&header, 1)
            .array::<3>()
            .map_or(0, |[a, b, c]| u32::from_be_bytes([0, a, b, c])) as usize;
        if kind == 18 {
            if size > MAX_SCRIPT {
                scan.error(format!(
                    "script tag at byte {at} is over {MAX_SCRIPT} bytes; not read"
                ));
            } else {
                match source.read_exact_at(at + 11, size, "FLV script tag") {
                    Ok(body) => read_script(&mut scan, &body, at),
                    Err(message) => scan.error(message),
                }
            }
        }
        at += 11 + size as u64 + 4;
    }
    scan
}

fn read_script(scan: &mut Scan<'static>, body: &[u8], at: u64) {
    let mut cur = Cursor::at(body, 0);
    let name = match amf_value(&mut cur, 0) {
        Some(Amf::Text(name)) => name,
        _ => {
            scan.error(format!(
                "script tag at byte {at} does not start with a name"
            ));
            return;
        }
    };
    match amf_value(&mut cur, 0) {
        Some(Amf::Map(entries)) => {
            for (key, value) in entries {
                if let Amf::Text(text) = value {
                    let place = format!("{name} entry \"{key}\" in the script tag at byte {at}");
                    let key = if key.eq_ignore_ascii_case("encoder") {
                        "Software".to_string()
                    } else {
                        key
                    };
                    scan.push(Block::owned(
                        BlockKind::Text { key },
                        place,
                        at,
                        text.into_bytes(),
                    ));
                }
            }
        }
        _ => scan.error(format!("script tag \"{name}\" at byte {at} is malformed")),
    }
}

/// An AMF0 value, reduced to what labels need.
enum Amf {
    Text(String),
    Map(Vec<(String, Amf)>),
    Other,
}

fn amf_string(cur: &mut Cursor<'_>, long: bool) -> Option<String> {
    let len = if long {
        cur.u32_be()? as usize
    } else {
        usize::from(cur.u16_be()?)
    };
    Some(String::from_utf8_lossy(cur.take(len)?).into_owned())
}

fn amf_entries(cur: &mut Cursor<'_>, depth: usize) -> Option<Vec<(String, Amf)>> {
    let mut entries = Vec::new();
    loop {
        let key = amf_string(cur, false)?;
        if key.is_empty() {
            cur.u8()?; // object end marker 0x09
            return Some(entries);
        }
        let value = amf_value(cur, depth + 1)?;
        entries.push((key, value));
        if entries.len() > 65_536 {
            return None;
        }
    }
}

fn amf_value(cur: &mut Cursor<'_>, depth: usize) -> Option<Amf> {
    if depth > MAX_DEPTH {
        return None;
    }
    match cur.u8()? {
        0x00 => cur.skip(8).map(|_| Amf::Other),
        0x01 => cur.skip(1).map(|_| Amf::Other),
        0x02 => amf_string(cur, false).map(Amf::Text),
        0x0C => amf_string(cur, true).map(Amf::Text),
        0x03 => amf_entries(cur, depth).map(Amf::Map),
        0x08 => {
            cur.skip(4)?; // approximate count
            amf_entries(cur, depth).map(Amf::Map)
        }
        0x0A => {
            let count = cur.u32_be()?;
            for _ in 0..count.min(65_536) {
                amf_value(cur, depth + 1)?;
            }
            Some(Amf::Other)
        }
        0x0B => cur.skip(10).map(|_| Amf::Other),
        0x05 | 0x06 => Some(Amf::Other),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amf_str(s: &str) -> Vec<u8> {
        let mut out = (s.len() as u16).to_be_bytes().to_vec();
        out.extend_from_slice(s.as_bytes());
        out
    }

    fn flv_with_script(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut body = vec![0x02];
        body.extend(amf_str("onMetaData"));
        body.push(0x08);
        body.extend_from_slice(&(entries.len() as u32).to_be_bytes());
        for (k, v) in entries {
            body.extend(amf_str(k));
            body.push(0x02);
            body.extend(amf_str(v));
        }
        body.push(0x00);
        body.extend_from_slice(&[0x00, 0x00, 0x09][1..]);
        let mut out = b"FLV\x01\x05\0\0\0\x09\0\0\0\0".to_vec();
        let n = body.len() as u32;
        out.extend_from_slice(&[
            18,
            (n >> 16) as u8,
            (n >> 8) as u8,
            n as u8,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
        ]);
        out.extend(body);
        out.extend_from_slice(&(n + 11).to_be_bytes());
        out
    }

    #[test]
    fn reads_on_metadata_strings() {
        let file = flv_with_script(&[("AIGC", "{\"AIGC\":{}}"), ("encoder", "Lavf")]);
        let data: &[u8] = &file;
        let scan = scan(&data);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks[0].kind, BlockKind::Text { key: "AIGC".into() });
        assert_eq!(
            scan.blocks[0].place,
            "onMetaData entry \"AIGC\" in the script tag at byte 13"
        );
        assert_eq!(
            scan.blocks[1].kind,
            BlockKind::Text {
                key: "Software".into()
            }
        );
    }

    #[test]
    fn every_truncation_is_handled() {
        let file = flv_with_script(&[("AIGC", "{}")]);
        for end in (0..9).chain(14..file.len() - 4) {
            let data: &[u8] = &file[..end];
            let scan = scan(&data);
            assert!(
                scan.blocks.is_empty() && !scan.errors.is_empty(),
                "cut at {end}"
            );
        }
    }
}
