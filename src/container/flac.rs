//! FLAC: metadata blocks after `fLaC`; the `VORBIS_COMMENT` block is read, the rest
//! (stream info, seek tables, pictures, audio frames) skipped by length.

use super::{vorbis, Scan};
use crate::source::Source;

const VORBIS_COMMENT: u8 = 4;
/// Largest comment block read.
const MAX_BLOCK: usize = 16 << 20;

/// Walks the metadata blocks of a FLAC file.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut scan = Scan::default();
    let mut at = 4u64;
    for _ in 0..1024 {
        let header = match source.read_exact_at(at, 4, "FLAC metadata block header") {
            Ok(h) => h.into_owned(),
            Err(message) => {
                scan.error(format!("FLAC: {message}"));
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
                    "FLAC: comment block at byte {at} is over {MAX_BLOCK} bytes; not read"
                ));
            } else {
                match source.read_exact_at(at + 4, len, "FLAC comment block") {
                    Ok(body) => vorbis::read_comments(
                        &mut scan,
                        &body,
                        &format!("FLAC block at byte {at}"),
                        at as usize,
                    ),
                    Err(message) => scan.error(format!("FLAC: {message}")),
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
