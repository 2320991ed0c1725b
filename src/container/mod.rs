//! Container parsers: each one walks its format's structure and *locates* metadata
//! blocks (XMP, EXIF fields, text chunks, C2PA JUMBF) with their byte offsets.
//! They never decode pixels and never interpret labels; that is `labels`' job.
//!
//! Two kinds of walker: image formats take the whole file as a slice
//! (`pub fn scan(data: &[u8]) -> Scan<'_>`); video, audio and document formats take a
//! [`Source`] and read only headers and metadata (`pub fn scan(source: &dyn Source) -> Scan<'static>`),
//! so a 2 GB video is never loaded whole.
//!
//! Adding a format: add its magic to `sniff.rs`, write `container/<format>.rs` with one of
//! those two functions, and one arm to [`scan`] or [`scan_source`].

use std::borrow::Cow;

use crate::sniff::Format;
use crate::source::{Source, MAX_WHOLE_FILE};

pub mod bmff;
pub mod exif;
pub mod flac;
pub mod flv;
pub mod gif;
pub mod id3;
pub mod jpeg;
pub mod matroska;
pub mod ogg;
pub mod ooxml;
pub mod pdf;
pub mod png;
pub mod riff;
pub mod text;
pub mod vorbis;
pub mod webp;

/// Most blocks one file may yield; past this the scan stops with an error.
pub const MAX_BLOCKS: usize = 4096;
/// Most bytes one compressed text chunk may inflate to.
pub const MAX_INFLATED_BLOCK: usize = 8 << 20;
/// Most bytes all inflated blocks of one file may take together.
pub const MAX_INFLATED_TOTAL: usize = 32 << 20;

/// What a block holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// An XMP packet (XML).
    Xmp,
    /// A keyed text entry (PNG tEXt/zTXt/iTXt, GIF or JPEG comment); the data is UTF-8.
    Text {
        /// The keyword ("parameters", "AIGC", "Comment", ...).
        key: String,
    },
    /// A text-valued EXIF field; the data is UTF-8.
    ExifText {
        /// The EXIF tag name ("UserComment", "ImageDescription", ...).
        tag: &'static str,
    },
    /// A C2PA manifest store (JUMBF superbox).
    C2pa,
    /// Bytes after the format's end marker (vendor trailers).
    Trailer,
    /// A payload hidden in invisible characters of a text; the offset counts characters.
    Hidden {
        /// What carries it.
        carrier: text::hidden::Carrier,
        /// How many invisible characters it spans.
        length: usize,
    },
}

/// A byte offset as walkers count it: `usize` in a file held in memory, `u64` in a streamed
/// one. Blocks keep 64 bits on every target, so offsets past 4 GiB survive wasm32.
pub trait ByteOffset {
    /// The offset in 64 bits.
    fn into_u64(self) -> u64;
}

impl ByteOffset for usize {
    fn into_u64(self) -> u64 {
        self as u64
    }
}

impl ByteOffset for u64 {
    fn into_u64(self) -> u64 {
        self
    }
}

/// One located metadata block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// What the block holds.
    pub kind: BlockKind,
    /// Where it sits, in words: "iTXt chunk at byte 33".
    pub place: String,
    /// Byte offset of the carrier (chunk, segment) from the start of the file (for text, the
    /// character offset). 64 bits on every target: streamed files can pass 4 GiB in wasm32.
    pub offset: u64,
    /// The payload, borrowed from the file or owned when it had to be inflated or decoded.
    pub data: Cow<'a, [u8]>,
}

impl<'a> Block<'a> {
    /// A block borrowing its payload from the file.
    pub fn borrowed(
        kind: BlockKind,
        place: String,
        offset: impl ByteOffset,
        data: &'a [u8],
    ) -> Self {
        Block {
            kind,
            place,
            offset: offset.into_u64(),
            data: Cow::Borrowed(data),
        }
    }

    /// A block holding a payload made during the scan.
    pub fn owned(kind: BlockKind, place: String, offset: impl ByteOffset, data: Vec<u8>) -> Self {
        Block {
            kind,
            place,
            offset: offset.into_u64(),
            data: Cow::Owned(data),
        }
    }

    /// The payload as text (lossy UTF-8).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.data)
    }
}

/// The result of walking one container: the blocks found and what went wrong.
#[derive(Debug, Default)]
pub struct Scan<'a> {
    /// Blocks in file order.
    pub blocks: Vec<Block<'a>>,
    /// Structural problems, in words. A non-empty list does not discard the blocks.
    pub errors: Vec<String>,
    /// A more precise format found inside the container (e.g. `docx` inside a ZIP).
    pub format: Option<&'static str>,
    /// What every error starts with ("PNG"), said once by the walker.
    prefix: &'static str,
    inflated: usize,
}

impl<'a> Scan<'a> {
    /// An empty scan whose errors start with `prefix` ("PNG: …"); "" for none.
    pub fn new(prefix: &'static str) -> Self {
        Scan {
            prefix,
            ..Scan::default()
        }
    }

    /// Adds a block unless the per-file limit is reached.
    pub fn push(&mut self, block: Block<'a>) {
        if self.blocks.len() < MAX_BLOCKS {
            self.blocks.push(block);
        } else if self.blocks.len() == MAX_BLOCKS {
            self.error(format!(
                "more than {MAX_BLOCKS} metadata blocks; the rest were ignored"
            ));
        }
    }

    /// Records a structural problem.
    pub fn error(&mut self, message: impl Into<String>) {
        let message = message.into();
        self.errors.push(if self.prefix.is_empty() {
            message
        } else {
            format!("{}: {message}", self.prefix)
        });
    }

    /// Inflates a zlib stream within the per-block and per-file limits.
    /// Returns what could be inflated; problems are recorded as errors.
    pub fn inflate(&mut self, compressed: &[u8], place: &str) -> Option<Vec<u8>> {
        let budget = MAX_INFLATED_BLOCK.min(MAX_INFLATED_TOTAL.saturating_sub(self.inflated));
        let result = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(compressed, budget);
        let bytes = match result {
            Ok(bytes) => bytes,
            Err(err) => {
                let reason = match err.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                        format!("inflates to more than {budget} bytes; stopped there")
                    }
                    _ => "its compressed data is corrupt".to_string(),
                };
                self.error(format!("{place}: {reason}"));
                if err.output.is_empty() {
                    return None;
                }
                err.output
            }
        };
        self.inflated = self.inflated.saturating_add(bytes.len());
        Some(bytes)
    }
}

/// Walks `source` as `format` and returns its metadata blocks. Image formats are read
/// whole (up to [`MAX_WHOLE_FILE`]) into `whole`, which the returned blocks may borrow;
/// streamed formats read only what they need.
pub fn scan_source<'a>(
    format: Format,
    source: &'a dyn Source,
    whole: &'a mut Option<Cow<'a, [u8]>>,
) -> Scan<'a> {
    scan_source_held(format, source, whole).0
}

/// [`scan_source`], also returning the whole file when it was read whole, so that later
/// readers of the file (C2PA hashing, pixel decoding) use these bytes instead of reading and
/// holding a second copy.
pub fn scan_source_held<'a>(
    format: Format,
    source: &'a dyn Source,
    whole: &'a mut Option<Cow<'a, [u8]>>,
) -> (Scan<'a>, Option<&'a [u8]>) {
    let scan = match format {
        Format::Mp4 | Format::Mov | Format::M4a | Format::Heif | Format::Avif => bmff::scan(source),
        Format::Wav | Format::Avi => riff::scan(source),
        Format::Mp3 => id3::scan(source),
        Format::Flac => flac::scan(source),
        Format::Ogg => ogg::scan(source),
        Format::Mkv | Format::Webm => matroska::scan(source),
        Format::Flv => flv::scan(source),
        Format::Pdf => pdf::scan(source),
        Format::Zip => ooxml::scan(source),
        Format::Png | Format::Jpeg | Format::Webp | Format::Gif | Format::Tiff => {
            if source.len() > MAX_WHOLE_FILE {
                let mut scan = Scan::default();
                scan.error(format!(
                    "{}: the file is over {MAX_WHOLE_FILE} bytes; not read",
                    format.as_str()
                ));
                return (scan, None);
            }
            match source.read_at(0, source.len() as usize) {
                Ok(bytes) => {
                    let data: &'a [u8] = whole.insert(bytes);
                    return (scan(format, data), Some(data));
                }
                Err(message) => {
                    let mut scan = Scan::default();
                    scan.error(message);
                    scan
                }
            }
        }
    };
    (scan, None)
}

/// Walks the bytes of an image format held in memory.
pub fn scan(format: Format, data: &[u8]) -> Scan<'_> {
    match format {
        Format::Png => png::scan(data),
        Format::Jpeg => jpeg::scan(data),
        Format::Webp => webp::scan(data),
        Format::Gif => gif::scan(data),
        Format::Tiff => exif::scan_tiff(data),
        other => {
            let mut scan = Scan::default();
            scan.error(format!("{}: not an in-memory format", other.as_str()));
            scan
        }
    }
}
