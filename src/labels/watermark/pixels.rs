//! Decodes an image's pixels for the watermark check, within fixed bounds.

use fast_image_resize::images::{TypedImage, TypedImageRef};
use fast_image_resize::pixels::U8x3;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{ImageFormat, ImageReader, Limits};

use crate::sniff::Format;
use crate::source::Source;

/// Files larger than this are not decoded for the watermark check.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// Images with more pixels than this are not decoded (a 2-byte PNG header can claim billions).
pub const MAX_PIXELS: u64 = 40_000_000;

/// 8-bit RGB pixels of an image.
pub struct Rgb {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height * 3` bytes, row-major.
    pub data: Vec<u8>,
}

/// The codec for `format`, if the watermark check reads it.
fn codec(format: Format) -> Option<ImageFormat> {
    Some(match format {
        Format::Png => ImageFormat::Png,
        Format::Jpeg => ImageFormat::Jpeg,
        Format::Webp => ImageFormat::WebP,
        Format::Gif => ImageFormat::Gif,
        _ => return None,
    })
}

/// Whether the watermark check can read `format`.
pub fn readable(format: Format) -> bool {
    codec(format).is_some()
}

/// A reader of `bytes` as `codec` that allocates at most 4 bytes for each of MAX_PIXELS.
fn bounded_reader(bytes: &[u8], codec: ImageFormat) -> ImageReader<std::io::Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), codec);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    reader
}

/// Decodes the first frame of the image in `source` to RGB.
pub fn decode(source: &dyn Source, format: Format) -> Result<Rgb, String> {
    let codec = codec(format).ok_or("not an image format the watermark check reads")?;
    if source.len() > MAX_FILE {
        return Err(format!(
            "images over {MAX_FILE} bytes are not checked for watermarks"
        ));
    }
    let len = usize::try_from(source.len()).map_err(|e| e.to_string())?;
    let bytes = source.read_at(0, len)?;
    let (width, height) = bounded_reader(&bytes, codec)
        .into_dimensions()
        .map_err(|e| format!("image header: {e}"))?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "{width}x{height} pixels is too large to check for watermarks"
        ));
    }
    let image = bounded_reader(&bytes, codec)
        .decode()
        .map_err(|e| format!("pixels: {e}"))?
        .into_rgb8();
    Ok(Rgb {
        width: image.width() as usize,
        height: image.height() as usize,
        data: image.into_raw(),
    })
}

/// The pixels resized to `width` × `height` with a Lanczos filter (of the filters tried, it
/// brings a resized mark back best), by `fast_image_resize` (the Cargo.toml comment on it gives
/// the measured gain over the `image` crate's f32 resize); None for a zero or oversized target
/// or pixels that do not fill the image.
pub fn resize(rgb: &Rgb, width: usize, height: usize) -> Option<Rgb> {
    if (width as u64).checked_mul(height as u64)? > MAX_PIXELS || width == 0 || height == 0 {
        return None;
    }
    // Typed for RGB8: the untyped entry point links the code of every pixel type (+340 KB
    // gzipped of wasm).
    let source = TypedImageRef::<U8x3>::from_buffer(
        u32::try_from(rgb.width).ok()?,
        u32::try_from(rgb.height).ok()?,
        rgb.data.as_slice(),
    )
    .ok()?;
    let mut data = vec![0; width.checked_mul(height)?.checked_mul(3)?];
    let mut resized = TypedImage::<U8x3>::from_buffer(
        u32::try_from(width).ok()?,
        u32::try_from(height).ok()?,
        &mut data,
    )
    .ok()?;
    let lanczos = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize_typed(&source, &mut resized, &lanczos)
        .ok()?;
    Some(Rgb {
        width,
        height,
        data,
    })
}
