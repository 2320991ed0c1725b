//! Container parsers: each one walks its format's structure and *locates* metadata
//! blocks (XMP, EXIF fields, text chunks, C2PA JUMBF) with their byte offsets.
//! They never decode pixels and never interpret labels; that is `labels`' job.
//!
//! Adding a format: write `container/<format>.rs` with `pub fn scan(data: &[u8]) -> Scan<'_>`,
//! add its magic to `sniff.rs`, and one arm to [`scan`].

use std::borrow::Cow;

use crate::sniff::Format;

pub mod exif;
pub mod gif;
pub mod jpeg;
pub mod png;
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
}

/// One located metadata block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// What the block holds.
    pub kind: BlockKind,
    /// Where it sits, in words: "iTXt chunk at byte 33".
    pub place: String,
    /// Byte offset of the carrier (chunk, segment) from the start of the file.
    pub offset: usize,
    /// The payload, borrowed from the file or owned when it had to be inflated or decoded.
    pub data: Cow<'a, [u8]>,
}

impl<'a> Block<'a> {
    /// A block borrowing its payload from the file.
    pub fn borrowed(kind: BlockKind, place: String, offset: usize, data: &'a [u8]) -> Self {
        Block {
            kind,
            place,
            offset,
            data: Cow::Borrowed(data),
        }
    }

    /// A block holding a payload made during the scan.
    pub fn owned(kind: BlockKind, place: String, offset: usize, data: Vec<u8>) -> Self {
        Block {
            kind,
            place,
            offset,
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
    inflated: usize,
}

impl<'a> Scan<'a> {
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
        self.errors.push(message.into());
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

/// Walks `data` as `format` and returns its metadata blocks.
pub fn scan(format: Format, data: &[u8]) -> Scan<'_> {
    match format {
        Format::Png => png::scan(data),
        Format::Jpeg => jpeg::scan(data),
        Format::Webp => webp::scan(data),
        Format::Gif => gif::scan(data),
        Format::Tiff => exif::scan_tiff(data),
    }
}
