//! RIFF WAVE and AVI: a chunk walk over a [`Source`]. Reads the `AIGC` chunk, `LIST/INFO`
//! sub-chunks (including `AIGC`), XMP (`_PMX`) and C2PA (`C2PA`) chunks; audio and video
//! data (`data`, `LIST/movi`) are skipped by size. (WebP, also RIFF, has `webp.rs`.)

use super::{Block, BlockKind, Scan};
use crate::bytes::Cursor;
use crate::source::Source;

/// Largest chunk payload read.
const MAX_CHUNK: u64 = 16 << 20;
/// Largest C2PA chunk read.
const MAX_C2PA: u64 = 64 << 20;
/// Most chunks visited.
const MAX_CHUNKS: usize = 100_000;

/// Walks a RIFF file.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut walker = Walker {
        source,
        scan: Scan::new("RIFF"),
        chunks: 0,
    };
    let end = match source.read_exact_at(4, 4, "RIFF size") {
        Ok(size) => {
            let declared = u64::from(u32::from_le_bytes(
                size.as_ref().try_into().unwrap_or_default(),
            )) + 8;
            if declared > source.len() {
                walker.scan.error(format!(
                    "header declares {declared} bytes but the file holds {} (file truncated)",
                    source.len()
                ));
            }
            declared.min(source.len())
        }
        Err(message) => {
            walker.scan.error(message);
            return walker.scan;
        }
    };
    walker.walk(12, end, false);
    walker.scan
}

struct Walker<'s> {
    source: &'s dyn Source,
    scan: Scan<'static>,
    chunks: usize,
}

impl Walker<'_> {
    fn walk(&mut self, start: u64, end: u64, in_info: bool) {
        let mut at = start;
        while at + 8 <= end {
            self.chunks += 1;
            if self.chunks > MAX_CHUNKS {
                self.scan
                    .error(format!("more than {MAX_CHUNKS} chunks; stopped reading"));
                return;
            }
            let header = match self.source.read_exact_at(at, 8, "RIFF chunk header") {
                Ok(h) => h.into_owned(),
                Err(message) => {
                    self.scan.error(message);
                    return;
                }
            };
            let mut cur = Cursor::at(&header, 0);
            let fourcc = cur.array::<4>().unwrap_or_default();
            let len = u64::from(cur.u32_le().unwrap_or(0));
            let body = at + 8;
            let name = String::from_utf8_lossy(&fourcc).trim_end().to_string();
            if body + len > end {
                self.scan.error(format!(
                    "'{name}' chunk at byte {at} claims {len} bytes but only {} remain (file truncated)",
                    end - body
                ));
                return;
            }
            self.visit(&fourcc, &name, at, body, len, in_info);
            at = body + len + (len & 1);
        }
    }

    fn visit(&mut self, fourcc: &[u8; 4], name: &str, at: u64, body: u64, len: u64, in_info: bool) {
        if fourcc == b"LIST" {
            let kind = self
                .source
                .read_at(body, 4)
                .map(|k| k.into_owned())
                .unwrap_or_default();
            if kind == b"INFO" {
                self.walk(body + 4, body + len, true);
            }
            return;
        }
        let place = if in_info {
            format!("LIST/INFO chunk \"{name}\" at byte {at}")
        } else {
            format!("RIFF chunk \"{name}\" at byte {at}")
        };
        let kind = match fourcc {
            b"_PMX" => BlockKind::Xmp,
            b"C2PA" => BlockKind::C2pa,
            b"ISFT" => BlockKind::Text {
                key: "Software".into(),
            },
            b"ICMT" => BlockKind::Text {
                key: "Comment".into(),
            },
            _ if in_info || name.eq_ignore_ascii_case("AIGC") => BlockKind::Text {
                key: name.to_string(),
            },
            _ => return,
        };
        let limit = if kind == BlockKind::C2pa {
            MAX_C2PA
        } else {
            MAX_CHUNK
        };
        if len > limit {
            self.scan
                .error(format!("{place} is over {limit} bytes; not read"));
            return;
        }
        match self.source.read_exact_at(body, len as usize, "RIFF chunk") {
            Ok(bytes) => {
                let mut bytes = bytes.into_owned();
                if matches!(kind, BlockKind::Text { .. }) {
                    while bytes.last() == Some(&0) {
                        bytes.pop(); // INFO strings are NUL-terminated
                    }
                }
                self.scan.push(Block::owned(kind, place, at, bytes));
            }
            Err(message) => self.scan.error(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(fourcc: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = fourcc.to_vec();
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(body);
        if body.len() % 2 == 1 {
            out.push(0);
        }
        out
    }

    fn wav(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut out = b"RIFF".to_vec();
        out.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
        out.extend_from_slice(b"WAVE");
        out.extend(body);
        out
    }

    #[test]
    fn reads_aigc_and_info_chunks_and_skips_data() {
        let mut info = b"INFO".to_vec();
        info.extend(chunk(b"AIGC", b"{\"AIGC\":{}}\0"));
        info.extend(chunk(b"ISFT", b"Lavf\0"));
        let file = wav(&[
            chunk(b"fmt ", &[0; 16]),
            chunk(b"LIST", &info),
            chunk(b"data", &[1; 101]),
            chunk(b"AIGC", b"{}"),
        ]);
        let data: &[u8] = &file;
        let scan = scan(&data);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        let found: Vec<_> = scan
            .blocks
            .iter()
            .map(|b| (b.place.clone(), b.text().into_owned()))
            .collect();
        assert_eq!(
            found[0],
            (
                "LIST/INFO chunk \"AIGC\" at byte 48".to_string(),
                "{\"AIGC\":{}}".to_string()
            )
        );
        assert_eq!(found[1].1, "Lavf");
        assert_eq!(found[2].0, "RIFF chunk \"AIGC\" at byte 192");
    }

    #[test]
    fn every_truncation_is_handled() {
        let file = wav(&[chunk(b"fmt ", &[0; 16]), chunk(b"AIGC", b"{}")]);
        for end in 0..file.len() {
            let data: &[u8] = &file[..end];
            assert!(!scan(&data).errors.is_empty(), "cut at {end}");
        }
    }
}
