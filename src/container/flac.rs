//! FLAC: metadata blocks after `fLaC`; the `VORBIS_COMMENT` block is read, the rest
//! (stream info, seek tables, pictures, audio frames) skipped by length.

use super::{vorbis, Scan};
use crate::source::Source;

const VORBIS_COMMENT: u8 = 4;
/// Largest comment block read.
const MAX_BLOCK: usize = 16 << 20;

/// Walks the metadata blocks of a FLAC file.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::new("FLAC");
    let mut at = 4u64;
    for _ in 0..1024 {
        let header = match source.read_exact_at(at, 4, "FLAC metadata block header") {
            Ok(h) => h.into_owned(),
            Err(message) => {
                scan.error(message);
                break;
            }
        };
        let [flags, a, b, c] = <[u8; 4]>::try_from(header.as_slice()).unwrap_or_default();
        let last = flags & 0x80 != 0;
        let kind = flags & 0x7F;
        let len = u32::from_be_bytes([0, a, b, c]) as usize;
        if kind == VORBIS_COMMENT {
            if len > MAX_BLOCK {
                scan.error(format!(
                    "comment block at byte {at} is over {MAX_BLOCK} bytes; not read"
                ));
            } else {
                match source.read_exact_at(at + 4, len, "FLAC comment block") {
                    Ok(body) => vorbis::read_comments(
                        &mut scan,
                        &body,
                        &format!("FLAC block at byte {at}"),
                        at,
                    ),
                    Err(message) => scan.error(message),
                }
            }
        }
        if last {
            break;
        }
        at += 4 + len as u64;
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::BlockKind;

    fn block(kind: u8, last: bool, body: &[u8]) -> Vec<u8> {
        let n = body.len() as u32;
        let mut out = vec![
            kind | if last { 0x80 } else { 0 },
            (n >> 16) as u8,
            (n >> 8) as u8,
            n as u8,
        ];
        out.extend_from_slice(body);
        out
    }

    fn comments(entries: &[&str]) -> Vec<u8> {
        crate::container::vorbis::tests::comments("Lavf", entries)
    }

    fn run(file: &[u8]) -> Scan<'static> {
        let source: &[u8] = file;
        scan(&source)
    }

    #[test]
    fn skips_other_blocks_and_reads_comments() {
        let mut file = b"fLaC".to_vec();
        file.extend(block(0, false, &[0; 34]));
        file.extend(block(6, false, &[0; 100])); // picture
        file.extend(block(4, true, &comments(&["AIGC={}"])));
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks[1].kind, BlockKind::Text { key: "AIGC".into() });
        assert_eq!(
            scan.blocks[1].place,
            "Vorbis comment \"AIGC\" in FLAC block at byte 146"
        );
    }

    #[test]
    fn every_truncation_is_handled() {
        let mut file = b"fLaC".to_vec();
        file.extend(block(4, true, &comments(&["AIGC={}"])));
        for end in 4..file.len() {
            assert!(!run(&file[..end]).errors.is_empty(), "cut at {end}");
        }
    }
}
