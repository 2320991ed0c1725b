//! Format detection from magic bytes. The file name is never trusted.

/// How many leading bytes [`sniff`] looks at.
pub const SNIFF_LEN: usize = 1024;

/// A container format this build can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PNG.
    Png,
    /// JPEG (JFIF, EXIF).
    Jpeg,
    /// WebP (RIFF).
    Webp,
    /// GIF 87a/89a.
    Gif,
    /// TIFF, either byte order.
    Tiff,
    /// ISO BMFF video (MP4 and most brands).
    Mp4,
    /// QuickTime movie.
    Mov,
    /// MPEG-4 audio.
    M4a,
    /// HEIF / HEIC image.
    Heif,
    /// AVIF image.
    Avif,
    /// RIFF WAVE audio.
    Wav,
    /// RIFF AVI video.
    Avi,
    /// MP3 (ID3v2 tag or MPEG audio frames).
    Mp3,
    /// FLAC audio.
    Flac,
    /// Ogg (Vorbis, Opus, FLAC, Theora).
    Ogg,
    /// Matroska video.
    Mkv,
    /// WebM video (Matroska profile).
    Webm,
    /// Flash video.
    Flv,
    /// PDF document.
    Pdf,
    /// ZIP archive; Office Open XML documents (DOCX, XLSX, PPTX) are told apart inside.
    Zip,
}

/// What kind of content a format carries, for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// A picture.
    Image,
    /// A video.
    Video,
    /// Sound.
    Audio,
    /// A document.
    Document,
}

impl Format {
    /// The report's `format` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpeg",
            Format::Webp => "webp",
            Format::Gif => "gif",
            Format::Tiff => "tiff",
            Format::Mp4 => "mp4",
            Format::Mov => "mov",
            Format::M4a => "m4a",
            Format::Heif => "heif",
            Format::Avif => "avif",
            Format::Wav => "wav",
            Format::Avi => "avi",
            Format::Mp3 => "mp3",
            Format::Flac => "flac",
            Format::Ogg => "ogg",
            Format::Mkv => "mkv",
            Format::Webm => "webm",
            Format::Flv => "flv",
            Format::Pdf => "pdf",
            Format::Zip => "zip",
        }
    }

    /// Image, video, audio or document.
    pub fn media(self) -> Media {
        match self {
            Format::Png
            | Format::Jpeg
            | Format::Webp
            | Format::Gif
            | Format::Tiff
            | Format::Heif
            | Format::Avif => Media::Image,
            Format::Mp4 | Format::Mov | Format::Avi | Format::Mkv | Format::Webm | Format::Flv => {
                Media::Video
            }
            Format::M4a | Format::Wav | Format::Mp3 | Format::Flac | Format::Ogg => Media::Audio,
            Format::Pdf | Format::Zip => Media::Document,
        }
    }
}

impl Media {
    /// The report's `media` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Media::Image => "image",
            Media::Video => "video",
            Media::Audio => "audio",
            Media::Document => "document",
        }
    }
}

/// The container format announced by the first bytes (up to [`SNIFF_LEN`]), if any.
pub fn sniff(head: &[u8]) -> Option<Format> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let at = |range: std::ops::Range<usize>| head.get(range);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if starts(b"RIFF") {
        match at(8..12) {
            Some(b"WEBP") => Some(Format::Webp),
            Some(b"WAVE") => Some(Format::Wav),
            Some(b"AVI ") => Some(Format::Avi),
            _ => None,
        }
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some(Format::Gif)
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some(Format::Tiff)
    } else if at(4..8) == Some(b"ftyp") {
        Some(bmff_brand(head))
    } else if matches!(
        at(4..8),
        Some(b"moov" | b"mdat" | b"wide" | b"free" | b"skip")
    ) {
        Some(Format::Mov)
    } else if starts(b"ID3") {
        Some(Format::Mp3)
    } else if starts(b"fLaC") {
        Some(Format::Flac)
    } else if starts(b"OggS") {
        Some(Format::Ogg)
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        let webm = head
            .iter()
            .take(64)
            .copied()
            .collect::<Vec<u8>>()
            .windows(4)
            .any(|w| w == b"webm");
        Some(if webm { Format::Webm } else { Format::Mkv })
    } else if starts(b"FLV\x01") {
        Some(Format::Flv)
    } else if starts(b"PK\x03\x04") {
        Some(Format::Zip)
    } else if head.windows(5).take(SNIFF_LEN).any(|w| w == b"%PDF-") {
        Some(Format::Pdf)
    } else if is_mpeg_audio_frame(head) {
        Some(Format::Mp3)
    } else {
        None
    }
}

/// ISO BMFF major and compatible brands → format.
fn bmff_brand(head: &[u8]) -> Format {
    let declared = head
        .get(0..4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_be_bytes) as usize;
    let size = declared.clamp(8, 256).min(head.len());
    let brands: Vec<&[u8]> = head
        .get(8..size)
        .unwrap_or_default()
        .chunks_exact(4)
        .collect();
    let has = |brand: &[u8]| brands.contains(&brand);
    match brands.first().copied() {
        Some(b"qt  ") => Format::Mov,
        Some(b"M4A " | b"M4B " | b"M4P ") => Format::M4a,
        Some(b"avif" | b"avis") => Format::Avif,
        Some(b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1")
            if has(b"avif") =>
        {
            Format::Avif
        }
        Some(b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1") => {
            Format::Heif
        }
        _ => Format::Mp4,
    }
}

/// An MPEG audio frame header without an ID3 tag (and not a JPEG).
fn is_mpeg_audio_frame(head: &[u8]) -> bool {
    match head {
        [0xFF, b1, b2, ..] => {
            b1 & 0xE0 == 0xE0 && b1 & 0x06 != 0 && b2 & 0xF0 != 0xF0 && *b1 != 0xD8
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_magic() {
        let cases: &[(&[u8], Format)] = &[
            (b"\x89PNG\r\n\x1a\nrest", Format::Png),
            (&[0xFF, 0xD8, 0xFF, 0xE0], Format::Jpeg),
            (b"RIFF\0\0\0\0WEBPVP8 ", Format::Webp),
            (b"RIFF\0\0\0\0WAVEfmt ", Format::Wav),
            (b"RIFF\0\0\0\0AVI LIST", Format::Avi),
            (b"GIF89a", Format::Gif),
            (b"MM\0*\0\0\0\x08", Format::Tiff),
            (b"\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41", Format::Mp4),
            (b"\0\0\0\x14ftypqt  \0\0\x02\0qt  ", Format::Mov),
            (b"\0\0\0\x1cftypM4A \0\0\x02\0M4A isomiso2", Format::M4a),
            (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", Format::Heif),
            (b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf", Format::Avif),
            (b"ID3\x04\0\0\0\0\0\0", Format::Mp3),
            (&[0xFF, 0xFB, 0x90, 0x00], Format::Mp3),
            (b"fLaC\0\0\0\x22", Format::Flac),
            (b"OggS\0\x02", Format::Ogg),
            (
                b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska",
                Format::Mkv,
            ),
            (
                b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm",
                Format::Webm,
            ),
            (b"FLV\x01\x05\0\0\0\x09", Format::Flv),
            (b"%PDF-1.7\n", Format::Pdf),
            (b"PK\x03\x04\x14\0", Format::Zip),
        ];
        for (head, format) in cases {
            assert_eq!(sniff(head), Some(*format), "{format:?}");
        }
    }

    #[test]
    fn rejects_near_misses() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"\x89PNG"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0XXXX"), None);
        assert_eq!(sniff(b"hello world"), None);
        assert_eq!(sniff(&[0xFF, 0xFF, 0xFF]), None);
    }

    #[test]
    fn media_kinds() {
        assert_eq!(Format::Mp4.media(), Media::Video);
        assert_eq!(Format::Flac.media(), Media::Audio);
        assert_eq!(Format::Pdf.media(), Media::Document);
        assert_eq!(Format::Heif.media(), Media::Image);
    }
}
